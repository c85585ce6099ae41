/**
 * @module solver-thread: runs batches of fleet solves in one long-lived worker thread. HiGHS' solve()
 * is synchronous (performance.md §A3), so a server must keep it off its event loop. The solve stops
 * itself at its safety time limit; should one step overrun it, the worker is terminated a little
 * later (the backstop), and the best fleets it had streamed are returned.
 */
import { Worker } from 'node:worker_threads';
import type { FleetProblem } from '../model/integer-model.js';
import type { SolvedLevel } from '../search/solve-batch.js';
import type { FleetSolution } from '../search/solve-fleet.js';
import type { SolveLimits } from '../search/solve-limits.js';
import type { SolveRequest, SolveResponse } from './worker.js';

export type ThreadOutcome =
  | { kind: 'solved'; solved: SolvedLevel[] }
  /** `best[i]` is the last fleet the worker reported for problem i before it was stopped, if any. */
  | { kind: 'timeout'; best: (FleetSolution | null)[] }
  | { kind: 'failed'; error: string };

/** How long past the safety deadline the worker is terminated if the solve has not stopped itself. */
export const BACKSTOP_MS = 2000;

/** The worker registers tsx itself, so this works under tsx, vitest and the CLI's tsx API alike. */
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

interface Pending {
  worker: Worker;
  resolve: (outcome: ThreadOutcome) => void;
  timer: NodeJS.Timeout;
  best: (FleetSolution | null)[];
}

let shared: Worker | null = null;
let nextId = 1;

/**
 * How long an idle solver thread is kept for the next solve. The worker is unref'd, yet the loader
 * hooks tsx registers in it leave a MessagePort open in the main thread that keeps the process alive;
 * stopping an idle worker lets a library caller's process exit (the CLI stops it at once).
 */
export const IDLE_WORKER_MS = 5000;
let idleTimer: NodeJS.Timeout | null = null;

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (pending.size > 0 || !shared) return;
  idleTimer = setTimeout(() => void stopSolverThread(), IDLE_WORKER_MS);
  idleTimer.unref();
}
const pending = new Map<number, Pending>();

function settle(id: number, outcome: ThreadOutcome): void {
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  clearTimeout(entry.timer);
  entry.resolve(outcome);
  scheduleIdleStop();
}

/** Ends every solve sent to this worker (and only those: a replacement may already be running). */
function settleWorker(worker: Worker, outcome: (entry: Pending) => ThreadOutcome): void {
  for (const [id, entry] of [...pending]) if (entry.worker === worker) settle(id, outcome(entry));
}

function startWorker(): Worker {
  if (shared) return shared;
  const worker = new Worker(BOOTSTRAP);
  // An idle solver thread must not keep the process alive; pending solves hold their own timers.
  worker.unref();
  worker.on('message', (response: SolveResponse) => {
    const entry = pending.get(response.id);
    if (!entry) return;
    if (!response.ok) settle(response.id, { kind: 'failed', error: response.error });
    else if (response.final) settle(response.id, { kind: 'solved', solved: response.solved });
    else entry.best[response.index] = response.solution;
  });
  worker.on('error', (error) => settleWorker(worker, () => ({ kind: 'failed', error: error.message })));
  worker.on('exit', (code) => {
    if (shared === worker) shared = null;
    settleWorker(worker, () => ({ kind: 'failed', error: `the solver thread exited with code ${code}` }));
  });
  shared = worker;
  return worker;
}

/**
 * Solves the problems in the worker thread, in order. The solve stops itself at `deadline`
 * (performance.timeOrigin-based, ms); if it is still running BACKSTOP_MS later, the worker is
 * terminated: this batch ends with `timeout` and its best fleets so far, the batches queued behind it
 * end the same way, and the next call starts a fresh worker.
 */
export function solveInThread(
  problems: FleetProblem[],
  limits: SolveLimits,
  deadline: number,
): Promise<ThreadOutcome> {
  return new Promise((resolve) => {
    const id = nextId++;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const worker = startWorker();
    const wait = Math.max(0, deadline - (performance.timeOrigin + performance.now())) + BACKSTOP_MS;
    const timer = setTimeout(() => {
      if (shared === worker) shared = null;
      settleWorker(worker, (entry) => ({ kind: 'timeout', best: entry.best }));
      void worker.terminate();
    }, wait);
    pending.set(id, { worker, resolve, timer, best: problems.map(() => null) });
    worker.postMessage({ id, problems, limits, deadline } satisfies SolveRequest);
  });
}

/** Stops the solver thread (tests, graceful shutdown); the next solve starts a new one. */
export async function stopSolverThread(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const worker = shared;
  shared = null;
  if (!worker) return;
  settleWorker(worker, () => ({ kind: 'failed', error: 'the solver thread was stopped' }));
  await worker.terminate();
}
