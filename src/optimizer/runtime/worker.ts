/**
 * @module worker: the worker-thread side of the solver. It loads HiGHS once and answers one
 * solve request at a time, so the caller's event loop never blocks on the synchronous WASM solver.
 */
import { parentPort } from 'node:worker_threads';
import type { FleetProblem } from '../model/integer-model.js';
import { type FleetSolution, solveFleet } from '../search/solve-fleet.js';
import { loadHighs } from './highs.js';

export interface SolveRequest {
  id: number;
  problem: FleetProblem;
  /** Wall-clock time (performance.timeOrigin + performance.now(), ms) by which the answer must be back. */
  deadline: number;
}

/** `final: false` messages carry the best fleet so far, sent as the solve improves it. */
export type SolveResponse =
  | { id: number; ok: true; final: boolean; solution: FleetSolution }
  | { id: number; ok: false; error: string };

/** Milliseconds kept back for the reply to cross back to the caller. */
const REPLY_MARGIN_MS = 15;

parentPort?.on('message', async (request: SolveRequest) => {
  try {
    const highs = await loadHighs();
    const now = performance.timeOrigin + performance.now();
    const progress = (solution: FleetSolution) => {
      parentPort?.postMessage({ id: request.id, ok: true, final: false, solution } satisfies SolveResponse);
    };
    const solution = solveFleet(highs, request.problem, request.deadline - now - REPLY_MARGIN_MS, progress);
    parentPort?.postMessage({ id: request.id, ok: true, final: true, solution } satisfies SolveResponse);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: request.id, ok: false, error: message } satisfies SolveResponse);
  }
});
