import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDOCLY = fileURLToPath(new URL('../../node_modules/@redocly/cli/bin/cli.js', import.meta.url));

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

/** `npm run openapi:lint` with JSON output; redocly.yaml and the variable both keep telemetry off. */
async function lint(): Promise<{ totals: Record<string, number>; problems: LintProblem[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [REDOCLY, 'lint', 'openapi.yaml', '--config', 'redocly.yaml', '--format', 'json'],
    { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout);
}

describe('openapi.yaml under Redocly lint (recommended ruleset)', () => {
  it('has no errors, warnings or ignored problems', async () => {
    const { totals, problems } = await lint();
    const listed = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(listed).toEqual([]);
    expect(totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });
});
