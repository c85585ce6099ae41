import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI from the sources with a stdout whose reader has gone, as with `| head -1` once head exits. */
function runClosingStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.destroy();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('berth with a reader that stops early', () => {
  it('drops the rest of stdout without a crash, and still writes the starter code', async () => {
    const out = makeTempDir();
    const { code, stderr } = await runClosingStdout([
      'recommend',
      'examples/s01-small-web-app.yaml',
      '--format',
      'json',
      '--iac',
      'terraform',
      '--out',
      out,
    ]);
    expect(stderr).not.toMatch(/EPIPE|node:events|Unhandled/);
    expect(stderr).toMatch(/^berth: wrote \d+ terraform file\(s\) for ecs-fargate to /m);
    expect(code).toBe(0);
    expect(readdirSync(out)).toContain('cluster.tf');
  }, 60_000);
});
