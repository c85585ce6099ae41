/** @module line-item: one checkable line of a monthly cost: what, how much, at what unit price, from where. */
import { Decimal } from 'decimal.js';
import { type Money, toMoney } from './money.js';
import type { Price, PriceId, PriceLookup } from './price-source.js';

export type LineCategory =
  | 'compute'
  | 'control-plane'
  | 'load-balancing'
  | 'network'
  | 'storage'
  | 'discount';

export interface LineItem {
  category: LineCategory;
  /** The service the line is for, or null for shared items (control plane, load balancer, NAT). */
  service: string | null;
  description: string;
  /** Units per month, exact decimal string. */
  quantity: string;
  unit: string;
  /** USD per unit, exact decimal string; null when the price is missing from the source. */
  unitPriceUsd: string | null;
  /** quantity × unit price, exact (never rounded); null when the price is missing. */
  monthlyUsd: string | null;
  priceId: PriceId | null;
  /** `snapshot`, `live`, `cache`, or `assumption` for stated discount assumptions. */
  priceOrigin: Price['origin'] | 'assumption' | null;
  source: string | null;
  asOf: string | null;
  confirmed: boolean | null;
  /** True when the price was not found: the line is flagged, its amount unknown, never guessed. */
  missing: boolean;
}

export interface LineSpec {
  category: LineCategory;
  service: string | null;
  description: string;
  quantity: Money;
  priceId: PriceId;
  /** The unit when the price is missing (a found price carries its own). */
  unit: string;
}

/**
 * Line amounts are kept to 1e-10 USD. Quantities derived from the weekly profile (× 730 / 168) repeat
 * forever; cut at a fixed decimal place, every sum of lines is exact, so a total always equals the sum
 * of the lines printed beside it. 1e-10 USD is far below anything a bill shows.
 */
export const LINE_AMOUNT_DECIMALS = 10;

function lineAmount(value: Money): string {
  return value.toDecimalPlaces(LINE_AMOUNT_DECIMALS, Decimal.ROUND_HALF_UP).toString();
}

/** Prices a line from a lookup; a price that is not there gives a flagged line with no amount. */
export function priceLine(spec: LineSpec, lookup: PriceLookup): LineItem {
  const price = lookup.prices.get(spec.priceId);
  const base = {
    category: spec.category,
    service: spec.service,
    description: spec.description,
    quantity: spec.quantity.toString(),
    priceId: spec.priceId,
  };
  if (!price) {
    return {
      ...base,
      unit: spec.unit,
      unitPriceUsd: null,
      monthlyUsd: null,
      priceOrigin: null,
      source: null,
      asOf: null,
      confirmed: null,
      missing: true,
    };
  }
  const unitPrice = toMoney(price.usd);
  return {
    ...base,
    unit: price.unit,
    unitPriceUsd: unitPrice.toString(),
    monthlyUsd: lineAmount(spec.quantity.times(unitPrice)),
    priceOrigin: price.origin,
    source: price.source,
    asOf: price.asOf,
    confirmed: price.confirmed,
    missing: false,
  };
}

/**
 * A discount taken from a stated assumption: −fraction × the amount it applies to. Its id says what it
 * discounts: `discount:ec2-…` or `discount:fargate-…`.
 */
export function discountLine(
  id: `discount:${string}`,
  description: string,
  appliesTo: Money,
  fraction: number,
  source: string,
): LineItem {
  const rate = toMoney(fraction).negated();
  return {
    category: 'discount',
    service: null,
    description,
    quantity: appliesTo.toString(),
    unit: 'USD',
    unitPriceUsd: rate.toString(),
    monthlyUsd: lineAmount(appliesTo.times(rate)),
    priceId: id,
    priceOrigin: 'assumption',
    source,
    asOf: null,
    confirmed: false,
    missing: false,
  };
}
