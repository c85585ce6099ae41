import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { EXAMPLES_DIR } from '../helpers/workloads.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const S1 = path.join(EXAMPLES_DIR, 's01-small-web-app.yaml');
const S11 = path.join(EXAMPLES_DIR, 's11-kafka-ebs.yaml');

describe('berth recommend --iac', () => {
  it('writes the Terraform of the recommended candidate to --out and still prints the recommendation', async () => {
    const dir = path.join(makeTempDir(), 'infra');
    const r = await run('recommend', S1, '--iac', 'terraform', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recommended: ECS on Fargate');
    expect(r.stderr).toBe(`berth: wrote 7 terraform file(s) for ecs-fargate to ${dir}\n`);
    expect(readdirSync(dir).sort()).toEqual([
      'cluster.tf',
      'iam.tf',
      'network.tf',
      'outputs.tf',
      'service-web.tf',
      'variables.tf',
      'versions.tf',
    ]);
    expect(readFileSync(path.join(dir, 'versions.tf'), 'utf8')).toContain('version = ">= 5.75, < 7.0"');
  });

  it('keeps stdout parseable JSON while writing Kubernetes manifests for an EKS recommendation', async () => {
    const dir = makeTempDir();
    const r = await run('recommend', S11, '--format', 'json', '--iac', 'kubernetes', '--out', dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recommended).toBe('eks-ec2');
    expect(readdirSync(dir).sort()).toEqual(['00-namespace.yaml', '02-storage-class.yaml', 'broker.yaml']);
  });

  it('refuses a target that does not fit the recommendation, writing nothing and printing why', async () => {
    const dir = path.join(makeTempDir(), 'never');
    const r = await run('recommend', S1, '--iac', 'kubernetes', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'berth: cannot generate kubernetes for ECS on Fargate: Kubernetes manifests need an EKS candidate; ECS does not run them; targets that fit this candidate: terraform, cloudformation\n',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('rejects an unknown target and --iac without --out as usage errors', async () => {
    const unknown = await run('recommend', S1, '--iac', 'pulumi', '--out', makeTempDir());
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe(
      'berth recommend: unknown --iac "pulumi": expected one of terraform, cloudformation, kubernetes\n',
    );
    const alone = await run('recommend', S1, '--iac', 'terraform');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(
      'berth recommend: --iac TARGET and --out DIR go together (starter code is written to DIR)\n',
    );
    expect((await run('recommend', S1, '--out', makeTempDir())).code).toBe(2);
  });
});
