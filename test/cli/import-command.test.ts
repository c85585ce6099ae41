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
});

describe('berth recommend with files to import', () => {
  it('carries the import warnings into the recommendation: the Compose database and cache', async () => {
    const r = await run('recommend', join(IMPORT_DIR, 'compose', 'compose.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    const messages: string[] = JSON.parse(r.stdout).warnings.map((w: { message: string }) => w.message);
    expect(messages.filter((m) => /^(db|cache): looks like/.test(m))).toHaveLength(2);
    expect(r.stderr).toMatch(/berth: warning: db: looks like a PostgreSQL database/);
  });

  it('says it imported them, then recommends: the Copilot worker runs on ECS Fargate', async () => {
    const r = await run('recommend', COPILOT, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'berth: imported 1 service from copilot input; berth import shows where each value came from\n',
    );
    expect(JSON.parse(r.stdout).recommended).toBe('ecs-fargate');
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
