import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { parseWorkloadText } from '../../src/workload/read.js';
import { IMPORT_DIR } from '../import/fixtures.js';

const app = createApp({ limits: { maxBodyBytes: 64 * 1024 } });

function post(body: unknown, contentType = 'application/json') {
  return app.request('/import', {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('POST /import', () => {
  it('answers the imported workload, its commented YAML and the sources', async () => {
    const text = readFileSync(join(IMPORT_DIR, 'copilot', 'manifest.yml'), 'utf8');
    const res = await post({ files: [{ name: 'manifest.yml', text }] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.format).toBe('copilot');
    expect(body.workload.services).toEqual([
      {
        name: 'thumbnailer',
        cpu: 1,
        memory: '2048 MiB',
        replicas: { min: 1, max: 8 },
        architecture: 'arm64',
        interruptible: true,
      },
    ]);
    expect(parseWorkloadText(body.yaml)).toEqual(body.workload);
    expect(body.sources.thumbnailer.cpu).toBe('manifest.yml:13 cpu: 1024 CPU units / 1024');
  });

  it('refuses a default size its parser refuses as a bad option at its field, as the CLI does', async () => {
    const text = readFileSync(join(IMPORT_DIR, 'copilot', 'manifest.yml'), 'utf8');
    const res = await post({
      files: [{ name: 'manifest.yml', text }],
      defaultCpu: 'lots',
      defaultMemory: -5,
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('INVALID_OPTIONS');
    expect(problem.issues.map((i: { path: string; message: string }) => [i.path, i.message])).toEqual([
      ['body.defaultCpu', 'expected vCPU as a number (0.5), millicores ("500m") or "2 vCPU", got "lots"'],
      ['body.defaultMemory', expect.stringContaining('got -5')],
    ]);
  });

  it('is a problem+json 400 with file:line issues for a file it cannot import', async () => {
    const res = await post({
      files: [{ name: 'k.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {}\n' }],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json();
    expect(problem.code).toBe('INVALID_WORKLOAD');
    expect(problem.issues).toEqual([
      { path: 'k.yaml:3', code: 'invalid_input', message: 'metadata.name: a Pod needs a name' },
    ]);
  });

  it('refuses a region its price data does not have, as POST /recommend would, at the overrides line', async () => {
    const text = readFileSync(join(IMPORT_DIR, 'copilot', 'manifest.yml'), 'utf8');
    const res = await post({
      files: [{ name: 'manifest.yml', text }],
      overrides: { name: 'overrides.yaml', text: 'team: { size: 3 }\nregion: us-est-1\n' },
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe('INVALID_WORKLOAD');
    expect(problem.issues).toEqual([
      {
        path: 'overrides.yaml:2',
        code: 'invalid_input',
        message: expect.stringMatching(
          /^region: unknown region "us-est-1": .*did you mean "us-east-1" or "us-west-1"\?$/,
        ),
      },
    ]);
  });

  it('refuses a request without files, YAML bodies and bodies over the limit', async () => {
    const empty = await post({ files: [] });
    expect(empty.status).toBe(400);
    expect((await empty.json()).code).toBe('INVALID_OPTIONS');
    expect((await post('files: []', 'application/yaml')).status).toBe(415);
    const big = await post({ files: [{ name: 'a.yaml', text: 'x'.repeat(70 * 1024) }] });
    expect(big.status).toBe(413);
  });
});
