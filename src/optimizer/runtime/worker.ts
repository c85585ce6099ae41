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
 * `final: false` messages carry the best fleet so far of one problem, sent as the solve improves it (see
 * progressRelay).
 */
export type SolveResponse =
  | { id: number; ok: true; final: false; index: number; solution: FleetSolution }
  | { id: number; ok: true; final: true; solved: SolvedLevel[] }
  | { id: number; ok: false; error: string };

/**
 * Least time between two progress messages of one problem, ms. The best fleet so far matters only if a step
 * overruns the safety stop and the worker is ended; a solve improves its fleet dozens of times in a few
 * milliseconds, and copying each one to the main thread cost about 3 % of a 20-service recommendation's
 * CPU.
 */
export const PROGRESS_INTERVAL_MS = 100;

/** What progressRelay returns: report every improvement; tick at every check of the solve's clock. */
export interface ProgressRelay<S> {
  report(index: number, solution: S): void;
  tick(now: number): void;
}

/**
 * Relays a batch's progress (problem index, best fleet so far) to `send`, at most once every `intervalMs`
 * (by `now`) per problem: each problem's first fleet goes at once; a later one within the interval is held
 * (the newest replacing the one before). A held fleet goes out at the first `tick` once the interval has
 * passed (the solve's clock ticks at every check, which every search loop makes), or before the next
 * problem's first report. The main thread's fleet is then at most the interval behind, unless a step
 * that never checks the clock starts within it.
 */
export function progressRelay<S>(
  intervalMs: number,
  send: (index: number, solution: S) => void,
  now: () => number = () => performance.now(),
): ProgressRelay<S> {
  let current = -1;
  let lastSent = Number.NEGATIVE_INFINITY;
  let held: { solution: S } | null = null;
  const sendNow = (index: number, solution: S, time: number) => {
    lastSent = time;
    held = null;
    send(index, solution);
  };
  return {
    report(index, solution) {
      if (index !== current) {
        if (held !== null) send(current, held.solution);
        current = index;
        lastSent = Number.NEGATIVE_INFINITY;
        held = null;
      }
      const time = now();
      if (time - lastSent < intervalMs) held = { solution };
      else sendNow(index, solution, time);
    },
    tick(time) {
      if (held !== null && time - lastSent >= intervalMs) sendNow(current, held.solution, time);
    },
  };
}

parentPort?.on('message', (request: SolveRequest) => {
  try {
    const relay = progressRelay(PROGRESS_INTERVAL_MS, (index: number, solution: FleetSolution) => {
      parentPort?.postMessage({
        id: request.id,
        ok: true,
        final: false,
        index,
        solution,
      } satisfies SolveResponse);
    });
    // A held fleet is sent later: its notes are copied, since the solve may still add to its own.
    const progress = (index: number, solution: FleetSolution) =>
      relay.report(index, { ...solution, notes: [...solution.notes] });
    const clock = new SafetyClock(request.deadline, relay.tick);
    const solved =
      solveBatch('full', request.problems, request.limits, clock, progress, request.options) ?? [];
    parentPort?.postMessage({ id: request.id, ok: true, final: true, solved } satisfies SolveResponse);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({ id: request.id, ok: false, error: message } satisfies SolveResponse);
  }
});
