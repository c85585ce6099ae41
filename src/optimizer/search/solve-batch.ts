/**
 * @module solve-batch: solves several similar fleet problems in a row (the traffic levels of one week),
 * each starting from the one before: its fleet cut to size, its duals as a first bound, its columns
 * for the LP. Used alike by the worker thread and by in-thread solves.
 */
import type { Highs } from 'highs';
import type { FleetProblem } from '../model/integer-model.js';
import {
  type FleetSolution,
  type PreviousSolve,
  type SolveContext,
  type SolveOutcome,
  solveFleetWithColumns,
  solveWithoutLp,
} from './solve-fleet.js';
import type { SafetyClock, SolveLimits } from './solve-limits.js';

export interface SolvedLevel {
  solution: FleetSolution;
  /** Wall-clock time of this solve (reporting only: nothing depends on it). */
  ms: number;
}

/**
 * Solves the problems in order, each warm-started from the last one that generated columns. Without
 * `highs` only problems the LP-free steps settle can be solved: null is returned as soon as one needs
 * the LP (the caller then solves the whole batch with HiGHS, which repeats those steps identically).
 */
export function solveBatch(
  highs: Highs | null,
  problems: readonly FleetProblem[],
  limits: SolveLimits,
  clock: SafetyClock,
  onProgress: (index: number, solution: FleetSolution) => void = () => {},
): SolvedLevel[] | null {
  let previous: PreviousSolve | null = null;
  const solved: SolvedLevel[] = [];
  for (const [index, problem] of problems.entries()) {
    const started = performance.now();
    const context: SolveContext = {
      limits,
      clock,
      previous,
      onProgress: (solution: FleetSolution) => onProgress(index, solution),
    };
    const outcome: SolveOutcome | null = highs
      ? solveFleetWithColumns(highs, problem, context)
      : solveWithoutLp(problem, context);
    if (!outcome) return null;
    previous = { problem, outcome };
    solved.push({ solution: outcome.solution, ms: performance.now() - started });
  }
  return solved;
}
