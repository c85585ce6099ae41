/**
 * A thin region end to end (issue 16): S1, the small web app, in ap-south-1, where the snapshot prices
 * only GPU and accelerator EC2 types and no ALB or ECR (EKS and IPv4 from their region-wide figures).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { renderMarkdown } from '../../src/cli/render-markdown.js';
import { renderText } from '../../src/cli/render-text.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { findInstanceType } from '../../src/pricing/instance-catalog.js';
import { escapeHtml } from '../../src/report/html.js';
import { renderHtmlReport } from '../../src/report/render-html-report.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const STATEMENT =
  'ap-south-1: the snapshot prices 45 of 1379 EC2 instance types (no type without GPUs or accelerators), ' +
  'no ALB or ECR. EC2 instance types were chosen by their us-east-1 price, whose order ' +
  'regional prices follow closely (docs/pricing.md). Missing prices: alb:hour, alb:lcu-hour, ' +
  'cloudwatch:metric-month, ebs:gp2-gb-month, ec2:c5.large, ec2:t3.medium, ecs-managed-instances-fee:c5.large, ' +
  'eks-auto-mode-fee:c5.large, logs:ingest-gb, logs:storage-gb-month; totals are lower bounds, and one is ' +
  'called cheaper than another only if it is at every missing price in its range ' +
  '(docs/ranking.md#incomplete-totals). Use `--prices live` or `berth prices refresh --region ap-south-1`.';

let rec: Recommendation;
beforeAll(async () => {
  const s01 = readWorkloadFile(join(EXAMPLES_DIR, 's01-small-web-app.yaml')) as Record<string, unknown>;
  rec = await advise({ ...s01, region: 'ap-south-1' });
});

describe('S1 in ap-south-1', () => {
  it('runs the EC2 fleets on a general-purpose type chosen by its us-east-1 price, not on a GPU or Inferentia type', () => {
    for (const id of ['ecs-ec2', 'eks-ec2']) {
      const fleet = rec.candidates.find((c) => c.id === id)!.cost!.fleet!;
      // 2 tasks of 0.25 vCPU / 512 MiB, x86_64: c5.large is the cheapest eligible x86 type in us-east-1
      // ($0.085, level with c6i.large) among those priced in all five well-covered regions.
      expect(fleet.peak).toEqual([{ instanceType: 'c5.large', count: 2 }]);
      expect(fleet.priceReference).toBe('us-east-1');
      for (const { instanceType } of fleet.instanceMinutesPerWeek) {
        const type = findInstanceType(instanceType)!;
        expect([type.gpuCount, type.acceleratorCount], instanceType).toEqual([0, 0]);
      }
      const notes = rec.candidates.find((c) => c.id === id)!.cost!.notes.join('\n');
      expect(notes).toMatch(
        /^ap-south-1: the snapshot prices no instance type without GPUs or accelerators here, so the fleet's types were chosen by their us-east-1 on-demand price/m,
      );
    }
  });

  it('flags every line it has no price for, with its price id, and leaves it out of the total', () => {
    const ec2 = rec.candidates.find((c) => c.id === 'ecs-ec2')!.cost!;
    // 2 × c5.large all week: 336 instance-hours a week × 730 / 168 = 1460 a month, unpriced.
    expect(ec2.lineItems[0]).toMatchObject({
      priceId: 'ec2:c5.large',
      quantity: '1460',
      unitPriceUsd: null,
      monthlyUsd: null,
      missing: true,
    });
    // Priced: the NAT gateway, 730 h × $0.056 = $40.88, and 3 public IPv4 addresses (2 of the ALB, 1 of
    // the NAT gateway), 2190 h × $0.005 = $10.95.
    expect(ec2.monthlyUsd).toBe('51.83');
    for (const c of rec.candidates) {
      if (!c.cost) continue;
      const flagged = c.cost.lineItems.filter((l) => l.missing);
      expect(flagged.every((l) => l.unitPriceUsd === null && l.monthlyUsd === null && l.priceId)).toBe(true);
      expect(c.cost.lineItems.filter((l) => l.unitPriceUsd === null)).toEqual(flagged);
      expect([...new Set(flagged.map((l) => l.priceId))].sort()).toEqual([...c.cost.missingPriceIds].sort());
      expect(c.cost.complete).toBe(false);
    }
  });

  it('compares totals that lack prices only as far as the missing prices allow', () => {
    expect(rec.recommended).toBe('ecs-fargate');
    const find = (id: string) => rec.candidates.find((c) => c.id === id)!;
    // No exact difference between totals that lack different lines.
    for (const id of ['ecs-ec2', 'eks-ec2', 'eks-fargate'] as const)
      expect(find(id).monthlyDeltaUsd).toBeNull();
    // ECS on EC2 against ECS on Fargate: $51.83 − $70.76255 = −$18.93255 on the priced lines (both lack the ALB,
    // log and metric lines in the same amounts). The EC2 total also lacks 2 × c5.large, 1,460 h, and their 60
    // GB-months of gp2 root volume, each between 0.5× and 2.5× its us-east-1 price ($0.085 an hour, $0.10 a
    // GB-month): at the floor +$62.05 + $3.00, at the ceiling +$310.25 + $15.00.
    expect(find('ecs-ec2').monthlyDeltaBoundsUsd).toEqual({ low: '46.11745', high: '306.31745' });
    // Managed Instances adds the fee, 12 % of c5.large's range: 1,460 h × 0.12 × [$0.0425, $0.2125].
    expect(find('ecs-managed-instances').monthlyDeltaBoundsUsd).toEqual({
      low: '53.56345',
      high: '343.54745',
    });
    // Every other candidate is dearer at every allowed price: the winner is the least, and said to be.
    for (const c of rec.candidates)
      if (c.cost !== null && c.id !== 'ecs-fargate')
        expect(Number(c.monthlyDeltaBoundsUsd!.low)).toBeGreaterThan(0);
    expect(rec.explanation[1]).toBe(
      'It costs $70.76 a month without alb:hour, alb:lcu-hour, logs:ingest-gb, logs:storage-gb-month, cloudwatch:metric-month (no price in the data), the least of the feasible candidates.',
    );
    expect(rec.explanation[2]).toBe(
      'Totals that leave out prices in different quantities are compared with each missing price between 0.5× and 2.5× its us-east-1 price (docs/ranking.md#incomplete-totals).',
    );
    expect(rec.explanation.filter((l) => l.includes('is not compared on cost'))).toEqual([]);
    // No break-even is drawn from a fleet priced by us-east-1's order.
    expect(rec.breakEven).toEqual([]);
  });

  it('opens every format with the coverage statement', () => {
    const { coverage } = rec.pricing;
    expect(coverage).toMatchObject({
      complete: false,
      fleetPriceReference: 'us-east-1',
      filledLive: [],
      missingPriceIds: [
        'alb:hour',
        'alb:lcu-hour',
        'cloudwatch:metric-month',
        'ebs:gp2-gb-month',
        'ec2:c5.large',
        'ec2:t3.medium',
        'ecs-managed-instances-fee:c5.large',
        'eks-auto-mode-fee:c5.large',
        'logs:ingest-gb',
        'logs:storage-gb-month',
      ],
      statement: STATEMENT,
    });
    expect(coverage.snapshot).toEqual({
      region: 'ap-south-1',
      ec2TypesPriced: 45,
      ec2TypesKnown: 1379,
      fargate: true,
      eks: true,
      alb: false,
      nat: true,
      publicIpv4: true,
      ecr: false,
      missing: expect.arrayContaining(['alb:hour', 'alb:lcu-hour', 'ecr:gb-month']),
    });
    const json = JSON.parse(JSON.stringify(rec));
    expect(json.pricing.coverage.statement).toBe(STATEMENT);

    const text = renderText(rec, { width: 100 });
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    expect(flat(text.split('\n\nRecommended:')[0]!)).toBe(
      `Berth recommendation for small-web-app (ap-south-1) Price coverage: ${STATEMENT}`,
    );
    const markdown = renderMarkdown(rec).split('\n');
    expect(markdown[2]).toBe(`> **Price coverage:** ${STATEMENT}`);
    const html = renderHtmlReport(rec);
    expect(html).toContain(
      `<section class="coverage" id="coverage" aria-label="Price coverage"><p><strong>Price coverage:</strong> ${escapeHtml(STATEMENT)}</p></section>`,
    );
    expect(html.indexOf('id="coverage"')).toBeLessThan(html.indexOf('id="verdict"'));
  });
});
