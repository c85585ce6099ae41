/**
 * @module price-ceilings: the most a missing price may be, so that totals that lack it can still be compared
 * (docs/ranking.md#incomplete-totals): a Spot price never exceeds the on-demand price it discounts, and any
 * price is assumed to stay within a set multiple of the same price in the reference region's snapshot.
 */
import type { Decimal } from 'decimal.js';
import type { Candidate } from '../model/candidate.js';
import { toMoney } from '../pricing/money.js';
import type { PriceSource } from '../pricing/price-source.js';
import type { PriceCeilings } from './cost-bounds.js';

/** The region whose snapshot prices anchor the ceilings: the one every source and every price list covers. */
export const CEILING_REFERENCE_REGION = 'us-east-1';

/**
 * Fargate Spot runs tasks "at a rate that's discounted compared to the FARGATE price"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html), so the
 * on-demand price of the same size and architecture in the same region caps it.
 */
const SPOT_PREFIX = 'fargate-spot:';
const ON_DEMAND_PREFIX = 'fargate:';

export interface CeilingSources {
  /** The region's own prices, from the source the totals came from. */
  prices: PriceSource;
  region: string;
  /** The embedded snapshot, for the reference region's prices. */
  snapshot: PriceSource;
  /** A missing price is assumed at most this multiple of the reference region's price. */
  factor: number;
}

/**
 * Ceilings for the prices the candidates lack: the lower of `factor` × the reference region's snapshot price
 * and, for Spot, the region's on-demand price. A price with neither gets none, and totals that lack it
 * compare only where they lack the same amount.
 */
export async function findPriceCeilings(
  candidates: readonly Candidate[],
  sources: CeilingSources,
): Promise<PriceCeilings> {
  const ids = [...new Set(candidates.flatMap((c) => c.cost?.missingPriceIds ?? []))].sort();
  if (ids.length === 0) return new Map();
  const ceilings = new Map<string, Decimal>();
  const lower = (id: string, value: Decimal) => {
    const seen = ceilings.get(id);
    ceilings.set(id, seen === undefined || value.lessThan(seen) ? value : seen);
  };
  const reference = await sources.snapshot.getPrices(CEILING_REFERENCE_REGION, ids);
  for (const [id, price] of reference.prices) lower(id, toMoney(price.usd).times(sources.factor));
  const spot = ids.filter((id) => id.startsWith(SPOT_PREFIX));
  if (spot.length > 0) {
    const onDemandOf = (id: string) => `${ON_DEMAND_PREFIX}${id.slice(SPOT_PREFIX.length)}`;
    const { prices } = await sources.prices.getPrices(sources.region, spot.map(onDemandOf));
    for (const id of spot) {
      const onDemand = prices.get(onDemandOf(id));
      if (onDemand) lower(id, toMoney(onDemand.usd));
    }
  }
  return ceilings;
}
