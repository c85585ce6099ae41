/** @module dominance: drops instance types that another type beats on every count. */
import type { ProblemType } from './integer-model.js';

function isSubset(small: readonly number[], big: ReadonlySet<number>): boolean {
  for (const i of small) if (!big.has(i)) return false;
  return true;
}

function dominates(a: ProblemType, aItems: ReadonlySet<number>, b: ProblemType): boolean {
  return (
    a.price <= b.price &&
    a.cpu >= b.cpu &&
    a.mem >= b.mem &&
    a.tasks >= b.tasks &&
    a.gpu >= b.gpu &&
    isSubset(b.items, aItems)
  );
}

/**
 * Keeps only types that no other type dominates (as cheap or cheaper, at least as much of every
 * resource, and able to run every item the other runs). Any node of a dominated type can be swapped
 * for its dominator without raising the cost, so the optimum is unchanged
 * (docs/optimizer.md#dominated-instance-types: it cut 60 types to 15). Among identical types the first by
 * name survives.
 */
export function pruneDominated(types: readonly ProblemType[]): ProblemType[] {
  // Bigger first among equal prices, so a type is only ever dominated by one already seen.
  const order = [...types].sort(
    (a, b) =>
      a.price - b.price ||
      b.cpu - a.cpu ||
      b.mem - a.mem ||
      b.tasks - a.tasks ||
      b.gpu - a.gpu ||
      b.items.length - a.items.length ||
      a.name.localeCompare(b.name),
  );
  const kept: { type: ProblemType; items: Set<number> }[] = [];
  for (const type of order) {
    if (kept.some((k) => dominates(k.type, k.items, type))) continue;
    kept.push({ type, items: new Set(type.items) });
  }
  return kept.map((k) => k.type);
}
