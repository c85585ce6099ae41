/** @module carry-columns: node loads found for one fleet problem, restated for a similar one. */
import type { FleetProblem } from './integer-model.js';
import type { Pattern } from './pattern.js';
import { canHold } from './placement.js';

/**
 * Maps each column of `from` onto `to`: items by key, types by name, counts capped at what `to` allows
 * (its demand and spread). Columns whose type `to` lacks, or that end up empty, are dropped. Every
 * column returned is a load one node of its type can hold in `to`, so it is a valid column there.
 */
export function carryColumns(from: FleetProblem, to: FleetProblem, columns: readonly Pattern[]): Pattern[] {
  const itemIndex = new Map(to.items.map((item, i) => [item.key, i]));
  const typeIndex = new Map(to.types.map((type, t) => [type.name, t]));
  const itemMap = from.items.map((item) => itemIndex.get(item.key) ?? -1);
  const typeMap = from.types.map((type) => typeIndex.get(type.name) ?? -1);
  const carried: Pattern[] = [];
  for (const column of columns) {
    const type = typeMap[column.type] ?? -1;
    if (type < 0) continue;
    const counts = to.items.map(() => 0);
    let any = false;
    column.counts.forEach((c, i) => {
      const j = itemMap[i]!;
      if (c === 0 || j < 0) return;
      const item = to.items[j]!;
      counts[j] = Math.min(c, item.demand, item.maxPerNode);
      if (counts[j]! > 0) any = true;
    });
    if (any && canHold(to, to.types[type]!, counts)) carried.push({ type, counts });
  }
  return carried;
}
