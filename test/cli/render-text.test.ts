import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { renderMarkdown } from '../../src/cli/render-markdown.js';
import { renderText } from '../../src/cli/render-text.js';
import { ANSI_STYLE } from '../../src/cli/style.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { formatUsd } from '../../src/pricing/money.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

function longestLine(text: string): number {
  return Math.max(...text.split('\n').map((l) => l.length));
}

describe('renderText of every example', () => {
  const recs = new Map<string, Recommendation>();
  beforeAll(async () => {
    // The greedy fleet solver keeps this quick; the layout does not depend on which fleet is found.
    for (const file of EXAMPLES) {
      recs.set(
        file,
        await advise(readWorkloadFile(join(EXAMPLES_DIR, file)), { fleetSolver: heuristicFleetSolver }),
      );
    }
  });

  it('has examples to render', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(8);
  });

  it.each(EXAMPLES)('fits %s into 100 and into 80 columns', (file) => {
    const rec = recs.get(file)!;
    const wide = renderText(rec, { width: 100 });
    const narrow = renderText(rec, { width: 80 });
    expect(longestLine(wide)).toBeLessThanOrEqual(100);
    expect(longestLine(narrow)).toBeLessThanOrEqual(80);
    // Wrapping loses no candidate's total.
    const flowing = narrow.replace(/\s+/g, ' ');
    for (const c of rec.candidates) {
      if (c.cost) expect(flowing).toContain(`${c.label}: ${formatUsd(c.cost.monthlyUsd)} a month`);
    }
  });

  it('colours without changing the layout: the same text once the escapes are removed', () => {
    const rec = recs.get('s02-gpu-inference.yaml')!;
    const coloured = renderText(rec, { width: 100, style: ANSI_STYLE });
    expect(coloured).toContain(
      `\x1b[1mRecommended:\x1b[22m \x1b[1m\x1b[32m${rec.recommendedLabel}\x1b[39m\x1b[22m`,
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escapes are what is removed
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(renderText(rec, { width: 100 }));
  });

  it('prints money with thousands separators in text and Markdown', () => {
    const rec = structuredClone(recs.get('s02-gpu-inference.yaml')!);
    const best = rec.candidates.find((c) => c.rank === 1)!;
    best.cost!.monthlyUsd = '1234567.891';
    best.cost!.lineItems[0]!.monthlyUsd = '12345.675';
    best.cost!.lineItems[0]!.unitPriceUsd = '1234.5';
    const text = renderText(rec, { width: 100 });
    expect(text).toContain(`${best.label}: $1,234,567.89 a month`);
    expect(text).toMatch(/\$1,234\.5\s+\$12,345\.68\n/);
    expect(text).toMatch(/ {3}1 {2}ECS, mixed Fargate and EC2\s+\d\.\d\d {2}\$1,234,567\.89/);
    const markdown = renderMarkdown(rec);
    expect(markdown).toContain(`<summary>${best.label}: $1,234,567.89 a month</summary>`);
    expect(markdown).toContain('| $1,234.5 | $12,345.68 |');
  });
});

describe('assumptions in the text and Markdown output', () => {
  it('marks an unconfirmed price on its item and prints each candidate notes (s05)', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's05-spiky-api.yaml')), {
      fleetSolver: heuristicFleetSolver,
    });
    const managed = rec.candidates.find((c) => c.id === 'ecs-managed-instances')!.cost!;
    const fee = managed.lineItems.find((l) => l.priceId?.startsWith('ecs-managed-instances-fee:'))!;
    expect(fee.confirmed).toBe(false);
    // The S3 gateway endpoint note (11,680 Fargate launches × 200 MB = 2,281.25 GB × $0.045 = $102.66).
    const fargate = rec.candidates.find((c) => c.id === 'ecs-fargate')!.cost!;
    expect(fargate.notes.some((n) => n.includes('$102.66'))).toBe(true);
    for (const out of [renderText(rec, { width: 200 }), renderMarkdown(rec)]) {
      expect(out).toContain(`${fee.description} (unconfirmed price)`);
      expect(out).toContain('through the NAT gateways they would cost $102.66 a month');
      for (const note of managed.notes) expect(out.replace(/\s+/g, ' ')).toContain(note.replace(/\s+/g, ' '));
    }
  });
});
