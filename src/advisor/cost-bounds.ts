/**
 * @module cost-bounds: what a total that leaves out prices can come to, when every missing price lies in a
 * range, from a floor to a ceiling (docs/ranking.md#incomplete-totals).
 */
import type { Decimal } from 'decimal.js';
import type { CandidateCost } from '../model/cost.js';
import { toMoney } from '../pricing/money.js';

/** A total as priced, plus the quantity of each price it lacks (summed over its lines). */
export interface OpenTotal {
  known: Decimal;
  missing: ReadonlyMap<string, Decimal>;
}

/** The least and the most a missing price may be. */
export interface PriceRange {
  low: Decimal;
  high: Decimal;
}

/** The range of each missing price, by price id; an id without one may be any amount from zero up. */
export type PriceRanges = ReadonlyMap<string, PriceRange>;

/** The range of one total minus another over every allowed price; null stands for no limit that way. */
export interface DifferenceRange {
  low: Decimal | null;
  high: Decimal | null;
}

export function openTotal(cost: CandidateCost): OpenTotal {
  const missing = new Map<string, Decimal>();
  for (const line of cost.lineItems) {
    if (!line.missing) continue;
    // A missing line always names its price; the description keeps an unnamed one apart from every other.
    const id = line.priceId ?? `(unnamed) ${line.description}`;
    missing.set(id, (missing.get(id) ?? toMoney(0)).plus(toMoney(line.quantity)));
  }
  return { known: toMoney(cost.monthlyUsd), missing };
}

/**
 * `a − b` at its lowest and highest: each missing price moves the difference by (a's quantity − b's
 * quantity) × price, so the extremes put every price at its floor or its ceiling. A price with no range that
 * the two lack in different quantities leaves the side it raises open.
 */
export function differenceRange(a: OpenTotal, b: OpenTotal, ranges: PriceRanges): DifferenceRange {
  let low: Decimal | null = a.known.minus(b.known);
  let high: Decimal | null = low;
  const add = (sum: Decimal | null, amount: Decimal | null) =>
    sum === null || amount === null ? null : sum.plus(amount);
  for (const id of new Set([...a.missing.keys(), ...b.missing.keys()])) {
    const more = (a.missing.get(id) ?? toMoney(0)).minus(b.missing.get(id) ?? toMoney(0));
    if (more.isZero()) continue;
    const range = ranges.get(id);
    // Over [floor, ceiling] the difference moves by `more` × price; a price without a range runs from zero up.
    const atFloor = more.times(range?.low ?? 0);
    const atCeiling = range === undefined ? null : more.times(range.high);
    if (more.isPositive()) {
      low = add(low, atFloor);
      high = add(high, atCeiling);
    } else {
      low = add(low, atCeiling);
      high = add(high, atFloor);
    }
  }
  return { low, high };
}

/**
 * The largest `a ÷ b` can be over every allowed price, and at least 1 (only how far `a` may lie above `b`
 * matters to the cost score). A ratio of two linear functions on a box peaks at a corner; Dinkelbach's
 * method finds it: from r = 1, put each price at its ceiling where it raises `a − r·b` and at its floor
 * elsewhere, take the ratio there as the next r, and stop when no corner beats r. Each step raises r, so it
 * ends within the corners. Infinity when `a` lacks a price without a ceiling in a larger quantity than `b`.
 */
export function worstRatio(a: OpenTotal, b: OpenTotal, ranges: PriceRanges): number {
  const ids = [...new Set([...a.missing.keys(), ...b.missing.keys()])];
  const qa = ids.map((id) => a.missing.get(id)?.toNumber() ?? 0);
  const qb = ids.map((id) => b.missing.get(id)?.toNumber() ?? 0);
  const low = ids.map((id) => ranges.get(id)?.low.toNumber() ?? 0);
  const high = ids.map((id) => ranges.get(id)?.high.toNumber() ?? Number.POSITIVE_INFINITY);
  const knownA = a.known.toNumber();
  const knownB = b.known.toNumber();
  let r = 1;
  for (let step = 0; step <= ids.length + 1; step++) {
    let top = knownA;
    let bottom = knownB;
    for (let i = 0; i < ids.length; i++) {
      const price = qa[i]! - r * qb[i]! > 0 ? high[i]! : low[i]!;
      if (price === Number.POSITIVE_INFINITY) return price;
      top += qa[i]! * price;
      bottom += qb[i]! * price;
    }
    // A free total (nothing priced, nothing missing) sets no scale to be dearer than.
    if (bottom <= 0) return r;
    const next = top / bottom;
    // Within rounding, no corner beats r: r is the peak.
    if (next <= r * (1 + 1e-12)) return r;
    r = next;
  }
  return r;
}
