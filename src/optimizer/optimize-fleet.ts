/**
 * @module optimize-fleet: the fleet optimizer's entry point: the cheapest mix of EC2 instance types
 * for a set of tasks, with a proven lower bound, within a time limit.
 */

import type { FleetOptions, FleetPlan, FleetTaskGroup, PricedInstanceType } from './fleet-types.js';
import { buildFleetProblem } from './model/build-model.js';
import type { FleetProblem } from './model/integer-model.js';
import { findPlacementError } from './model/placement.js';
import { toFleetPlan } from './model/plan-report.js';
import { loadHighs } from './runtime/highs.js';
import { solveInThread, type ThreadOutcome } from './runtime/solver-thread.js';
import { solveHeuristic } from './search/heuristic.js';
import { solveFleet } from './search/solve-fleet.js';

export const DEFAULT_TIME_LIMIT_MS = 2000;

/** Share of the time limit kept back for building the plan after the solve (at most 50 ms). */
function replyReserve(limit: number): number {
  return Math.min(50, limit * 0.05);
}

const METHOD_NOTE =
  'method: column generation (HiGHS LP, JS knapsack column search) for the lower bound, LP diving and local search for the fleet';

async function solveOnThisThread(problem: FleetProblem, deadline: number): Promise<ThreadOutcome> {
  try {
    const highs = await loadHighs();
    const budget = deadline - (performance.timeOrigin + performance.now());
    return { kind: 'solved', solution: solveFleet(highs, problem, budget) };
  } catch (error) {
    return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Picks instance types and counts for the tasks, and proves how far the cost can be from the cheapest
 * possible fleet (`lowerBoundHourlyUsd`, `gap`). Tasks that fit no type are listed in `unplaceable`
 * with the reason; the rest are placed. The solve runs in a worker thread unless `useWorker` is false;
 * past `timeLimitMs` (default 2000) the worker is stopped and the greedy heuristic's plan is returned.
 */
export async function optimizeFleet(
  tasks: FleetTaskGroup[],
  instanceTypes: PricedInstanceType[],
  options: FleetOptions,
): Promise<FleetPlan> {
  const started = performance.now();
  const limit = Math.max(1, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  const deadline = performance.timeOrigin + started + limit - replyReserve(limit);
  const problem = buildFleetProblem(tasks, instanceTypes, options);
  const elapsed = () => performance.now() - started;
  if (problem.items.length === 0) {
    return toFleetPlan(problem, [], { lowerBound: 0, method: 'heuristic', solveMs: elapsed(), notes: [] });
  }
  const outcome =
    options.useWorker === false
      ? await solveOnThisThread(problem, deadline)
      : await solveInThread(problem, deadline);
  const notes: string[] = [];
  const found =
    outcome.kind === 'solved' ? outcome.solution : outcome.kind === 'timeout' ? outcome.best : null;
  if (outcome.kind === 'timeout') {
    const kept = found ? 'its best fleet so far is used' : 'the heuristic plan is used';
    notes.push(`the solver did not finish within the ${limit} ms time limit: it was stopped and ${kept}`);
  }
  if (found) {
    const error = findPlacementError(problem, found.nodes);
    if (error === null) {
      return toFleetPlan(problem, found.nodes, {
        lowerBound: found.lowerBound,
        method: found.method,
        solveMs: elapsed(),
        notes: [METHOD_NOTE, ...found.notes, ...notes],
      });
    }
    notes.push(`the solver's fleet was rejected: ${error}; the heuristic plan is used`);
  } else if (outcome.kind === 'failed') {
    notes.push(`the solver failed: ${outcome.error}; the heuristic plan is used`);
  }
  const fallback = solveHeuristic(problem);
  return toFleetPlan(problem, fallback.nodes, {
    lowerBound: fallback.lowerBound,
    method: 'heuristic',
    solveMs: elapsed(),
    notes,
  });
}
