import { describe, expect, it } from 'vitest';
import { findPriceRanges } from '../../src/advisor/price-ranges.js';
import type { Candidate } from '../../src/model/candidate.js';
import type { PriceSource } from '../../src/pricing/price-source.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import { priceLookup } from '../helpers/price-lookup.js';

const lacking = (...ids: string[]) => ({ cost: { missingPriceIds: ids } }) as unknown as Candidate;

/** A region's own prices, as the source the totals came from would answer. */
const regionPrices = (prices: Record<string, string>): PriceSource => ({
  name: 'test',
  getPrices: async (_region, ids) => {
    const all = priceLookup(prices);
    return { prices: new Map([...all.prices].filter(([id]) => ids.includes(id))), warnings: [] };
  },
});

const FEES = {
  'eks-auto-mode': { shareOfOnDemand: 0.12, source: 'https://example.com/' },
  'ecs-managed-instances': { shareOfOnDemand: 0.12, source: 'https://example.com/' },
};
const FACTORS = { floor: 0.5, ceiling: 2.5, managementFees: FEES };
const show = (r: { low: { toString(): string }; high: { toString(): string } } | undefined) =>
  r === undefined ? undefined : [r.low.toString(), r.high.toString()];

describe('findPriceRanges', () => {
  it("puts a missing price between the factors times us-east-1's snapshot price", async () => {
    // The snapshot's us-east-1 prices: gp2 $0.10 per GB-month, CloudWatch Logs ingestion $0.50 per GB.
    const ceilings = await findPriceRanges([lacking('ebs:gp2-gb-month'), lacking('logs:ingest-gb')], {
      prices: regionPrices({}),
      region: 'eu-west-1',
      snapshot: new SnapshotPriceSource(),
      ...FACTORS,
    });
    expect(show(ceilings.get('ebs:gp2-gb-month'))).toEqual(['0.05', '0.25']);
    expect(show(ceilings.get('logs:ingest-gb'))).toEqual(['0.25', '1.25']);
  });

  it("caps a Fargate Spot price at the region's on-demand price, and leaves a price nobody caps open", async () => {
    // us-east-1's snapshot has no arm64 Fargate Spot price, so only the on-demand price of the region caps it.
    const ceilings = await findPriceRanges(
      [lacking('fargate-spot:arm64:linux:vcpu', 'ec2-windows:m5.large')],
      {
        prices: regionPrices({ 'fargate:arm64:linux:vcpu': '0.03238' }),
        region: 'us-east-1',
        snapshot: new SnapshotPriceSource(),
        ...FACTORS,
      },
    );
    expect(show(ceilings.get('fargate-spot:arm64:linux:vcpu'))).toEqual(['0', '0.03238']);
    expect(ceilings.has('ec2-windows:m5.large')).toBe(false);
  });

  it('takes the lower ceiling when both apply', async () => {
    // x86 Fargate Spot in us-east-1's snapshot is $0.01264355 per vCPU-hour: 2.5 × that is $0.031608875, below a
    // (made-up) on-demand price of $0.05.
    const ceilings = await findPriceRanges([lacking('fargate-spot:x86_64:linux:vcpu')], {
      prices: regionPrices({ 'fargate:x86_64:linux:vcpu': '0.05' }),
      region: 'eu-west-1',
      snapshot: new SnapshotPriceSource(),
      ...FACTORS,
    });
    // The floor stays 0.5 × $0.01264355.
    expect(show(ceilings.get('fargate-spot:x86_64:linux:vcpu'))).toEqual(['0.006321775', '0.031608875']);
  });
});

describe('management fees', () => {
  it("put a fee at its share of the instance's range: 12 % × c5.large's $0.085 × [0.5, 2.5]", async () => {
    const ranges = await findPriceRanges([lacking('ecs-managed-instances-fee:c5.large')], {
      prices: regionPrices({}),
      region: 'ap-south-1',
      snapshot: new SnapshotPriceSource(),
      ...FACTORS,
    });
    expect(show(ranges.get('ecs-managed-instances-fee:c5.large'))).toEqual(['0.0051', '0.0255']);
  });
});

describe('the factors in settings/ranking.yaml', () => {
  it("hold every ratio between a regional price and us-east-1's that the snapshot has", async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { DATA_DIR } = await import('../../src/paths.js');
    const { loadSettings } = await import('../../src/advisor/settings.js');
    const read = (region: string): Record<string, { usd: string }> =>
      JSON.parse(readFileSync(join(DATA_DIR, 'prices', `${region}.json`), 'utf8')).prices;
    const reference = read('us-east-1');
    let widest = { ratio: 0, id: '', region: '' };
    let narrowest = { ratio: Number.POSITIVE_INFINITY, id: '', region: '' };
    for (const file of readdirSync(join(DATA_DIR, 'prices'))) {
      const region = file.replace(/\.json$/, '');
      for (const [id, { usd }] of Object.entries(read(region))) {
        const base = reference[id];
        if (!base || Number(base.usd) === 0) continue;
        const ratio = Number(usd) / Number(base.usd);
        if (ratio > widest.ratio) widest = { ratio, id, region };
        if (ratio < narrowest.ratio) narrowest = { ratio, id, region };
      }
    }
    // docs/ranking.md#incomplete-totals quotes these figures: p2 instances in ap-south-1, $1.718 against $0.90;
    // m8g.metal-24xl in us-west-2, 0.91 × us-east-1's.
    expect(widest.ratio.toFixed(2)).toBe('1.91');
    expect(widest.region).toBe('ap-south-1');
    expect(narrowest.ratio.toFixed(2)).toBe('0.91');
    expect(narrowest.region).toBe('us-west-2');
    const { ranking } = loadSettings();
    expect(widest.ratio).toBeLessThan(ranking.missingPriceCeiling);
    expect(narrowest.ratio).toBeGreaterThan(ranking.missingPriceFloor);
  });
});
