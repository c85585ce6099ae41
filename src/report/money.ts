/** @module money: exact sums of USD strings and their display, rounded half-up to cents with separators. */
import { Decimal } from 'decimal.js';

// The same precision as the pricing wing, so a sum here equals the total advise() computed.
const Exact = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
export type Usd = Decimal;

export function toUsd(value: string | number): Usd {
  return new Exact(value);
}

export function sumUsd(values: Iterable<string | Usd>): Usd {
  let total = new Exact(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** "$1,209.57", "-$5.00": rounded half-up to cents for display only. */
export function formatUsd(value: string | Usd): string {
  const amount = typeof value === 'string' ? toUsd(value) : value;
  const cents = amount.abs().toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const sign = amount.isNegative() && cents !== '0.00' ? '-' : '';
  return `${sign}$${groupThousands(cents)}`;
}

function asUsd(value: string | Usd): Usd {
  return typeof value === 'string' ? toUsd(value) : value;
}

/** Rounds half-up to the cent, as `formatUsd` shows every amount. */
export function roundCents(value: string | Usd): Usd {
  return asUsd(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * `a − b` as a reader works it out from the two totals shown, each rounded to the cent first (the same rule
 * as the text and Markdown output, src/pricing/money.ts); the JSON keeps the exact difference.
 */
export function shownDifference(a: string | Usd, b: string | Usd): Usd {
  return roundCents(a).minus(roundCents(b));
}

/** A unit price keeps its digits ("$0.04048"); only the whole part is grouped. */
export function formatUnitPrice(value: string): string {
  const amount = toUsd(value);
  const digits = amount.abs().toFixed();
  return `${amount.isNegative() ? '-' : ''}$${groupThousands(digits.includes('.') ? digits : `${digits}.00`)}`;
}

/** A quantity to at most four decimals, grouped: "8,760", "1,125.4167". */
export function formatQuantity(value: string): string {
  const rounded = toUsd(value).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
  return rounded.startsWith('-') ? `-${groupThousands(rounded.slice(1))}` : groupThousands(rounded);
}

function groupThousands(digits: string): string {
  const [whole = '0', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
