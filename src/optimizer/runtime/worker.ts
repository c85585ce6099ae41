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

/**
 * `final: false` messages carry the best fleet so far of one problem, sent as the solve improves it (at most
 * one every PROGRESS_INTERVAL_MS).
 */
export type SolveResponse =
  | { id: number; ok: true; final: false; index: number; solution: FleetSolution }
  | { id: number; ok: true; final: true; solved: SolvedLevel[] }
  | { id: number; ok: false; error: string };

/**
 * Least time between two progress messages of one batch, ms. The best fleet so far matters only if a step
 * overruns the safety stop and the worker is ended; a solve improves its fleet dozens of times in a few
 * milliseconds, and copying each one to the main thread cost about 3 % of a 20-service recommendation's
 * CPU. The first improvement of a batch is sent at once.
 */
export const PROGRESS_INTERVAL_MS = 100;

/** `send`, called at most once every `intervalMs` (by `now`): calls in between are dropped; the first goes through. */
export function throttled<A extends unknown[]>(
  intervalMs: number,
  send: (...args: A) => void,
  now: () => number = () => performance.now(),
): (...args: A) => void {
  let lastSent = Number.NEGATIVE_INFINITY;
  return (...args: A) => {
    const time = now();
    if (time - lastSent < intervalMs) return;
    lastSent = time;
    send(...args);
  };
}

parentPort?.on('message', (request: SolveRequest) => {
  try {
    const progress = throttled(PROGRESS_INTERVAL_MS, (index: number, solution: FleetSolution) => {
      parentPort?.postMessage({
        id: request.id,
        ok: true,
        final: false,
        index,
        solution,
      } satisfies SolveResponse);
    });
    const clock = new SafetyClock(request.deadline);
    const solved =
      solveBatch('full', request.problems, request.limits, clock, progress, request.options) ?? [];
    parentPort?.postMessage({ id: request.id, ok: true, final: true, solved } satisfies SolveResponse);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: request.id, ok: false, error: message } satisfies SolveResponse);
  }
});
