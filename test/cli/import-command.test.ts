import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { parseWorkloadText } from '../../src/workload/read.js';
import { IMPORT_DIR } from '../import/fixtures.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const COMPOSE = join(IMPORT_DIR, 'compose', 'compose.yaml');
const COPILOT = join(IMPORT_DIR, 'copilot', 'manifest.yml');

describe('berth import', () => {
  it('prints the workload as commented YAML that parses back, and sums up on stderr', async () => {
    const r = await run('import', COMPOSE, '--default-memory', '2 GiB');
    expect(r.code).toBe(0);
    const workload = parseWorkloadText(r.stdout) as { services: { memory: string }[] };
    expect(workload.services.map((s) => s.memory)).toEqual(['2 GiB', '2 GiB', '2 GiB', '2 GiB']);
    expect(r.stdout).toContain('# default from --default-memory: the input gives no memory');
    expect(r.stderr).toBe(
      'berth: imported 4 services from compose input (4 with default resources: web, worker, db, cache; 2 warning(s))\n',
    );
  });

  it('prints every problem of a bad file as {file}:{line}: {what}: {why} and exits 1', async () => {
    const r = await run('import', COPILOT, '--from', 'kubernetes');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `berth: could not import 1 file\n  ${COPILOT}:2: (document): not a Kubernetes object: expected apiVersion and kind\n`,
    );
  });

  it.each(['abc', '0', '-1', '1e3'])(
    'refuses --default-volume-gib %j as typed, with exit 2',
    async (value) => {
      // It used to read the files first and then say "default volume size: expected a positive number of GiB, got NaN".
      const r = await run('import', COMPOSE, '--default-volume-gib', value);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `berth import: invalid --default-volume-gib "${value}": expected a positive number of GiB\n`,
      );
      expect(r.stdout).toBe('');
    },
  );

  it('refuses a region the price data does not have, at the overrides line, and exits 1', async () => {
    // It used to print a workload with region us-est-1, which berth recommend then refused.
    const overrides = join(mkdtempSync(join(tmpdir(), 'berth-import-')), 'overrides.yaml');
    writeFileSync(overrides, 'region: us-est-1\n');
    const r = await run('import', COMPOSE, '--overrides', overrides);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      new RegExp(
        `^berth: the imported workload is not valid\\n  ${overrides}:1: region: unknown region "us-est-1": `,
      ),
    );
  });

  it('refuses --default-cpu and --default-memory as the workload units parser does, with exit 2', async () => {
    // They used to read the files first and then say "(options): default CPU: ..." as a problem of the files.
    const cpu = await run('import', COMPOSE, '--default-cpu', 'abc');
    expect(cpu.code).toBe(2);
    expect(cpu.stderr).toBe(
      'berth import: invalid --default-cpu "abc": expected vCPU as a number (0.5), millicores ("500m") or "2 vCPU", got "abc"\n',
    );
    const memory = await run('recommend', COMPOSE, '--default-memory', '2 Gb');
    expect(memory.code).toBe(2);
    expect(memory.stderr).toBe(
      'berth recommend: invalid --default-memory "2 Gb": expected a unit of bytes, got "2 Gb": Gb means gigabits, and a bit is an eighth of a byte (write GiB, MiB or GB)\n',
    );
    // Accepted values go through as typed: 0.25 vCPU and 512 MiB for the four services the file does not size.
    const ok = await run('import', COMPOSE, '--default-cpu', '250m', '--default-memory', '512 MiB');
    expect(ok.code).toBe(0);
    const workload = parseWorkloadText(ok.stdout) as { services: { cpu: unknown; memory: unknown }[] };
    expect(workload.services.map((s) => [s.cpu, s.memory])).toEqual(Array(4).fill(['250m', '512 MiB']));
  });
});

describe('berth recommend with files to import', () => {
  it('carries the import warnings into the recommendation: the Compose database and cache', async () => {
    const r = await run('recommend', join(IMPORT_DIR, 'compose', 'compose.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    const messages: string[] = JSON.parse(r.stdout).warnings.map((w: { message: string }) => w.message);
    expect(messages.filter((m) => /^(db|cache): looks like/.test(m))).toHaveLength(2);
    expect(r.stderr).toMatch(/berth: warning: db: looks like a PostgreSQL database/);
  });

  it('says it imported them, then recommends: the Copilot worker runs on ECS on EC2', async () => {
    const r = await run('recommend', COPILOT, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'berth: imported 1 service from copilot input; berth import shows where each value came from\n' +
        // count.range 1-8 with no traffic pattern: priced at 8 all week, and said so (docs/workload.md).
        'berth: warning: services[0].replicas: the range 1–8 with steady traffic is priced at 8 replicas all week (steady runs at the maximum); give the service or the workload a traffic pattern (diurnal, spiky, batch, scheduled or an hourly profile) to price the movement inside it\n',
    );
    // An arm64 worker that tolerates interruption: Fargate Spot runs no Arm, so Fargate bills it on demand
    // ($280.12 a month), and EC2 Spot Graviton nodes cost less (rule fargate-spot-not-arm64).
    const rec = JSON.parse(r.stdout);
    expect(rec.recommended).toBe('ecs-ec2');
    expect(rec.warnings.map((w: { ruleId: string | null }) => w.ruleId)).toContain('fargate-spot-not-arm64');
  });

  it('the ECS GPU service runs on ECS on EC2 (Fargate has no GPUs)', async () => {
    const r = await run(
      'recommend',
      join(IMPORT_DIR, 'ecs', 'task-definition.json'),
      join(IMPORT_DIR, 'ecs', 'services.json'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.recommended).toBe('ecs-ec2');
    const fargate = rec.candidates.find((c: { id: string }) => c.id === 'ecs-fargate');
    expect(fargate.feasible).toBe(false);
    expect(fargate.exclusions.map((e: { ruleId: string }) => e.ruleId)).toContain('fargate-no-gpu');
  });
});
