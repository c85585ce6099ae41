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
