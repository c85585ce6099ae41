/** @module region-index: what one region's price file holds, as listed in data/regions.json. */

import type { PriceId } from '../model/price.js';
import { instanceTypeOfPriceId, NON_EC2_PRICE_IDS } from './price-ids.js';
import type { RegionSummary } from './snapshot-files.js';

export function summarizeRegionPrices(ids: Iterable<PriceId>): RegionSummary {
  const held = new Set(ids);
  let ec2Prices = 0;
  for (const id of held) if (instanceTypeOfPriceId(id) !== undefined) ec2Prices++;
  return {
    ec2Prices,
    present: NON_EC2_PRICE_IDS.filter((id) => held.has(id)),
    missing: NON_EC2_PRICE_IDS.filter((id) => !held.has(id)),
  };
}
