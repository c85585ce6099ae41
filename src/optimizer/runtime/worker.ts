/**
 * @module worker: the worker-thread side of the solver. It answers one batch of solves at a time, so the
 * caller's event loop never blocks on the solves, which are synchronous.
 */
import { parentPort } from 'node:worker_threads';
import type { FleetProblem } from '../model/integer-model.js';
import { type BatchOptions, type SolvedLevel, solveBatch } from '../search/solve-batch.js';
import type { FleetSolution } from '../search/solve-fleet.js';
import { SafetyClock, type SolveLimits } from '../search/solve-limits.js';

export interface SolveRequest {
  id: number;
  /** Solved in order, as solveBatch does: the first from `options.from` or from scratch, the rest from it. */
  problems: FleetProblem[];
  limits: SolveLimits;
  options: BatchOptions;
  /** Safety stop (performance.timeOrigin + performance.now(), ms); the work limits normally end the solve long before. */
  deadline: number;
}

/** `final: false` messages carry the best fleet so far of one problem, sent as the solve improves it. */
export type SolveResponse =
  | { id: number; ok: true; final: false; index: number; solution: FleetSolution }
  | { id: number; ok: true; final: true; solved: SolvedLevel[] }
  | { id: number; ok: false; error: string };

parentPort?.on('message', (request: SolveRequest) => {
  try {
    const progress = (index: number, solution: FleetSolution) => {
      parentPort?.postMessage({
        id: request.id,
        ok: true,
        final: false,
        index,
        solution,
      } satisfies SolveResponse);
    };
    const clock = new SafetyClock(request.deadline);
    const solved =
      solveBatch('full', request.problems, request.limits, clock, progress, request.options) ?? [];
    parentPort?.postMessage({ id: request.id, ok: true, final: true, solved } satisfies SolveResponse);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: request.id, ok: false, error: message } satisfies SolveResponse);
  }
});
