/**
 * CloudFormation checks: @aws/cloudformation-validate (bundled in aws-cdk-lib; schemas and rules offline,
 * one engine reused for the whole run) and, where installed, cfn-lint.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

interface Diagnostic {
  ruleId: string;
  severity: string;
  message: string;
  path?: string;
}
interface Engine {
  validateTemplate(content: unknown): { diagnostics: Diagnostic[] };
  free(): void;
}
interface ValidateModule {
  CompositeEngine: new () => Engine;
  TemplateContent: new (text: string, name: string) => unknown;
  version?: string;
}

const requireFromCdk = createRequire(createRequire(import.meta.url).resolve('aws-cdk-lib/package.json'));
const validate = requireFromCdk('@aws/cloudformation-validate') as ValidateModule;
let engine: Engine | undefined;

/** Findings of severity other than INFO, as `RULE message (path)`. Compiling the rules takes a second, once. */
export function validateTemplate(text: string, name = 'template.yaml'): string[] {
  engine ??= new validate.CompositeEngine();
  const report = engine.validateTemplate(new validate.TemplateContent(text, name));
  return report.diagnostics
    .filter((d) => d.severity !== 'INFO')
    .map((d) => `${d.severity} ${d.ruleId} ${d.message}${d.path ? ` (${d.path})` : ''}`);
}

export function freeEngine(): void {
  engine?.free();
  engine = undefined;
}

const run = promisify(execFile);

/** Why cfn-lint cannot run here, or null when it can. */
export async function cfnLintUnavailable(): Promise<string | null> {
  try {
    await run('cfn-lint', ['--version']);
    return null;
  } catch {
    return 'no cfn-lint on PATH';
  }
}

/** cfn-lint's findings (errors, warnings and informational) for several templates in one run, as `name:line:col: RULE message` (empty when clean). */
export async function lintTemplates(templates: readonly { name: string; text: string }[]): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-cfn-'));
  try {
    const files = templates.map((t) => {
      const file = path.join(dir, t.name);
      writeFileSync(file, t.text);
      return file;
    });
    // Exit code 0 means clean; 2, 4, 6, 8... carry findings on stdout. Informational checks (I) too, so
    // a log group without a deletion policy (I3011) counts as a finding.
    const result = await run('cfn-lint', ['--format', 'parseable', '--include-checks', 'I', '--', ...files], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout || error.stderr || String(error),
    }));
    return result.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.replace(`${dir}${path.sep}`, ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads a generated template back, short-form intrinsics (`!Ref x`) as their long form (`{ Ref: x }`). */
export function parseTemplate(text: string): {
  Parameters: Record<string, Record<string, unknown>>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
  Outputs: Record<string, unknown>;
} {
  const intrinsic = (tag: string, name: string, collection?: 'seq' | 'map') => ({
    tag,
    ...(collection ? { collection } : {}),
    resolve: (value: unknown) => ({
      [name]:
        value instanceof Object && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : value,
    }),
  });
  return parse(text, {
    customTags: [
      intrinsic('!Ref', 'Ref'),
      intrinsic('!GetAtt', 'Fn::GetAtt'),
      intrinsic('!Sub', 'Fn::Sub'),
      intrinsic('!Join', 'Fn::Join', 'seq'),
    ],
  });
}
