import { describe, expect, it } from 'vitest';
import { ec2BaselineHourlyUsd, fargateBaselineHourlyUsd } from '../../src/costs/compute-baseline.js';
import { savingsPlanLines } from '../../src/costs/savings-plan.js';
import type { FargateSizing } from '../../src/model/cost.js';
import type { Price } from '../../src/model/price.js';
import { formatCents, toMoney } from '../../src/pricing/money.js';
import type { PriceLookup } from '../../src/pricing/price-source.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';

/** Linux nodes at the Linux rate, Windows nodes at the Windows rate (advisor/cost-candidate.ts ec2PriceVariants). */
const SHARED = { linux: 'ec2', windows: 'ec2-windows' } as const;

const LOOKUP: PriceLookup = {
  prices: new Map(
    Object.entries({
      'fargate:x86_64:linux:vcpu': '0.04048',
      'fargate:x86_64:linux:gb': '0.004445',
      'ec2:m5.large': '0.096',
    }).map(([id, usd]) => [
      id,
      {
        id,
        region: 'us-east-1',
        usd,
        unit: 'hour',
        source: 'test',
        asOf: null,
        confirmed: true,
        origin: 'snapshot',
      } as Price,
    ]),
  ),
  warnings: [],
};
const RATES = {
  ec2: 0.28,
  fargate: 0.2,
  source: 'https://docs.aws.amazon.com/eks/latest/best-practices/cost-opt-compute.html',
};

const sizing = (spot: boolean): FargateSizing => ({
  service: 'api',
  requested: { vcpu: 1, memoryMiB: 2048 },
  billed: { vcpu: 1, memoryMiB: 2048 },
  architecture: 'x86_64',
  spot,
  onDemandBaseTasks: spot ? 1 : 0,
});
/** 2 tasks, 10 on weekdays from 8:00 to 20:00. */
const api = normaliseWorkload({
  services: [
    { name: 'api', cpu: 1, memory: '2 GiB', replicas: { min: 2, max: 10 }, traffic: { pattern: 'diurnal' } },
  ],
}).services[0]!;

describe('Savings Plans on the baseline', () => {
  it('commits to the always-on Fargate tasks only, and bills the daytime peak on demand', () => {
    // A task-hour costs 0.04048 + 2 × 0.004445 = $0.04937; the quietest hour runs 2: $0.09874/h.
    const fargate = fargateBaselineHourlyUsd([{ sizing: sizing(false), service: api }], LOOKUP);
    expect(fargate.toString()).toBe('0.09874');
    const [line] = savingsPlanLines('1yr', { ec2HourlyUsd: toMoney(0), fargateHourlyUsd: fargate }, RATES);
    // Covered: $0.09874 × 730 h = $72.0802 on demand; 20 % off = −$14.41604. Commitment $0.078992/h.
    // (A flat 20 % on all 3,545.71 task-hours would claim −$35.01: the peak hours are not committed.)
    expect(line).toMatchObject({
      priceId: 'discount:fargate-savings-plan',
      quantity: '72.0802',
      monthlyUsd: '-14.41604',
    });
    expect(line!.description).toContain(
      '$0.0790/h committed, the always-on baseline ($0.0987/h on demand) at 20 % off',
    );
    expect(formatCents(toMoney(line!.monthlyUsd!).abs())).toBe('14.42');
  });

  it('covers one on-demand base task of a Fargate Spot service, never the Spot tasks', () => {
    expect(fargateBaselineHourlyUsd([{ sizing: sizing(true), service: api }], LOOKUP).toString()).toBe(
      '0.04937',
    );
  });

  it("commits to the EC2 fleet's floor: the instances every minute of the week runs", () => {
    const ec2 = ec2BaselineHourlyUsd([{ instanceType: 'm5.large', count: 2 }], SHARED, LOOKUP);
    expect(ec2.toString()).toBe('0.192');
    const [line] = savingsPlanLines('1yr', { ec2HourlyUsd: ec2, fargateHourlyUsd: toMoney(0) }, RATES);
    // 2 × $0.096 × 730 h = $140.16 covered; 28 % off = −$39.2448.
    expect(line).toMatchObject({
      priceId: 'discount:ec2-savings-plan',
      quantity: '140.16',
      monthlyUsd: '-39.2448',
    });
  });

  it('takes no discount where the rate is missing (Windows EC2 here) or nothing runs all week', () => {
    expect(
      ec2BaselineHourlyUsd(
        [{ instanceType: 'm5.large', count: 2, os: 'windows' }],
        SHARED,
        LOOKUP,
      ).toString(),
    ).toBe('0');
    const lines = savingsPlanLines('3yr', { ec2HourlyUsd: toMoney(0), fargateHourlyUsd: toMoney(0) }, RATES);
    expect(lines).toEqual([]);
  });
});
