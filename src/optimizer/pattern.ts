/** @module pattern: a node load (type and item counts) as a column of the covering model. */
import type { PlacedNode } from './placement.ts';

/** A load one node of `type` can hold: the columns of the set-covering model (P4 in performance.md §A2). */
export type Pattern = PlacedNode;

export function patternKey(pattern: Pattern): string {
  return `${pattern.type}:${pattern.counts.join(',')}`;
}

/** Distinct patterns with how many nodes use each. */
export function countPatterns(nodes: readonly Pattern[]): Map<string, { pattern: Pattern; count: number }> {
  const byKey = new Map<string, { pattern: Pattern; count: number }>();
  for (const node of nodes) {
    const key = patternKey(node);
    const entry = byKey.get(key);
    if (entry) entry.count += 1;
    else byKey.set(key, { pattern: node, count: 1 });
  }
  return byKey;
}
