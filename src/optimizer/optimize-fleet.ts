/**
 * @module optimize-fleet: the fleet optimizer's entry points: the cheapest mix of EC2 instance types
 * for a set of tasks (or for each traffic level of a week), with a proven lower bound. The work is
 * bounded by counts, so the same input gives the same fleet on an idle or a busy machine.
 */

import type { FleetOptions, FleetPlan, FleetTaskGroup, PricedInstanceType } from './fleet-types.js';
import { buildFleetProblem } from './model/build-model.js';
import { type FleetProblem, taskCount, totalTasks } from './model/integer-model.js';
import { findPlacementError } from './model/placement.js';
import { METHOD_NOTE_PREFIX, toFleetPlan } from './model/plan-report.js';
import { solveInThread, type ThreadOutcome } from './runtime/solver-thread.js';
import { type PartSolver, partLimits, splitPass } from './search/class-split.js';
import { solveHeuristic } from './search/heuristic.js';
import { type SolvedLevel, solveBatch } from './search/solve-batch.js';
import type { FleetSolution } from './search/solve-fleet.js';
import {
  DEFAULT_SOLVE_LIMITS,
  SAFETY_STOP_NOTE,
  SafetyClock,
  type SolveLimits,
} from './search/solve-limits.js';

/** The safety time limit of one call; the work limits end a solve long before on any realistic input. */
export const DEFAULT_TIME_LIMIT_MS = 30_000;

/**
 * A safety time limit as given, or undefined; anything but a number of milliseconds above 0 (Infinity: no
 * limit) is refused, since a timer of NaN ms fires at once and would stop every solve.
 */
export function checkedTimeLimit(ms: number | undefined, field: string): number | undefined {
  if (ms === undefined) return undefined;
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms <= 0)
    throw new RangeError(
      `${field} is invalid: ${typeof ms === 'number' ? String(ms) : JSON.stringify(ms)} is not a number of milliseconds above 0`,
    );
  return ms;
}

/** `solverThreads` as given, or undefined; anything but a whole number of at least 1 is a RangeError naming `field`. */
export function checkedThreads(threads: number | undefined, field: string): number | undefined {
  if (threads === undefined) return undefined;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1)
    throw new RangeError(
      `${field} is invalid: ${typeof threads === 'number' ? String(threads) : JSON.stringify(threads)} is not a whole number of threads, at least 1`,
    );
  return threads;
}

/** Problems up to this many tasks are first tried on the calling thread, without the LP. */
const QUICK_MAX_TASKS = 40;

/** What found a fleet, in the words of its method note (`FleetSolution.foundBy`). */
const FOUND_BY: Record<FleetSolution['foundBy'], string> = {
  greedy: 'greedy packing',
  'first-level': "the fleet of the week's level with the most tasks (cut down to this level's tasks)",
  dive: 'LP diving',
  'column-search': "an exact combination of the LP's columns",
  'exact-search': 'an exact search over node loads, stopped at its work limit',
  'class-split':
    "solving each node class (architecture, GPU model) apart, with the tasks several classes can run divided as in one of the week's fleets",
};

/**
 * How a fleet and its lower bound were found: what proved the bound, and what found the fleet before local
 * search (and the re-pack searches, when they made it cheaper) improved it (docs/optimizer.md#when-a-solve-stops).
 */
function methodNote(solution: FleetSolution): string {
  if (solution.boundSource === 'exact')
    return `${METHOD_NOTE_PREFIX}an exact search over every load a node can hold, which finished: no fleet of the allowed types is cheaper`;
  const bound = {
    lp: 'column generation (simplex LP and knapsack column search, in JS) for the lower bound',
    carried:
      "the LP duals of the week's level with the most tasks (column generation), checked against every node type of this level, for the lower bound",
    share: "each task's share of the cheapest node type that can run it for the lower bound",
  }[solution.boundSource];
  const improved = solution.repacked
    ? ', local search and re-packing a few nodes at a time'
    : ' and local search';
  return `${METHOD_NOTE_PREFIX}${bound}, ${FOUND_BY[solution.foundBy]}${improved} for the fleet`;
}

/** How one level's solve ended: solved, stopped by the backstop (with its best fleet so far), or failed. */
type LevelOutcome =
  | { kind: 'solved'; level: SolvedLevel }
  /** `cause`: the solve overran, never got a thread, or waited for its week's first level, which did one of those. */
  | { kind: 'timeout'; best: FleetSolution | null; cause: 'overran' | 'not-started' | 'first-level' }
  | { kind: 'failed'; error: string };

/** A batch's outcome, level by level. */
function levelsOf(outcome: ThreadOutcome, count: number): LevelOutcome[] {
  return Array.from({ length: count }, (_, k): LevelOutcome => {
    if (outcome.kind === 'solved') return { kind: 'solved', level: outcome.solved[k]! };
    if (outcome.kind === 'timeout')
      return {
        kind: 'timeout',
        best: outcome.best[k] ?? null,
        cause: outcome.started ? 'overran' : 'not-started',
      };
    return outcome;
  });
}

async function solveOnThisThread(
  problems: FleetProblem[],
  limits: SolveLimits,
  deadline: number,
): Promise<LevelOutcome[]> {
  try {
    const solved = solveBatch('full', problems, limits, new SafetyClock(deadline)) ?? [];
    return levelsOf({ kind: 'solved', solved }, problems.length);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return levelsOf({ kind: 'failed', error: message }, problems.length);
  }
}

/**
 * The same solves on the solver threads: the first level alone, then every later one as a batch of its
 * own that starts from the first level's outcome, so both threads share a week's later levels. Each level
 * gets the answer solveBatch gives it on one thread.
 */
async function solveOnThreads(
  problems: FleetProblem[],
  limits: SolveLimits,
  deadline: number,
  threads: number | undefined,
): Promise<LevelOutcome[]> {
  const [first, ...rest] = problems;
  // The week's batches keep its first one's place in the queue, and the first counts the whole week's
  // tasks, since the others wait for it (solver-thread's nextBatch).
  const since = performance.now();
  const week = totalTasks(problems);
  const head = await solveInThread(
    [first!],
    limits,
    deadline,
    { keepFirst: rest.length > 0 },
    { since, tasks: week, threads },
  );
  const outcome = head.kind === 'solved' ? head.solved[0]?.outcome : undefined;
  if (!outcome) {
    // Later levels need the first one's outcome: they end as it did (a timeout has no fleet for them).
    const ended: LevelOutcome =
      head.kind === 'failed' ? head : { kind: 'timeout', best: null, cause: 'first-level' };
    return [...levelsOf(head, 1), ...rest.map(() => ended)];
  }
  const from = { problem: first!, outcome };
  const later = await Promise.all(
    rest.map((problem) => solveInThread([problem], limits, deadline, { from }, { since, threads })),
  );
  return [...levelsOf(head, 1), ...later.flatMap((done) => levelsOf(done, 1))];
}

/**
 * A class-split part (search/class-split), solved like a week's only level: on this thread or on a solver
 * thread, where it waits in the queue with the tasks of its split's later tries and leaves it once the
 * level's split has ended.
 */
function partSolver(
  limits: SolveLimits,
  deadline: number,
  thread: { since: number; threads: number | undefined } | null,
): PartSolver {
  return async (part, order) => {
    try {
      const outcome = thread
        ? await solveInThread(
            [part],
            limits,
            deadline,
            {},
            {
              ...thread,
              tasks: totalTasks([part]) + order.tasksAfter,
              cancel: order.signal,
            },
          )
        : {
            kind: 'solved' as const,
            solved: solveBatch('full', [part], limits, new SafetyClock(deadline)) ?? [],
          };
      if (outcome.kind === 'timeout') return { nodes: null, stopped: true };
      if (outcome.kind === 'failed') return { nodes: null, stopped: false };
      const solution = outcome.solved[0]?.solution;
      return { nodes: solution?.nodes ?? null, stopped: solution?.stoppedBy != null };
    } catch {
      return { nodes: null, stopped: false };
    }
  };
}

/**
 * Levels whose fleets ended more than 3 % above their bounds get the class split (search/class-split): their
 * outcomes with the fleets it found, and its time added to theirs. On solver threads every try's parts are
 * queued at once (splitPass's `queueAhead`).
 */
async function withClassSplits(
  batch: FleetProblem[],
  outcomes: LevelOutcome[],
  limits: SolveLimits,
  solvePart: PartSolver,
  onThreads: boolean,
): Promise<LevelOutcome[]> {
  const solutions = outcomes.map((outcome) => (outcome.kind === 'solved' ? outcome.level.solution : null));
  const passed = await splitPass(batch, solutions, limits, solvePart, onThreads);
  return outcomes.map((outcome, k) => {
    const after = passed[k]!;
    if (outcome.kind !== 'solved' || !after.solution || after.solution === outcome.level.solution)
      return outcome;
    return {
      kind: 'solved',
      level: { ...outcome.level, solution: after.solution, ms: outcome.level.ms + after.ms },
    };
  });
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
 * One plan per entry of `levels` (the task groups of each traffic level of a week): the largest level is
 * solved first, and every other one is warm-started from its fleet, duals and columns, on whichever
 * solver thread is free. Each level's solve depends on its own level, the largest level (the first of equal
 * ones) and the options; a level whose fleet then ends more than 3 % above its bound also tries the other
 * levels' divisions of its tasks between node classes (search/class-split). The same call gives the same plans.
 */
export async function optimizeFleets(
  levels: readonly FleetTaskGroup[][],
  instanceTypes: readonly PricedInstanceType[],
  options: FleetOptions,
): Promise<FleetPlan[]> {
  const started = performance.now();
  const limit = Math.max(1, checkedTimeLimit(options.timeLimitMs, 'timeLimitMs') ?? DEFAULT_TIME_LIMIT_MS);
  const threads = checkedThreads(options.solverThreads, 'solverThreads');
  const deadline = performance.timeOrigin + started + limit;
  const limits: SolveLimits = { ...DEFAULT_SOLVE_LIMITS, ...options.limits };
  const problems = levels.map((tasks) => buildFleetProblem(tasks, instanceTypes, options));
  const buildMs = (performance.now() - started) / Math.max(1, problems.length);
  // Largest level first: every other level starts from its fleet and columns, cut down to its demand.
  const todo = problems
    .flatMap((problem, i) => (problem.items.length > 0 ? [i] : []))
    .sort((a, b) => taskCount(problems[b]!) - taskCount(problems[a]!) || a - b);
  const batch = todo.map((i) => problems[i]!);
  // Small problems are settled without the LP, here and at once; the rest are solved in full as one batch,
  // which repeats the LP-free steps identically, so the fleets do not depend on where they were solved.
  const quick = batch.every((problem) => taskCount(problem) <= QUICK_MAX_TASKS)
    ? solveBatch('withoutLp', batch, limits, new SafetyClock(deadline))
    : null;
  const onThreads = options.useWorker !== false;
  const outcomes: LevelOutcome[] = quick
    ? levelsOf({ kind: 'solved', solved: quick }, batch.length)
    : await withClassSplits(
        batch,
        onThreads
          ? await solveOnThreads(batch, limits, deadline, threads)
          : await solveOnThisThread(batch, limits, deadline),
        limits,
        partSolver(partLimits(limits), deadline, onThreads ? { since: started, threads } : null),
        onThreads,
      );
  const elapsed = () => performance.now() - started;
  return problems.map((problem, i) => {
    const k = todo.indexOf(i);
    if (k < 0) return toFleetPlan(problem, [], { lowerBound: 0, method: 'heuristic', solveMs: 0, notes: [] });
    return toPlan(problem, outcomes[k]!, limit, buildMs, elapsed);
  });
}

function toPlan(
  problem: FleetProblem,
  outcome: LevelOutcome,
  limit: number,
  buildMs: number,
  elapsed: () => number,
): FleetPlan {
  const notes: string[] = [];
  let found: FleetSolution | null = null;
  let solveMs = elapsed();
  if (outcome.kind === 'solved') {
    found = outcome.level.solution;
    solveMs = buildMs + outcome.level.ms;
  } else if (outcome.kind === 'timeout') {
    found = outcome.best;
    const kept = found ? 'its best fleet so far is used' : 'the heuristic plan is used';
    notes.push(
      outcome.cause === 'overran'
        ? `the solver did not stop within the ${limit} ms safety time limit: it was ended and ${kept}`
        : outcome.cause === 'not-started'
          ? `no solver thread was free within the ${limit} ms safety time limit: the solve did not start and ${kept}`
          : `the week's level with the most tasks, which this level's solve starts from, did not finish within the ${limit} ms safety time limit: ${kept}`,
    );
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
        notes: [methodNote(found), ...found.notes, ...notes],
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
