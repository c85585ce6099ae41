/**
 * A typed client, generated the way the README says (openapi-typescript with its default options, then
 * openapi-fetch), type-checks under strict TypeScript with no casts and talks to a real `berth serve`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/node.js';
import { RULES } from './helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const bin = (file: string) => path.join(ROOT, 'node_modules', file);

/** The caller's code: every field it reads is typed by the generated paths, and nothing is cast. */
const CLIENT_SOURCE = `import createClient from 'openapi-fetch';
import type { paths } from './berth-api.js';

export async function callBerth(baseUrl: string) {
  const client = createClient<paths>({ baseUrl });
  const health = await client.GET('/healthz');
  if (health.data === undefined) throw new Error(\`GET /healthz failed: \${health.response.status}\`);
  const { data, error } = await client.POST('/recommend', {
    params: { query: { detail: 'summary' } },
    body: {
      name: 'small-web-app',
      services: [{ name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2, exposure: 'public' }],
    },
  });
  if (error !== undefined) throw new Error(\`POST /recommend failed: \${error.code}\`);
  const rejected = await client.POST('/recommend', {
    body: { services: [{ name: 'web', cpu: '2 bananas', memory: 512 }] },
  });
  return {
    health: health.data.status,
    recommended: data.recommended,
    monthlyUsd: data.candidates[0]?.cost?.monthlyUsd,
    pricing: data.pricing.source,
    errorStatus: rejected.response.status,
    errorCode: rejected.error?.code,
    issuePath: rejected.error?.issues?.[0]?.path,
  };
}
`;

/** The repository's strictness, standalone: only the generated types and the caller's code. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  files: ['client.ts'],
};

let dir = '';
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-client-'));
  // The caller's project: the repository's packages (openapi-fetch, TypeScript, @types/node) via a link.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  writeFileSync(path.join(dir, 'client.ts'), CLIENT_SOURCE);
  server = await startServer({ port: 0, host: '127.0.0.1', deps: { rules: RULES } });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('a client generated from openapi.yaml with default options', () => {
  it('generates, type-checks with no casts, and calls berth serve on loopback', async () => {
    // The README's command: npx openapi-typescript openapi.yaml -o berth-api.d.ts
    await run(
      process.execPath,
      [bin('openapi-typescript/bin/cli.js'), 'openapi.yaml', '-o', path.join(dir, 'berth-api.d.ts')],
      { cwd: ROOT },
    );
    const tsc = await run(process.execPath, [bin('typescript/bin/tsc'), '-p', dir]).catch(
      (error: { stdout?: string }) => ({ stdout: `tsc failed:\n${error.stdout ?? ''}` }),
    );
    expect(tsc.stdout).toBe('');

    const client = await import(pathToFileURL(path.join(dir, 'client.ts')).href);
    const result = await client.callBerth(server!.url);
    expect(result).toMatchObject({
      health: 'ok',
      recommended: 'ecs-fargate',
      pricing: 'snapshot',
      errorStatus: 400,
      errorCode: 'INVALID_WORKLOAD',
      issuePath: 'services[0].cpu',
    });
    expect(result.monthlyUsd).toMatch(/^\d+\.\d+$/);
  }, 120_000);
});
