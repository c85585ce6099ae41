/**
 * `terraform validate` and `terraform fmt -check` on generated files, where the machine has terraform and an
 * AWS provider mirror (the CI image has /opt/tf-plugins). Without them the caller skips loudly.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { IacFile } from '../../../src/model/iac.js';
import type { ParsedTerraform } from './terraform-check.js';

const run = promisify(execFile);
const PLUGIN_DIR = process.env.TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const ENV = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };

/** Why terraform cannot run here, or null when it can. */
export async function terraformUnavailable(): Promise<string | null> {
  if (!existsSync(path.join(PLUGIN_DIR, 'registry.terraform.io', 'hashicorp', 'aws')))
    return `no AWS provider mirror at ${PLUGIN_DIR} (set TF_PLUGIN_DIR)`;
  try {
    await run('terraform', ['version'], { env: ENV });
    return null;
  } catch {
    return 'no terraform binary on PATH';
  }
}

export interface TerraformVerdict {
  valid: boolean;
  diagnostics: string[];
  /** Files `terraform fmt` would change. */
  unformatted: string[];
  /** The provider version init installed. */
  provider: string;
}

export interface Stack {
  /** A folder name for the stack (letters, digits, dashes). */
  name: string;
  files: readonly IacFile[];
  /** Values for the stack's variables that have no default. */
  inputs: Record<string, unknown>;
}

/**
 * Validates several stacks with one `terraform init` and one `terraform validate`: each stack becomes a
 * child module of a scratch root module that passes it dummy inputs, in a fresh temp folder.
 */
export async function validateWithTerraform(stacks: readonly Stack[]): Promise<TerraformVerdict> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-tf-'));
  try {
    const root: string[] = [];
    for (const stack of stacks) {
      for (const file of stack.files) {
        const target = path.join(dir, stack.name, file.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.contents);
      }
      const inputs = Object.entries(stack.inputs).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
      root.push(`module "${stack.name}" {\n  source = "./${stack.name}"\n${inputs.join('\n')}\n}\n`);
    }
    writeFileSync(path.join(dir, 'main.tf'), root.join('\n'));
    const init = await run(
      'terraform',
      ['init', '-backend=false', '-input=false', `-plugin-dir=${PLUGIN_DIR}`, '-no-color'],
      {
        cwd: dir,
        env: ENV,
      },
    );
    const provider = /Installed hashicorp\/aws v([\d.]+)/.exec(init.stdout)?.[1] ?? 'unknown';
    const validate = await run('terraform', ['validate', '-json', '-no-color'], { cwd: dir, env: ENV }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '{}' }),
    );
    const verdict = JSON.parse(validate.stdout) as {
      valid: boolean;
      diagnostics?: {
        severity: string;
        summary: string;
        detail?: string;
        range?: { filename: string; start: { line: number } };
      }[];
    };
    const fmt = await run('terraform', ['fmt', '-check', '-recursive', '-list=true', '-no-color', '.'], {
      cwd: dir,
      env: ENV,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return {
      valid: verdict.valid,
      diagnostics: (verdict.diagnostics ?? []).map(
        (d) =>
          `${d.severity}: ${d.range ? `${d.range.filename}:${d.range.start.line}: ` : ''}${d.summary}${d.detail ? ` (${d.detail})` : ''}`,
      ),
      unformatted: fmt.stdout.split('\n').filter((l) => l.trim() !== '' && l.trim() !== 'main.tf'),
      provider,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What an offline `terraform plan` would create, per stack. */
export interface PlanVerdict {
  /** Resource addresses to create per stack (`aws_ecs_cluster.this`), or the error that stopped the plan. */
  planned: Record<string, string[]>;
  /** The planned values of each stack's resources of one type, by address, for the caller to check. */
  values: Record<string, Record<string, Record<string, unknown>>>;
  error: string | null;
}

/**
 * Files an offline plan leaves out: EKS platform add-ons (Helm releases) live in `platform.tf` and
 * `platform/`, which need the helm provider the local mirror does not have; the plan covers the root module.
 */
export function isPlannedOffline(file: IacFile): boolean {
  return file.path !== 'platform.tf' && !file.path.startsWith('platform/');
}

/**
 * Plans several stacks with no AWS account: each becomes a child module of a scratch root, with the
 * documented `provider_override.tf` (skip the AWS calls) beside it and dummy credentials in the environment.
 * One init and one plan for all; `terraform show -json` lists what each module would create.
 */
export async function planOffline(
  stacks: readonly Stack[],
  override: readonly string[],
): Promise<PlanVerdict> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-plan-'));
  const env = {
    ...ENV,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  try {
    const root: string[] = [];
    for (const stack of stacks) {
      for (const file of stack.files.filter(isPlannedOffline)) {
        const target = path.join(dir, stack.name, file.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, file.contents);
      }
      writeFileSync(path.join(dir, stack.name, 'provider_override.tf'), `${override.join('\n')}\n`);
      const inputs = Object.entries(stack.inputs).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`);
      root.push(`module "${stack.name}" {\n  source = "./${stack.name}"\n${inputs.join('\n')}\n}\n`);
    }
    writeFileSync(path.join(dir, 'main.tf'), root.join('\n'));
    await run(
      'terraform',
      ['init', '-backend=false', '-input=false', `-plugin-dir=${PLUGIN_DIR}`, '-no-color'],
      {
        cwd: dir,
        env,
      },
    );
    try {
      await run('terraform', ['plan', '-refresh=false', '-input=false', '-no-color', '-out=plan.bin'], {
        cwd: dir,
        env,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string };
      return { planned: {}, values: {}, error: (e.stderr || e.stdout || String(error)).slice(0, 4000) };
    }
    const show = await run('terraform', ['show', '-json', 'plan.bin'], {
      cwd: dir,
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    const plan = JSON.parse(show.stdout) as {
      resource_changes?: {
        address: string;
        module_address?: string;
        mode: string;
        change: { actions: string[]; after?: Record<string, unknown> };
      }[];
    };
    const planned: Record<string, string[]> = {};
    const values: PlanVerdict['values'] = {};
    for (const change of plan.resource_changes ?? []) {
      if (change.mode !== 'managed' || !change.change.actions.includes('create')) continue;
      const stack = (change.module_address ?? '').replace(/^module\./, '');
      const address = change.address.replace(`${change.module_address}.`, '');
      planned[stack] = [...(planned[stack] ?? []), address];
      values[stack] = { ...(values[stack] ?? {}), [address]: change.change.after ?? {} };
    }
    return { planned, values, error: null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Plausible values for the variables without a default, so `terraform validate` sees a complete call. */
export function dummyInputs(parsed: Map<string, ParsedTerraform>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const doc of parsed.values()) {
    const variables = (doc.variable ?? {}) as Record<string, { type?: string; default?: unknown }[]>;
    for (const [name, [body]] of Object.entries(variables)) {
      if (body === undefined || 'default' in body) continue;
      inputs[name] = DUMMY[name] ?? (String(body.type).includes('list') ? ['placeholder'] : 'placeholder');
    }
  }
  if ('images' in inputs) {
    // The images variable names every service; its validation lists them.
    const names = /for s in \[([^\]]*)\]/.exec(JSON.stringify(parsed.get('variables.tf') ?? {}))?.[1] ?? '';
    inputs.images = Object.fromEntries(
      [...names.matchAll(/\\"([a-z0-9-]+)\\"/g)].map((m) => [
        m[1],
        'public.ecr.aws/docker/library/busybox:stable',
      ]),
    );
  }
  return inputs;
}

const DUMMY: Record<string, unknown> = {
  vpc_id: 'vpc-0123456789abcdef0',
  private_subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  public_subnet_ids: ['subnet-0a1b2c3d4e5f60718', 'subnet-08f7e6d5c4b3a2910'],
  certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-1234-5678-9abc-0123456789ab',
  domain_name: 'example.com',
  cluster_endpoint_public_access_cidrs: ['203.0.113.0/24'],
};

/**
 * The lookups an offline plan gives as variables instead (variables with a null or empty default that
 * would otherwise read AWS at plan time): the VPC CIDR and an AMI id per node pool.
 */
export function offlineLookups(parsed: Map<string, ParsedTerraform>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const variables = (parsed.get('variables.tf')?.variable ?? {}) as Record<
    string,
    { description?: string }[]
  >;
  if ('vpc_cidr' in variables) inputs.vpc_cidr = '10.0.0.0/16';
  const amis = variables.ami_ids?.[0]?.description;
  if (amis !== undefined) {
    const pools = /\(([^)]*)\)/.exec(amis)?.[1] ?? '';
    inputs.ami_ids = Object.fromEntries(
      [...pools.matchAll(/"([a-z0-9-]+)"/g)].map((m) => [m[1], 'ami-0123456789abcdef0']),
    );
  }
  return inputs;
}
