import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import {
  CONTAINER_INSIGHTS_METRICS,
  containerInsightsLines,
  containerLogGBPerMonth,
  LOG_RETENTION_DAYS,
  logLines,
} from '../../src/costs/cloudwatch.js';
import { priceLine } from '../../src/costs/line.js';
import { generateIac } from '../../src/iac/generate.js';
import { formatCents, toMoney } from '../../src/pricing/money.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { priceLookup } from '../helpers/price-lookup.js';

const LOOKUP = priceLookup({
  'logs:ingest-gb': '0.50',
  'logs:storage-gb-month': '0.03',
  'cloudwatch:metric-month': '0.30',
});
const cents = (specs: ReturnType<typeof logLines>) =>
  specs.map((s) => formatCents(toMoney(priceLine(s, LOOKUP).monthlyUsd!)));

describe('CloudWatch lines', () => {
  it('ingests each task-month of logs and stores them for the 30-day retention', () => {
    // 4 tasks all week, 2.5 GB per task-month, and 10 on weekdays 8:00–20:00 (6 above the 4) at 1 GB:
    // 4 × 2.5 = 10 GB; (2 × 168 + 8 × 60) / 168 = 4.857142… tasks on average → 4.857142… GB.
    const services = normaliseWorkload({
      services: [
        { name: 'api', cpu: 1, memory: 2048, replicas: 4, logGBPerTaskMonth: 2.5 },
        { name: 'web', cpu: 1, memory: 2048, replicas: { min: 2, max: 10 }, traffic: { pattern: 'diurnal' } },
      ],
    }).services;
    const gb = containerLogGBPerMonth(services);
    expect(gb.toDecimalPlaces(6).toString()).toBe('14.857143');
    // Ingestion 14.857143 × $0.50 = $7.43; stored 14.857143 × 30 / (730 / 24) = 14.653 GB-month × $0.03 = $0.44.
    expect(cents(logLines('the containers’ logs', gb))).toEqual(['7.43', '0.44']);
  });

  it('prices the Container Insights metrics of a cluster and its services', () => {
    // 16 + 13 × 3 = 55 metrics × $0.30 = $16.50.
    expect(cents(containerInsightsLines(3))).toEqual(['16.50']);
    expect(CONTAINER_INSIGHTS_METRICS.perCluster + 3 * CONTAINER_INSIGHTS_METRICS.perService).toBe(55);
  });

  it('writes no line for no logs', () => {
    expect(logLines('x', toMoney(0))).toEqual([]);
  });

  it('prices the retention the starter code sets, on ECS and on EKS', async () => {
    const rec = await advise({ services: [{ name: 'web', cpu: 1, memory: 2048, replicas: 2 }] });
    for (const id of ['ecs-fargate', 'eks-fargate'] as const) {
      const files = generateIac(rec, 'terraform', { candidate: id }).files;
      const text = files.map((f) => f.contents).join('\n');
      expect(text, id).toMatch(
        new RegExp(`variable "log_retention_days" \\{[^}]*default\\s*=\\s*${LOG_RETENTION_DAYS}\\b`),
      );
    }
    const cfn = generateIac(rec, 'cloudformation', { candidate: 'ecs-fargate' })
      .files.map((f) => f.contents)
      .join('\n');
    expect(cfn).toMatch(new RegExp(`LogRetentionDays:[\\s\\S]*?Default: ${LOG_RETENTION_DAYS}\\b`));
    const ecs = rec.candidates.find((c) => c.id === 'ecs-fargate')!.cost!.lineItems;
    expect(ecs.filter((l) => l.category === 'observability').map((l) => l.priceId)).toEqual([
      'logs:ingest-gb',
      'logs:storage-gb-month',
      'cloudwatch:metric-month',
    ]);
  });
});
