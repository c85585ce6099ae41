/**
 * @module solve-batch: solves several similar fleet problems (the traffic levels of one week), the first
 * from scratch and every later one warm-started from the first: its fleet cut to size, its duals as a
 * first bound, its columns for the LP. Since no later level depends on another, they may be solved
 * apart, on several threads, with the same answers (docs/optimizer.md#solver-threads). Used alike by the
 * worker thread and by in-thread solves. (The class split, search/class-split, runs after a whole week.)
 */
import type { FleetProblem } from '../model/integer-model.js';
import {
  type FleetSolution,
  type PreviousSolve,
  type SolveContext,
  type SolveOutcome,
  solveLevel,
  solveWithoutLp,
} from './solve-fleet.js';
import type { SafetyClock, SolveLimits } from './solve-limits.js';

export interface SolvedLevel {
  solution: FleetSolution;
  /** Wall-clock time of this solve (reporting only: nothing depends on it). */
  ms: number;
  /** The whole outcome (columns and duals too), kept only when asked for: what later levels start from. */
  outcome?: SolveOutcome;
}

export interface BatchOptions {
  /**
   * The solved first level of the week, when the batch holds only later ones (solved apart from it):
   * every problem of the batch then starts from it.
   */
  from?: PreviousSolve | null;
  /** Keep the first problem's whole outcome in its SolvedLevel (to send later levels elsewhere). */
  keepFirst?: boolean;
}

/**
 * Solves the problems in order: without `options.from`, the first from scratch and each later one from
 * the first; with it, each from `from`. `withoutLp` solves only problems the LP-free steps settle: null
 * is returned as soon as one needs the LP (the caller then solves the whole batch in full, which repeats
 * those steps identically).
 */
export function solveBatch(
  mode: 'full' | 'withoutLp',
  problems: readonly FleetProblem[],
  limits: SolveLimits,
  clock: SafetyClock,
  onProgress: (index: number, solution: FleetSolution) => void = () => {},
  options: BatchOptions = {},
): SolvedLevel[] | null {
  let first: PreviousSolve | null = options.from ?? null;
  const solved: SolvedLevel[] = [];
  for (const [index, problem] of problems.entries()) {
    const started = performance.now();
    const context: SolveContext = {
      limits,
      clock,
      previous: first,
      onProgress: (solution: FleetSolution) => onProgress(index, solution),
    };
    const outcome: SolveOutcome | null =
      mode === 'full' ? solveLevel(problem, context) : solveWithoutLp(problem, context);
    if (!outcome) return null;
    first ??= { problem, outcome };
    const level: SolvedLevel = { solution: outcome.solution, ms: performance.now() - started };
    if (index === 0 && options.keepFirst) level.outcome = outcome;
    solved.push(level);
  }
  return solved;
}
