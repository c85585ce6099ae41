/** @module dedicated-fee: the per-region fee AWS charges while any Dedicated Instance runs in the region. */
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';

/**
 * One fee per account and region, whatever the number of dedicated instances (data/SOURCES.md). It is
 * billed for the whole month: a fleet that ever scales to zero pays less, but the bill must never look
 * lower than it may be. No AWS page was found that states the rate, so the line says it is unconfirmed
 * (docs/pricing.md#dedicated-instances-regional-fee).
 */
export function dedicatedRegionFeeLines(region: string): LineSpec[] {
  return [
    {
      category: 'compute',
      service: null,
      description: `Dedicated Instances regional fee for ${region}, ${HOURS_PER_MONTH} hours (one fee however many dedicated instances run; rate from a secondary source, unconfirmed on an AWS page)`,
      quantity: toMoney(HOURS_PER_MONTH),
      priceId: 'dedicated:region-fee-hour',
    },
  ];
}
