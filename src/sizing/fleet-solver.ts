/** @module fleet-solver: the default EC2 fleet solver of advise(): the optimizer within a time budget. */

import { optimizeFleet } from '../optimizer/optimize-fleet.js';
import { planFleetHeuristic } from '../optimizer/search/heuristic.js';
import type { FleetSolver } from './ec2-fleet.js';

export interface FleetSolverBudget {
  /** Wall-clock budget for all the solves of one recommendation (every candidate, every level). */
  totalMs: number;
  /** At most this long for one solve. */
  perSolveMs: number;
}

export const DEFAULT_FLEET_BUDGET: FleetSolverBudget = { totalMs: 6000, perSolveMs: 1500 };

/** Below this much time left, a solve goes straight to the heuristic rather than start a worker. */
const MIN_SOLVE_MS = 100;

/**
 * A solver for one recommendation: the MILP-backed optimizer (in a worker thread) while the budget
 * lasts, then the greedy heuristic, which is always available. Each plan's notes say which one ran.
 */
export function createBudgetedFleetSolver(budget: FleetSolverBudget = DEFAULT_FLEET_BUDGET): FleetSolver {
  const deadline = performance.now() + budget.totalMs;
  return async (tasks, types, options) => {
    const left = deadline - performance.now();
    if (left < MIN_SOLVE_MS) {
      const plan = planFleetHeuristic(tasks, types, options);
      return {
        ...plan,
        notes: [...plan.notes, 'sized by the greedy heuristic: the time budget for solves was spent'],
      };
    }
    return optimizeFleet(tasks, types, { ...options, timeLimitMs: Math.min(budget.perSolveMs, left) });
  };
}

/**
 * The greedy heuristic alone: fast and deterministic, whatever the machine's load. For callers that need
 * the same fleet on every run (golden files, reproducible reports); the budgeted optimizer finds
 * cheaper fleets, but its result depends on how much it could do within the time limit.
 */
export const heuristicFleetSolver: FleetSolver = async (tasks, types, options) =>
  planFleetHeuristic(tasks, types, options);
