/**
 * @module optimize-fleet: the fleet optimizer's entry points: the cheapest mix of EC2 instance types
 * for a set of tasks (or for each traffic level of a week), with a proven lower bound. The work is
 * bounded by counts, so the same input gives the same fleet on an idle or a busy machine.
 */

import type { FleetOptions, FleetPlan, FleetTaskGroup, PricedInstanceType } from './fleet-types.js';
import { buildFleetProblem } from './model/build-model.js';
import type { FleetProblem } from './model/integer-model.js';
import { findPlacementError } from './model/placement.js';
import { toFleetPlan } from './model/plan-report.js';
import { loadHighs } from './runtime/highs.js';
import { solveInThread, type ThreadOutcome } from './runtime/solver-thread.js';
import { solveHeuristic } from './search/heuristic.js';
import { solveBatch } from './search/solve-batch.js';
import type { FleetSolution } from './search/solve-fleet.js';
import {
  DEFAULT_SOLVE_LIMITS,
  SAFETY_STOP_NOTE,
  SafetyClock,
  type SolveLimits,
} from './search/solve-limits.js';

/** The safety time limit of one call; the work limits end a solve long before on any realistic input. */
export const DEFAULT_TIME_LIMIT_MS = 30_000;

/** Problems up to this many tasks are first tried on the calling thread, without the LP. */
const QUICK_MAX_TASKS = 40;

function taskCount(problem: FleetProblem): number {
  return problem.items.reduce((sum, item) => sum + item.demand, 0);
}

const METHOD_NOTE =
  'method: column generation (HiGHS LP, JS knapsack column search) for the lower bound, LP diving and local search for the fleet';

async function solveOnThisThread(
  problems: FleetProblem[],
  limits: SolveLimits,
  deadline: number,
): Promise<ThreadOutcome> {
  try {
    const highs = await loadHighs();
    return { kind: 'solved', solved: solveBatch(highs, problems, limits, new SafetyClock(deadline)) ?? [] };
  } catch (error) {
    return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Picks instance types and counts for the tasks, and proves how far the cost can be from the cheapest
 * possible fleet (`lowerBoundHourlyUsd`, `gap`). Tasks that fit no type are listed in `unplaceable`
 * with the reason; the rest are placed. The solve runs in a worker thread unless `useWorker` is false.
 */
export async function optimizeFleet(
  tasks: FleetTaskGroup[],
  instanceTypes: PricedInstanceType[],
  options: FleetOptions,
): Promise<FleetPlan> {
  const [plan] = await optimizeFleets([tasks], instanceTypes, options);
  return plan!;
}

/**
 * One plan per entry of `levels` (the task groups of each traffic level of a week), solved in one
 * round trip to the solver thread, each level warm-started from the columns of the one before.
 * Plans depend on the whole call, levels and order included; the same call gives the same plans.
 */
export async function optimizeFleets(
  levels: readonly FleetTaskGroup[][],
  instanceTypes: readonly PricedInstanceType[],
  options: FleetOptions,
): Promise<FleetPlan[]> {
  const started = performance.now();
  const limit = Math.max(1, options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  const deadline = performance.timeOrigin + started + limit;
  const limits: SolveLimits = { ...DEFAULT_SOLVE_LIMITS, ...options.limits };
  const problems = levels.map((tasks) => buildFleetProblem(tasks, instanceTypes, options));
  const buildMs = (performance.now() - started) / Math.max(1, problems.length);
  // Largest level first: each level starts from the columns of the one before, cut down to its demand.
  const todo = problems
    .flatMap((problem, i) => (problem.items.length > 0 ? [i] : []))
    .sort((a, b) => taskCount(problems[b]!) - taskCount(problems[a]!) || a - b);
  const batch = todo.map((i) => problems[i]!);
  // Small problems are settled without the LP, here and at once; the rest go to HiGHS as one batch,
  // which repeats the LP-free steps identically, so the fleets do not depend on where they were solved.
  const quick = batch.every((problem) => taskCount(problem) <= QUICK_MAX_TASKS)
    ? solveBatch(null, batch, limits, new SafetyClock(deadline))
    : null;
  const outcome: ThreadOutcome = quick
    ? { kind: 'solved', solved: quick }
    : options.useWorker === false
      ? await solveOnThisThread(batch, limits, deadline)
      : await solveInThread(batch, limits, deadline);
  const elapsed = () => performance.now() - started;
  return problems.map((problem, i) => {
    const k = todo.indexOf(i);
    if (k < 0) return toFleetPlan(problem, [], { lowerBound: 0, method: 'heuristic', solveMs: 0, notes: [] });
    return toPlan(problem, outcome, k, limit, buildMs, elapsed);
  });
}

function toPlan(
  problem: FleetProblem,
  outcome: ThreadOutcome,
  k: number,
  limit: number,
  buildMs: number,
  elapsed: () => number,
): FleetPlan {
  const notes: string[] = [];
  let found: FleetSolution | null = null;
  let solveMs = elapsed();
  if (outcome.kind === 'solved') {
    found = outcome.solved[k]!.solution;
    solveMs = buildMs + outcome.solved[k]!.ms;
  } else if (outcome.kind === 'timeout') {
    found = outcome.best[k] ?? null;
    const kept = found ? 'its best fleet so far is used' : 'the heuristic plan is used';
    notes.push(`the solver did not stop within the ${limit} ms safety time limit: it was ended and ${kept}`);
  } else {
    notes.push(`the solver failed: ${outcome.error}; the heuristic plan is used`);
  }
  const stopped = outcome.kind === 'timeout' || found?.stoppedBy === 'safety-time-limit';
  if (stopped) notes.push(SAFETY_STOP_NOTE);
  const stoppedBy = stopped ? ('safety-time-limit' as const) : null;
  if (found) {
    const error = findPlacementError(problem, found.nodes);
    if (error === null) {
      return toFleetPlan(problem, found.nodes, {
        lowerBound: found.lowerBound,
        method: found.method,
        solveMs,
        notes: [METHOD_NOTE, ...found.notes, ...notes],
        stoppedBy,
      });
    }
    notes.push(`the solver's fleet was rejected: ${error}; the heuristic plan is used`);
  }
  const fallback = solveHeuristic(problem);
  return toFleetPlan(problem, fallback.nodes, {
    lowerBound: fallback.lowerBound,
    method: 'heuristic',
    solveMs,
    notes,
    stoppedBy,
  });
}
