/** @module trim-surplus: removes the tasks a covering solution places twice, where that saves the most. */
import type { FleetProblem } from '../model/integer-model.js';
import { mapPacked } from '../model/lists.js';
import { patternKey } from '../model/pattern.js';
import { cheapestHolder, downsizeNodes, type PlacedNode } from '../model/placement.js';

/**
 * The covering rows are ≥, so a solution may hold more tasks of an item than exist. Each surplus task
 * is taken from the node where removing it lets the node move to the cheapest type (ties: the first
 * such node); then every node is downsized and empty nodes dropped.
 */
export function trimSurplus(problem: FleetProblem, nodes: readonly PlacedNode[]): PlacedNode[] {
  const result = mapPacked(nodes, (node) => ({ type: node.type, counts: [...node.counts] }));
  const holderCache = new Map<string, number>();
  const priceAfterRemoval = (node: PlacedNode, i: number): number => {
    const counts = [...node.counts];
    counts[i] = counts[i]! - 1;
    const key = patternKey({ type: 0, counts });
    let holder = holderCache.get(key);
    if (holder === undefined) {
      holder = counts.every((c) => c === 0) ? -1 : cheapestHolder(problem, counts);
      holderCache.set(key, holder);
    }
    return holder < 0 ? 0 : problem.types[holder]!.price;
  };
  problem.items.forEach((item, i) => {
    let surplus = result.reduce((sum, node) => sum + node.counts[i]!, 0) - item.demand;
    while (surplus > 0) {
      let best = -1;
      let bestSaving = Number.NEGATIVE_INFINITY;
      const seen = new Set<string>();
      result.forEach((node, n) => {
        if (node.counts[i] === 0) return;
        const key = patternKey(node);
        if (seen.has(key)) return;
        seen.add(key);
        const saving = problem.types[node.type]!.price - priceAfterRemoval(node, i);
        if (saving > bestSaving) {
          bestSaving = saving;
          best = n;
        }
      });
      const node = result[best]!;
      node.counts[i] = node.counts[i]! - 1;
      surplus -= 1;
    }
  });
  return downsizeNodes(problem, result);
}
