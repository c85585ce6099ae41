/**
 * @module carry-over: what one solved fleet problem tells a similar one (another traffic level of the
 * same week): its columns, its fleet and its duals, restated for the other problem's items and types.
 */
import type { FleetProblem } from './integer-model.js';
import { filled, mapPacked } from './lists.js';
import type { Pattern } from './pattern.js';
import { canHold, cheapestHolder, type PlacedNode } from './placement.js';

/** Index maps from one problem to another: items by key, types by name (−1 when absent). */
function mapsBetween(from: FleetProblem, to: FleetProblem): { items: number[]; types: number[] } {
  const itemIndex = new Map(mapPacked(to.items, (item, i) => [item.key, i]));
  const typeIndex = new Map(mapPacked(to.types, (type, t) => [type.name, t]));
  return {
    items: mapPacked(from.items, (item) => itemIndex.get(item.key) ?? -1),
    types: mapPacked(from.types, (type) => typeIndex.get(type.name) ?? -1),
  };
}

/** Counts of `from`'s items restated for `to`, each capped at `cap(j)`; null when nothing is left. */
function restate(
  counts: readonly number[],
  itemMap: readonly number[],
  to: FleetProblem,
  cap: (j: number) => number,
): number[] | null {
  const result = filled(to.items.length, 0);
  let any = false;
  counts.forEach((c, i) => {
    const j = itemMap[i]!;
    if (c === 0 || j < 0) return;
    result[j] = Math.min(c, cap(j));
    if (result[j]! > 0) any = true;
  });
  return any ? result : null;
}

/**
 * Maps each column of `from` onto `to`: counts capped at what `to` allows (its demand and spread).
 * Columns whose type `to` lacks, or that end up empty, are dropped. Every column returned is a load
 * one node of its type can hold in `to`, so it is a valid column there.
 */
export function carryColumns(from: FleetProblem, to: FleetProblem, columns: readonly Pattern[]): Pattern[] {
  const maps = mapsBetween(from, to);
  const carried: Pattern[] = [];
  for (const column of columns) {
    const type = maps.types[column.type] ?? -1;
    if (type < 0) continue;
    const counts = restate(column.counts, maps.items, to, (j) =>
      Math.min(to.items[j]!.demand, to.items[j]!.maxPerNode),
    );
    if (counts && canHold(to, to.types[type]!, counts)) carried.push({ type, counts });
  }
  return carried;
}

/**
 * `from`'s fleet restated for `to`: each node keeps the tasks `to` still has (first nodes first, each
 * within `to`'s spread), on its own type or else the cheapest that holds it. `left` is what no carried
 * node holds, for the caller to place.
 */
export function carryFleet(
  from: FleetProblem,
  to: FleetProblem,
  nodes: readonly PlacedNode[],
): { nodes: PlacedNode[]; left: number[] } {
  const maps = mapsBetween(from, to);
  const left = mapPacked(to.items, (item) => item.demand);
  const carried: PlacedNode[] = [];
  for (const node of nodes) {
    const counts = restate(node.counts, maps.items, to, (j) => Math.min(left[j]!, to.items[j]!.maxPerNode));
    if (!counts) continue;
    const own = maps.types[node.type] ?? -1;
    const type = own >= 0 && canHold(to, to.types[own]!, counts) ? own : cheapestHolder(to, counts);
    if (type < 0) continue;
    carried.push({ type, counts });
    counts.forEach((c, j) => {
      left[j] = left[j]! - c;
    });
  }
  return { nodes: carried, left };
}

/** Item duals of `from` restated for `to` (0 for items `from` lacks). */
export function carryDuals(from: FleetProblem, to: FleetProblem, duals: readonly number[]): number[] {
  const index = new Map(mapPacked(from.items, (item, i) => [item.key, i]));
  return mapPacked(to.items, (item) => {
    const i = index.get(item.key);
    return i === undefined ? 0 : (duals[i] ?? 0);
  });
}
