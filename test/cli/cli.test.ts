import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { loadRules } from '../../src/rules/loader.js';
import { EXAMPLES_DIR, FIXTURES_DIR } from '../helpers/workloads.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('berth recommend', () => {
  it('prints a table by default', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's02-gpu-inference.yaml'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Recommended: ECS, mixed Fargate and EC2');
    expect(r.stdout).toMatch(/-\s+ECS on Fargate\s+-\s+-\s+-\s+excluded: fargate-no-gpu \(model-server\)/);
    // Line items and totals per priced candidate.
    expect(r.stdout).toMatch(/ECS, mixed Fargate and EC2: \$\d+\.\d\d a month/);
    expect(r.stdout).toMatch(
      /api: Fargate vCPU, 1 vCPU \/ 2 GB billed .* 1460 vCPU-hour\s+\$0\.04048\s+\$59\.10/,
    );
    expect(r.stdout).toMatch(/Prices: snapshot source \(snapshot\), as of \d{4}-\d\d-\d\d/);
  });

  it('prints JSON that parses back to the recommendation', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's01-small-web-app.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.recommended).toBe('ecs-fargate');
    expect(rec.candidates).toHaveLength(6);
  });

  it('prints Markdown with a table and sources', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's11-kafka-ebs.yaml'), '-f', 'markdown');
    expect(r.stdout).toMatch(/^## Berth: EKS on EC2 for kafka \(us-east-1\)/);
    expect(r.stdout).toContain('| Rank | Candidate | Score | Monthly | vs best | Status |');
    expect(r.stdout).toContain(
      '| broker: gp3 EBS volume of 1024 GB × 3 replicas | 3072 GB-month | MISSING | no price (ebs:gp3-gb-month) |',
    );
    expect(r.stdout).toContain('[source](https://docs.aws.amazon.com/');
  });

  it('reports invalid workloads on stderr with paths and a non-zero exit', async () => {
    const r = await run('recommend', join(FIXTURES_DIR, 'impossible.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^berth: no candidate can run this workload\n {2}services\[0\]: /);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reports a missing file, a bad format and YAML syntax errors', async () => {
    expect((await run('recommend', '/nonexistent.yaml')).stderr).toBe(
      'berth: could not read /nonexistent.yaml: no such file\n',
    );
    const bad = await run('recommend', join(EXAMPLES_DIR, 's01-small-web-app.yaml'), '--format', 'xml');
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('expected one of table, json, markdown'),
    });
    expect((await run('recommend')).code).toBe(2);
    expect((await run('frobnicate')).stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe('berth rules and schema', () => {
  it('lists rules with their sources', async () => {
    const r = await run('rules');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/fargate-no-gpu\s+service\s+exclude fargate\s+https:\/\/docs\.aws\.amazon\.com/);
  });

  it('lists every rule of rules/ once, with its source', async () => {
    const lines = (await run('rules')).stdout.trimEnd().split('\n').slice(2);
    const rules = loadRules();
    expect(lines).toHaveLength(rules.length);
    for (const rule of rules) {
      const line = lines.find((l) => l.startsWith(`${rule.id} `));
      expect(line?.trimEnd().endsWith(rule.source), rule.id).toBe(true);
    }
  });

  it('prints the workload JSON Schema', async () => {
    const schema = JSON.parse((await run('schema')).stdout);
    expect(schema.title).toBe('Berth workload');
    expect(schema.required).toEqual(['services']);
    expect(schema.additionalProperties).toBe(false);
  });
});
