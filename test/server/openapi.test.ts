import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildOpenApiDocument, renderOpenApiYaml } from '../../src/server/openapi-document.js';
import { PROBLEM_CODES } from '../../src/server/problem.js';
import { OPENAPI_PATH } from './contract.js';
import { testApp } from './helpers.js';

describe('openapi.yaml', () => {
  const generated = renderOpenApiYaml(buildOpenApiDocument(testApp()));

  it('is what the zod schemas generate (run `npm run openapi:build` when this fails)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(generated);
  });

  it('is OpenAPI 3.1 and lists every route of the issue', () => {
    const doc = parse(generated);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/docs',
        '/healthz',
        '/openapi.json',
        '/openapi.yaml',
        '/recommend',
        '/regions',
        '/rules',
        '/schema/workload.json',
      ].sort(),
    );
  });

  it('documents every error status of POST /recommend as problem+json, and every problem code', () => {
    const doc = parse(generated);
    const responses = doc.paths['/recommend'].post.responses;
    for (const status of ['400', '413', '415', '422', '500', '503', 'default']) {
      expect(responses[status].content).toHaveProperty(['application/problem+json']);
    }
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual([...PROBLEM_CODES]);
  });

  it('publishes the workload schema as a component, with no nested $schema or $id', () => {
    const doc = parse(generated);
    expect(doc.components.schemas.Workload.properties).toHaveProperty('services');
    expect(doc.components.schemas.Workload).not.toHaveProperty('$schema');
    expect(doc.components.schemas.Workload).not.toHaveProperty('$id');
  });
});
