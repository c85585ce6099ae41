/**
 * @module cost-bounds: what a total that leaves out prices can come to, when every missing price lies between
 * zero and a ceiling (docs/ranking.md#incomplete-totals).
 */
import type { Decimal } from 'decimal.js';
import type { CandidateCost } from '../model/cost.js';
import { toMoney } from '../pricing/money.js';

/** A total as priced, plus the quantity of each price it lacks (summed over its lines). */
export interface OpenTotal {
  known: Decimal;
  missing: ReadonlyMap<string, Decimal>;
}

/** The highest each missing price may be, by price id; an id without one may be any amount. */
export type PriceCeilings = ReadonlyMap<string, Decimal>;

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
 * quantity) × price, so the extremes put every price at zero or at its ceiling. A price with no ceiling that
 * the two lack in different quantities leaves that side open.
 */
export function differenceRange(a: OpenTotal, b: OpenTotal, ceilings: PriceCeilings): DifferenceRange {
  let low: Decimal | null = a.known.minus(b.known);
  let high: Decimal | null = low;
  for (const id of new Set([...a.missing.keys(), ...b.missing.keys()])) {
    const more = (a.missing.get(id) ?? toMoney(0)).minus(b.missing.get(id) ?? toMoney(0));
    if (more.isZero()) continue;
    const ceiling = ceilings.get(id);
    if (more.isPositive())
      high = ceiling === undefined || high === null ? null : high.plus(more.times(ceiling));
    else low = ceiling === undefined || low === null ? null : low.plus(more.times(ceiling));
  }
  return { low, high };
}

/**
 * The largest `a ÷ b` can be over every allowed price, and at least 1 (only how far `a` may lie above `b`
 * matters to the cost score). A ratio of two linear functions on a box peaks at a corner; Dinkelbach's
 * method finds it: from r = 1, put each price at its ceiling where it raises `a − r·b`, take the ratio
 * there as the next r, and stop when no corner beats r. Each step raises r, so it ends within the corners.
 * Infinity when `a` lacks a price without a ceiling in a larger quantity than `b`.
 */
export function worstRatio(a: OpenTotal, b: OpenTotal, ceilings: PriceCeilings): number {
  const ids = [...new Set([...a.missing.keys(), ...b.missing.keys()])];
  const qa = ids.map((id) => a.missing.get(id)?.toNumber() ?? 0);
  const qb = ids.map((id) => b.missing.get(id)?.toNumber() ?? 0);
  const cap = ids.map((id) => ceilings.get(id)?.toNumber() ?? Number.POSITIVE_INFINITY);
  const knownA = a.known.toNumber();
  const knownB = b.known.toNumber();
  let r = 1;
  for (let step = 0; step <= ids.length + 1; step++) {
    let top = knownA;
    let bottom = knownB;
    ids.forEach((_, i) => {
      if (qa[i]! - r * qb[i]! <= 0) return;
      if (cap[i] === Number.POSITIVE_INFINITY) top = Number.POSITIVE_INFINITY;
      top += qa[i]! * cap[i]!;
      bottom += qb[i]! * cap[i]!;
    });
    if (top === Number.POSITIVE_INFINITY) return top;
    // A free total (nothing priced, nothing missing) sets no scale to be dearer than.
    if (bottom <= 0) return r;
    const next = top / bottom;
    // Within rounding, no corner beats r: r is the peak.
    if (next <= r * (1 + 1e-12)) return r;
    r = next;
  }
  return r;
}
