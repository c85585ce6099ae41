import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readServerConfig } from '../../src/server/config.js';
import { buildOpenApiDocument, renderOpenApiYaml } from '../../src/server/openapi-document.js';
import { EXAMPLE_FILES } from '../../src/server/openapi-example-files.js';
import { readExampleFiles, renderExampleFilesModule } from '../../src/server/openapi-examples.js';
import { PROBLEM_CODES } from '../../src/server/problem.js';
import { WorkloadSchema } from '../../src/workload/schema.js';
import { OPENAPI_PATH } from './contract.js';
import { testApp } from './helpers.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../../examples', import.meta.url));
const EXAMPLES_MODULE = fileURLToPath(new URL('../../src/server/openapi-example-files.ts', import.meta.url));

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
        '/import',
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

  it('embeds every examples/ file as it is now (run `npm run openapi:build` when this fails)', () => {
    const files = readExampleFiles(EXAMPLES_DIR);
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(8);
    expect(readFileSync(EXAMPLES_MODULE, 'utf8')).toBe(renderExampleFilesModule(files));
    expect(EXAMPLE_FILES).toEqual(files);
  });

  it('gives POST /recommend every example, small web app first, each a valid workload', () => {
    const content = parse(generated).paths['/recommend'].post.requestBody.content;
    const json = content['application/json'].examples;
    const yaml = content['application/yaml'].examples;
    const names = Object.keys(readExampleFiles(EXAMPLES_DIR));
    expect(Object.keys(json).sort()).toEqual([...names].sort());
    expect(Object.keys(json)[0]).toBe('s01-small-web-app');
    expect(Object.keys(yaml)).toEqual(Object.keys(json));
    expect(json['s01-small-web-app'].summary).toBe(
      'S1: a single small web app behind an ALB, steady low traffic, no Kubernetes experience.',
    );
    for (const name of names) {
      expect(WorkloadSchema.safeParse(json[name].value).success, name).toBe(true);
      expect(parse(yaml[name].value)).toEqual(json[name].value);
    }
  });

  it('gives a service cpu and memory examples, so a sample built from the schema is not 0', () => {
    const service = parse(generated).components.schemas.Workload.properties.services.items.properties;
    expect(service.cpu.examples[0]).toBe(0.25);
    expect(service.memory.examples[0]).toBe('512 MiB');
    expect(WorkloadSchema.shape.services.element.shape.cpu.safeParse(service.cpu.examples[1]).success).toBe(
      true,
    );
  });

  it("lists the serving origin first, then berth serve's default address", () => {
    const { host, port } = readServerConfig({});
    expect(parse(generated).servers.map((s: { url: string }) => s.url)).toEqual([
      '/',
      `http://${host}:${port}`,
    ]);
  });

  it('states input defaults in prose (optional for clients) and requires defaulted output fields', () => {
    const schemas = parse(generated).components.schemas;
    expect(JSON.stringify(schemas.Workload)).not.toContain('"default"');
    expect(schemas.Workload.properties.region.description).toBe('Default: `"us-east-1"`.');
    expect(schemas.Workload.required ?? []).not.toContain('region');
    const team = schemas.NormalisedWorkload.properties.team;
    expect(team.properties.size.default).toBe(5);
    expect(team.required).toEqual(['kubernetesExperience', 'size', 'operationsAppetite']);
  });
});
