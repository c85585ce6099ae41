/**
 * @module price-ranges: the least and the most a missing price may be, so that totals that lack it can still
 * be compared (docs/ranking.md#incomplete-totals): within set multiples of the same price in the reference
 * region's snapshot; a Spot price no higher than the on-demand price it discounts; a management fee its set
 * share of the instance's range.
 */
import type { Decimal } from 'decimal.js';
import type { Candidate } from '../model/candidate.js';
import { toMoney } from '../pricing/money.js';
import { parseManagementFeePriceId } from '../pricing/price-ids.js';
import type { PriceSource } from '../pricing/price-source.js';
import type { PriceRange, PriceRanges } from './cost-bounds.js';
import type { ManagementFeeSettings } from './settings.js';

/** The region whose snapshot prices anchor the ranges: the one every source and every price list covers. */
export const RANGE_REFERENCE_REGION = 'us-east-1';

/**
 * Fargate Spot runs tasks "at a rate that's discounted compared to the FARGATE price"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html), so the
 * on-demand price of the same size and architecture in the same region caps it.
 */
const SPOT_PREFIX = 'fargate-spot:';
const ON_DEMAND_PREFIX = 'fargate:';

export interface RangeSources {
  /** The region's own prices, from the source the totals came from. */
  prices: PriceSource;
  region: string;
  /** The embedded snapshot, for the reference region's prices. */
  snapshot: PriceSource;
  /** A missing price is assumed between `floor` and `ceiling` times the reference region's price. */
  floor: number;
  ceiling: number;
  /** The fee shares the snapshot prices management fees with (settings/management-fees.yaml). */
  managementFees: ManagementFeeSettings;
}

/**
 * Ranges for the prices the candidates lack. A price the reference region's snapshot has: from `floor` to
 * `ceiling` times it. A management fee: its share of the instance's range. A Fargate Spot price: at most the
 * region's on-demand price. A price with none of these gets no range, and totals that lack it compare only
 * where they lack the same amount.
 */
export async function findPriceRanges(
  candidates: readonly Candidate[],
  sources: RangeSources,
): Promise<PriceRanges> {
  const ids = [...new Set(candidates.flatMap((c) => c.cost?.missingPriceIds ?? []))].sort();
  if (ids.length === 0) return new Map();
  const fees = new Map(
    ids.flatMap((id) => {
      const fee = parseManagementFeePriceId(id);
      return fee ? [[id, fee] as const] : [];
    }),
  );
  const instanceIds = [...fees.values()].map((f) => `ec2:${f.instanceType}`);
  const reference = await sources.snapshot.getPrices(RANGE_REFERENCE_REGION, [...ids, ...instanceIds]);
  const around = (usd: string, share = 1): PriceRange => ({
    low: toMoney(usd).times(sources.floor).times(share),
    high: toMoney(usd).times(sources.ceiling).times(share),
  });
  const ranges = new Map<string, PriceRange>();
  for (const id of ids) {
    const fee = fees.get(id);
    const price = reference.prices.get(fee ? `ec2:${fee.instanceType}` : id);
    if (price) ranges.set(id, around(price.usd, fee ? sources.managementFees[fee.kind].shareOfOnDemand : 1));
  }
  const spot = ids.filter((id) => id.startsWith(SPOT_PREFIX));
  if (spot.length > 0) {
    const onDemandOf = (id: string) => `${ON_DEMAND_PREFIX}${id.slice(SPOT_PREFIX.length)}`;
    const { prices } = await sources.prices.getPrices(sources.region, spot.map(onDemandOf));
    for (const id of spot) {
      const onDemand = prices.get(onDemandOf(id));
      if (!onDemand) continue;
      const cap = toMoney(onDemand.usd);
      const seen = ranges.get(id);
      ranges.set(id, {
        low: seen === undefined ? toMoney(0) : minimum(seen.low, cap),
        high: seen === undefined ? cap : minimum(seen.high, cap),
      });
    }
  }
  return ranges;
}

function minimum(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}
