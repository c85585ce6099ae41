/** @module fleet-solver: the EC2 fleet solvers advise() can use: the optimizer (default) and the greedy heuristic. */

import type { FleetOptions, FleetTaskGroup, PricedInstanceType } from '../optimizer/fleet-types.js';
import {
  checkedThreads,
  checkedTimeLimit,
  DEFAULT_TIME_LIMIT_MS,
  optimizeFleet,
  optimizeFleets,
} from '../optimizer/optimize-fleet.js';
import { SOLVER_YOUNG_GENERATION_MB } from '../optimizer/runtime/solver-thread.js';
import { planFleetHeuristic } from '../optimizer/search/heuristic.js';
import type { FleetSolver } from './ec2-fleet.js';

/** A solver that also sizes every level of a week in one call (the largest first, the others warm-started from it). */
export type LevelsFleetSolver = FleetSolver & Required<Pick<FleetSolver, 'solveLevels'>>;

export interface FleetSolverOptions {
  /**
   * Wall-clock safety limit of one call. The optimizer's work is bounded by counts, so it normally
   * ends long before; a plan cut short by this limit says so (`stoppedBy`). Default 30 000 ms.
   */
  safetyTimeLimitMs?: number;
  /**
   * Whether each solve runs in a solver thread (default) or on the calling thread; a caller that is itself
   * a worker thread (the server's advise workers) solves on its own thread.
   */
  useWorker?: boolean;
  /**
   * The most solver threads its solves start (with `useWorker`): default one per core, up to two. Each
   * thread compiles the solver for itself, so a process that makes one recommendation, as the CLI does,
   * finishes sooner with 1; many recommendations in one process are answered sooner with two.
   */
  solverThreads?: number;
}

/**
 * The default solver of advise(): the optimizer, bounded by work counts rather than time, so the same
 * workload gets the same fleets on an idle or a busy machine. Each plan's notes say how it was found.
 */
export function createFleetSolver(options: FleetSolverOptions = {}): LevelsFleetSolver {
  const timeLimitMs =
    checkedTimeLimit(options.safetyTimeLimitMs, 'safetyTimeLimitMs') ?? DEFAULT_TIME_LIMIT_MS;
  const threads = checkedThreads(options.solverThreads, 'solverThreads');
  const thread = {
    ...(options.useWorker === undefined ? {} : { useWorker: options.useWorker }),
    ...(threads === undefined ? {} : { solverThreads: threads }),
  };
  const solve: FleetSolver = (tasks, types, fleetOptions) =>
    optimizeFleet(tasks, types, { ...fleetOptions, ...thread, timeLimitMs });
  return Object.assign(solve, {
    solveLevels: (levels: FleetTaskGroup[][], types: PricedInstanceType[], fleetOptions: FleetOptions) =>
      optimizeFleets(levels, types, { ...fleetOptions, ...thread, timeLimitMs }),
  });
}

/**
 * The greedy heuristic alone: fast and deterministic, with a solver-free lower bound; what a user gets
 * without the optimizer. The optimizer is deterministic too and finds cheaper fleets.
 */
export const heuristicFleetSolver: FleetSolver = async (tasks, types, options) =>
  planFleetHeuristic(tasks, types, options);

/**
 * Young-generation size, MiB, for a thread that solves fleets itself (`useWorker: false`): the same as the
 * solver threads' (optimizer/runtime/solver-thread.ts says why). The server's advise workers use it.
 */
export const FLEET_SOLVING_YOUNG_GENERATION_MB = SOLVER_YOUNG_GENERATION_MB;
