/** `berth recommend --format html`: the report on stdout, with the same verdict and totals as --format json. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { formatUsd } from '../../src/report/money.js';
import { EXAMPLES_DIR } from '../helpers/workloads.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('berth recommend --format html', () => {
  it('writes the HTML report to stdout', async () => {
    const file = join(EXAMPLES_DIR, 's01-small-web-app.yaml');
    const [html, json] = await Promise.all([
      run('recommend', file, '--format', 'html'),
      run('recommend', file, '--format', 'json'),
    ]);
    expect(html.code).toBe(0);
    expect(html.stderr).toBe('');
    const rec = JSON.parse(json.stdout);
    expect(html.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(html.stdout).toContain(`id="verdict" data-candidate="ecs-fargate">${rec.recommendedLabel}</p>`);
    const best = rec.candidates.find((c: { id: string }) => c.id === rec.recommended);
    // $93.84 by hand: 84.08505 of compute and network, + CloudWatch 2 GB of logs × $0.50 = 1.00, 30 days'
    // storage 0.0591780822 and 29 Container Insights metrics × $0.30 = 8.70: 93.8442280822, rounded half-up.
    expect(formatUsd(best.cost.monthlyUsd)).toBe('$93.84');
    expect(html.stdout).toContain('<span id="verdict-total">$93.84</span>');
  });

  it('names html among the formats when the format is unknown', async () => {
    const r = await run('recommend', join(EXAMPLES_DIR, 's01-small-web-app.yaml'), '--format', 'pdf');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('expected one of table, json, markdown, html');
  });
});
