/** @module lib-catalog: the real us-east-1 instance catalog with prices, read through Berth's own loaders. */
import type { PricedInstanceType } from '../src/optimizer/fleet-types.js';
import { loadInstanceCatalog } from '../src/pricing/instance-catalog.js';
import { ec2PriceId } from '../src/pricing/price-ids.js';
import { SnapshotPriceSource } from '../src/pricing/snapshot-source.js';

/** Every catalog type that has a snapshot price in the region; types without one are counted, not guessed. */
export async function loadPricedCatalog(
  region: string,
): Promise<{ types: PricedInstanceType[]; unpriced: number; warnings: string[] }> {
  const catalog = loadInstanceCatalog();
  const lookup = await new SnapshotPriceSource().getPrices(
    region,
    catalog.map((type) => ec2PriceId(type.name)),
  );
  const types: PricedInstanceType[] = [];
  for (const type of catalog) {
    const price = lookup.prices.get(ec2PriceId(type.name));
    if (price) types.push({ ...type, usdPerHour: price.usd });
  }
  return { types, unpriced: catalog.length - types.length, warnings: lookup.warnings };
}
