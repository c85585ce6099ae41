/**
 * @module tarball.test: the package as a user gets it. Builds and packs Berth, installs the tarball in a
 * throwaway project with no network, and uses it there from plain Node, TypeScript, the bin and require().
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { parseWorkloadText } from '../../src/workload/read.js';
import { writeConsumerProject } from './consumer-project.js';
import { type CommandResult, runCommand } from './run-command.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** Safety stop of every command: a hung one ends with SIGKILL, and its assertions fail. */
const KILL_AFTER_MS = 600_000;

/**
 * A web service on Fargate beside a GPU service, which only EC2 can hold. Its 41 tasks are more than the
 * calling thread settles alone (optimize-fleet.ts solves up to 40 there), so the solver threads start.
 */
const WORKLOAD = {
  services: [
    { name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2 },
    { name: 'model', cpu: 4, memory: '16 GiB', replicas: 41, gpus: 1 },
  ],
};

const ADVISE_SCRIPT = `import { advise } from 'berth';
const rec = await advise(${JSON.stringify(WORKLOAD)});
const best = rec.candidates.find((c) => c.id === rec.recommended);
// What still holds the event loop once advise() is done: a lingering worker, port or timer would be listed.
// The process's own stdout and stderr pipes (PipeWrap), opened once a worker thread wrote through them,
// are left out: they do not keep it alive.
setImmediate(() => console.log(JSON.stringify({
  recommended: rec.recommended,
  monthlyUsd: best?.cost?.monthlyUsd,
  active: process.getActiveResourcesInfo().filter((r) => r !== 'PipeWrap'),
})));
`;

const SUBPATHS_SCRIPT = `const optimizer = await import('berth/optimizer');
const pricing = await import('berth/pricing');
const server = await import('berth/server');
console.log(JSON.stringify({
  optimizeFleet: typeof optimizer.optimizeFleet,
  regions: pricing.listSnapshotRegions().some((r) => r.region === 'us-east-1'),
  m5large: pricing.findInstanceType('m5.large')?.vcpu,
  createApp: typeof server.createApp,
}));
`;

const TS_CONSUMER = `import { advise, type Recommendation } from 'berth';
import { optimizeFleet, type FleetPlan } from 'berth/optimizer';
import { SnapshotPriceSource } from 'berth/pricing';
import { createApp } from 'berth/server';

const rec: Recommendation = await advise({ services: [{ name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2 }] });
const id: string = rec.recommended;
const total: string | undefined = rec.candidates[0]?.cost?.monthlyUsd;
// @ts-expect-error the types are real ones, not any: a field a Recommendation does not have is an error
rec.notAField;
export type Plan = FleetPlan;
export { createApp, id, optimizeFleet, SnapshotPriceSource, total };
`;

const TS_CONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noEmit: true,
    types: ['node'],
  },
  files: ['use.ts'],
};

let work: string;
let project: string;
let packed: { filename: string; integrity: string; files: { path: string }[] };
let install: CommandResult;

function node(args: string[]): Promise<CommandResult> {
  return runCommand(process.execPath, args, project, KILL_AFTER_MS);
}

/** dist/ as the test found it: a clone that had none gets none back, or `npx berth` would run it, stale. */
let distWasBuilt = true;

beforeAll(async () => {
  distWasBuilt = existsSync(path.join(repoRoot, 'dist'));
  work = mkdtempSync(path.join(tmpdir(), 'berth-package-'));
  // npm pack runs `prepack`, which is the build: this is what `npm publish` would ship.
  const pack = await runCommand(
    'npm',
    ['pack', '--json', '--pack-destination', work],
    repoRoot,
    KILL_AFTER_MS,
  );
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  packed = JSON.parse(pack.stdout)[0];
  project = path.join(work, 'project');
  mkdirSync(project);
  writeConsumerProject(repoRoot, project, packed);
  install = await runCommand('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project, KILL_AFTER_MS);
  if (install.code !== 0) throw new Error(`npm ci of the tarball failed: ${install.stderr}`);
  writeFileSync(path.join(project, 'advise.mjs'), ADVISE_SCRIPT);
  writeFileSync(path.join(project, 'subpaths.mjs'), SUBPATHS_SCRIPT);
  writeFileSync(path.join(project, 'use.ts'), TS_CONSUMER);
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(TS_CONFIG, null, 2));
}, 900_000); // the build alone takes over a minute on a busy 2-core machine

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  if (!distWasBuilt) rmSync(path.join(repoRoot, 'dist'), { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships the compiled library, its types and data, and no sources or development files', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/berth.js',
        'cjs/require-error.cjs',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/entries/optimizer.d.ts',
        'dist/optimizer/runtime/worker.js',
        'dist/server/advise-worker.js',
        'data/instance-types.json',
        'rules/compute/fargate-no-gpu.yaml',
        'settings/ranking.yaml',
        'openapi.yaml',
        'schema/workload.schema.json',
      ]),
    );
    expect(files.filter((f) => /^(src|test|scripts|bench)\/|\.mjs$|\.ts$(?<!\.d\.ts)/.test(f))).toEqual([]);
  });

  it('installs offline with no engine warning, no tsx and no install-time telemetry', () => {
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    // No install script of Berth's own: npm 11 warns about every one, even a `prepare` it never runs.
    expect(install.stderr).not.toMatch(/install-scripts/);
    const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules/berth/package.json'), 'utf8'));
    expect(Object.keys(manifest.scripts).filter((k) => /^(pre|post)?(install|prepare)$/.test(k))).toEqual([]);
    for (const name of ['tsx', 'esbuild', 'swagger-ui-dist', '@scarf/scarf']) {
      expect([name, existsSync(path.join(project, 'node_modules', name))]).toEqual([name, false]);
    }
    expect(existsSync(path.join(project, 'node_modules/berth/dist/index.js'))).toBe(true);
  });
});

describe('the installed package', () => {
  it('advise() runs from plain Node, gives the answer of the sources, and lets the process exit', async () => {
    const run = await node(['advise.mjs']);
    expect([run.code, run.signal, run.stderr]).toEqual([0, null, '']);
    const result = JSON.parse(run.stdout);
    const fromSources = await advise(WORKLOAD);
    const best = fromSources.candidates.find((c) => c.id === fromSources.recommended);
    expect(result).toEqual({
      recommended: fromSources.recommended,
      monthlyUsd: best?.cost?.monthlyUsd,
      active: [],
    });
    expect(result.recommended).toBe('ecs-mixed');
  }, 300_000);

  it('berth/optimizer, berth/pricing and berth/server load, with the data found from dist/', async () => {
    const run = await node(['subpaths.mjs']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(JSON.parse(run.stdout)).toEqual({
      optimizeFleet: 'function',
      regions: true,
      m5large: 2,
      createApp: 'function',
    });
  }, 300_000);

  it('type-checks in a strict TypeScript project with nodenext resolution', async () => {
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const run = await node([tsc, '-p', '.']);
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '', '']);
  }, 300_000);

  it('the berth bin recommends from a workload file', async () => {
    const file = path.join(repoRoot, 'examples/s01-small-web-app.yaml');
    const bin = path.join(project, 'node_modules/.bin/berth');
    const run = await runCommand(bin, ['recommend', file, '--format', 'json'], project, KILL_AFTER_MS);
    expect([run.code, run.signal, run.stderr]).toEqual([0, null, '']);
    const fromSources = await advise(parseWorkloadText(readFileSync(file, 'utf8')));
    expect(JSON.parse(run.stdout).recommended).toBe(fromSources.recommended);
    expect(fromSources.recommended).toBe('ecs-fargate');
  }, 300_000);

  it('require() says berth is an ES module and how to load it', async () => {
    for (const entry of ['berth', 'berth/optimizer']) {
      const run = await node(['-e', `require('${entry}')`]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        "Error: require() of berth is not supported: berth and its subpaths are ES modules, load them with import('berth')",
      );
    }
  }, 300_000);
});
