/**
 * @module line: turns what a resource uses into a checkable cost line (what, how much, at what unit price,
 * from where), and sums lines exactly. Every file of the cost wing builds its lines here.
 */
import { Decimal } from 'decimal.js';
import type { LineCategory, LineItem } from '../model/cost.js';
import type { Price } from '../model/price.js';
import { type Money, sumMoney, toMoney } from '../pricing/money.js';
import { type KnownPriceId, unitOfPriceId } from '../pricing/price-ids.js';
import type { PriceLookup } from '../pricing/price-source.js';

/** A line before it is priced: its unit comes from its price id (pricing/price-ids.ts). */
export interface LineSpec {
  category: LineCategory;
  service: string | null;
  description: string;
  quantity: Money;
  priceId: KnownPriceId;
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
  // Written out field by field, not spread from a shared base: on Node 20 an object spread followed by
  // more fields cost some 20 µs a line, and a recommendation prices hundreds.
  if (!price) {
    return {
      category: spec.category,
      service: spec.service,
      description: spec.description,
      quantity: spec.quantity.toString(),
      priceId: spec.priceId,
      unit: unitOfPriceId(spec.priceId) ?? 'unit',
      unitPriceUsd: null,
      monthlyUsd: null,
      priceOrigin: null,
      source: null,
      asOf: null,
      confirmed: null,
      missing: true,
    };
  }
  const { unitPrice, text } = unitPriceOf(price);
  return {
    category: spec.category,
    service: spec.service,
    description: spec.description,
    quantity: spec.quantity.toString(),
    priceId: spec.priceId,
    unit: price.unit,
    unitPriceUsd: text,
    monthlyUsd: lineAmount(spec.quantity.times(unitPrice)),
    priceOrigin: price.origin,
    source: price.source,
    asOf: price.asOf,
    confirmed: price.confirmed,
    missing: false,
  };
}

/**
 * Unit prices already parsed, by price: a recommendation prices every candidate from one lookup, so the
 * same few dozen prices are read for some hundreds of lines.
 */
const unitPrices = new WeakMap<Price, { usd: string; unitPrice: Money; text: string }>();

/** Parsed once per price and amount: a price source may hand back the same object with its `usd` changed. */
function unitPriceOf(price: Price): { unitPrice: Money; text: string } {
  let parsed = unitPrices.get(price);
  if (parsed === undefined || parsed.usd !== price.usd) {
    const unitPrice = toMoney(price.usd);
    parsed = { usd: price.usd, unitPrice, text: unitPrice.toString() };
    unitPrices.set(price, parsed);
  }
  return parsed;
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

/** The exact sum of the lines that have an amount (missing ones are left out, and flagged elsewhere). */
export function knownTotal(lines: readonly LineItem[]): Money {
  return sumMoney(lines.filter((l) => l.monthlyUsd !== null).map((l) => toMoney(l.monthlyUsd!)));
}

/** A quantity with two decimals, for descriptions. */
export function formatQuantity(value: Money): string {
  return value.toDecimalPlaces(2).toString();
}
