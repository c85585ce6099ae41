/** @module residual-problem: the same fleet problem with what is still to place. */
import type { FleetProblem } from './integer-model.js';
import { mapPacked } from './lists.js';

/** Smaller demands and spread target; each item's per-node cap stays what the full spread allows. */
export function residualProblem(
  problem: FleetProblem,
  demands: readonly number[],
  minNodes: number,
): FleetProblem {
  return {
    ...problem,
    items: mapPacked(problem.items, (item, i) => ({ ...item, demand: demands[i]! })),
    minNodes: Math.max(1, minNodes),
  };
}
