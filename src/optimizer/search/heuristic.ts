/** @module heuristic: the synchronous, solver-free fleet plan: always available, and the fallback. */

import type { FleetOptions, FleetPlan, FleetTaskGroup, PricedInstanceType } from '../fleet-types.js';
import { buildFleetProblem } from '../model/build-model.js';
import type { FleetProblem } from '../model/integer-model.js';
import type { PlacedNode } from '../model/placement.js';
import { toFleetPlan } from '../model/plan-report.js';
import { packGreedy } from './greedy-pack.js';
import { shareLowerBound } from './lower-bound.js';

export interface HeuristicResult {
  nodes: PlacedNode[];
  lowerBound: number;
  duals: number[];
}

/** Greedy packing priced by the share bound's duals, plus that bound. Tens of milliseconds at 500 tasks. */
export function solveHeuristic(problem: FleetProblem): HeuristicResult {
  const { bound, duals } = shareLowerBound(problem);
  return { nodes: packGreedy(problem, duals), lowerBound: bound, duals };
}

/** The fleet plan without a MILP solver: greedy packing and a solver-free lower bound. Synchronous. */
export function planFleetHeuristic(
  tasks: FleetTaskGroup[],
  instanceTypes: PricedInstanceType[],
  options: FleetOptions,
): FleetPlan {
  const started = performance.now();
  const problem = buildFleetProblem(tasks, instanceTypes, options);
  const result = solveHeuristic(problem);
  return toFleetPlan(problem, result.nodes, {
    lowerBound: result.lowerBound,
    method: 'heuristic',
    solveMs: performance.now() - started,
    notes: [],
  });
}
