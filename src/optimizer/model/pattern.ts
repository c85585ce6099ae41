/** @module pattern: a node load (type and item counts) as a column of the covering model. */
import type { PlacedNode } from './placement.js';

/**
 * A load one node of `type` can hold: the columns of the set-covering model
 * (P4 in docs/optimizer.md#set-covering-model).
 */
export type Pattern = PlacedNode;

export function patternKey(pattern: Pattern): string {
  return `${pattern.type}:${pattern.counts.join(',')}`;
}
