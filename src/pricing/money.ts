/** @module money: exact decimal arithmetic for prices; rounding happens only for display. */
import { Decimal } from 'decimal.js';

/** AWS's calculator and infracost both bill a month as 730 hours (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

export type Money = Decimal;

// toExpNeg/toExpPos at decimal.js's extremes: toString() never switches to exponent notation, so every
// amount in a response reads as a plain decimal ("1450000…0.00"), never "1.45e+307".
const Exact = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** Parses a decimal price string ("0.0960000000") or a number into an exact value. */
export function toMoney(value: string | number | Decimal): Money {
  return new Exact(value);
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = new Exact(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** Rounds half-up to cents, for display only ("72.08"). */
export function formatCents(value: Money): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Rounds half-up to the cent, as every amount shown to people is rounded (`formatCents`, `formatUsd`). */
export function roundCents(value: Money | string): Money {
  return toMoney(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** What a reader gets adding up the amounts as shown, each rounded to the cent first; null ones are skipped. */
export function sumAsShown(values: Iterable<Money | string | null>): Money {
  let total = new Exact(0);
  for (const v of values) if (v !== null) total = total.plus(roundCents(v));
  return total;
}

/**
 * `a − b` as a reader works it out from the two totals shown: each rounded to the cent first. Shown beside
 * $181.00 and $93.84, the difference reads $87.16, though the exact one (87.155…) would round to $87.15.
 * JSON keeps the exact difference (`monthlyDeltaUsd`).
 */
export function shownDifference(a: Money | string, b: Money | string): Money {
  return roundCents(a).minus(roundCents(b));
}

/**
 * Rounds to cents with thousands separators and the sign in front, for people ("-$12,345.67"); JSON keeps
 * the exact decimal string instead.
 */
export function formatUsd(value: Money | string): string {
  const amount = toMoney(value);
  const cents = formatCents(amount.abs());
  // A tiny negative amount that rounds to zero cents reads as "$0.00", not "-$0.00".
  return `${amount.isNegative() && cents !== '0.00' ? '-' : ''}$${groupThousands(cents)}`;
}

/** Puts a comma between each group of three digits of a plain decimal's whole part ("1234.5" → "1,234.5"). */
export function groupThousands(decimal: string): string {
  const [whole = '', fraction] = decimal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A plain-string form that keeps every digit, for JSON output: always fixed-point, never exponent. */
export function toExactString(value: Money): string {
  return value.toFixed();
}
