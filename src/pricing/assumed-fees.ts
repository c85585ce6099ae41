/**
 * @module assumed-fees: fills a management fee no price source has with an explicit assumption (a share of
 * the instance type's on-demand price), marked unconfirmed, so the fee is never left out of a total.
 */
import type { Price, PriceId } from '../model/price.js';
import { toMoney } from './money.js';
import {
  ec2VariantPriceId,
  type ManagementFeeKind,
  parseManagementFeePriceId,
  unitOfPriceId,
} from './price-ids.js';
import type { PriceLookup } from './price-source.js';

export interface AssumedFeeRule {
  /** The fee as a share of the on-demand Linux instance-hour of the same type. */
  shareOfOnDemand: number;
  /** Where the share comes from. */
  source: string;
}

/**
 * A lookup in which every asked-for management fee that is absent, but whose instance type has an
 * on-demand price, is priced as `shareOfOnDemand` × that price. A type without an EC2 price keeps its
 * fee missing: an assumption is never built on a price that is not there.
 */
export function assumeManagementFees(
  lookup: PriceLookup,
  ids: readonly PriceId[],
  rules: Readonly<Record<ManagementFeeKind, AssumedFeeRule>>,
): PriceLookup {
  const prices = new Map(lookup.prices);
  for (const id of ids) {
    const fee = parseManagementFeePriceId(id);
    if (fee === undefined || prices.has(id)) continue;
    const ec2 = prices.get(ec2VariantPriceId(fee.instanceType, 'ec2'));
    if (ec2 === undefined) continue;
    const rule = rules[fee.kind];
    const assumed: Price = {
      id,
      region: ec2.region,
      usd: toMoney(ec2.usd).times(rule.shareOfOnDemand).toString(),
      unit: unitOfPriceId(id) ?? ec2.unit,
      source: `assumed: ${toMoney(rule.shareOfOnDemand).times(100).toString()} % of ${ec2.id} (${ec2.usd}), settings/management-fees.yaml, after ${rule.source}`,
      asOf: ec2.asOf,
      confirmed: false,
      // The rule ships with Berth like the snapshot; no price source gave this figure.
      origin: 'snapshot',
    };
    prices.set(id, assumed);
  }
  return { prices, warnings: lookup.warnings };
}
