/**
 * @module solver-thread: runs batches of fleet solves in long-lived worker threads, at most one per
 * core up to two, so the fleets of one recommendation (ECS and EKS) are sized side by side. HiGHS'
 * solve() is synchronous (docs/optimizer.md#highs-runtime), so a server must keep it off its event loop. The solve
 * stops itself at its safety time limit; should one step overrun it, its worker is terminated a
 * little later (the backstop), and the best fleets it had streamed are returned. Which thread solves
 * a batch does not change its answer.
 */
import { availableParallelism } from 'node:os';
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

/** How long past the safety deadline a worker is terminated if the solve has not stopped itself. */
export const BACKSTOP_MS = 2000;

/** Solver threads at most: one per core, up to two (the ECS and the EKS fleet of a recommendation). */
export const MAX_SOLVER_THREADS = Math.max(1, Math.min(2, availableParallelism()));

/**
 * The worker's entry. Built (dist/), it is the compiled worker module. Run from the TypeScript sources
 * (vitest, tsx), a worker does not inherit a loader registered through tsx's API, so it starts from a
 * bootstrap that registers tsx first; the bootstrap is a development file and is not shipped.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-bootstrap.mjs', import.meta.url)
  : new URL('./worker.js', import.meta.url);

interface Pending {
  worker: Worker;
  resolve: (outcome: ThreadOutcome) => void;
  timer: NodeJS.Timeout;
  best: (FleetSolution | null)[];
}

const pool: Worker[] = [];
const pending = new Map<number, Pending>();
let nextId = 1;

/**
 * How long idle solver threads are kept for the next solve. Workers are unref'd, so with the built
 * package (dist/) a caller's process exits as soon as its work is done. Run from the sources, the
 * loader hooks tsx registers in a worker leave a MessagePort open in the main thread that keeps the
 * process alive; stopping idle workers lets it exit there too (the CLI stops them at once).
 */
export const IDLE_WORKER_MS = 5000;
let idleTimer: NodeJS.Timeout | null = null;

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (pending.size > 0 || pool.length === 0) return;
  idleTimer = setTimeout(() => void stopSolverThread(), IDLE_WORKER_MS);
  idleTimer.unref();
}

function settle(id: number, outcome: ThreadOutcome): void {
  const entry = pending.get(id);
  if (!entry) return;
  pending.delete(id);
  clearTimeout(entry.timer);
  entry.resolve(outcome);
  scheduleIdleStop();
}

/** Ends every solve sent to this worker (and only those). */
function settleWorker(worker: Worker, outcome: (entry: Pending) => ThreadOutcome): void {
  for (const [id, entry] of [...pending]) if (entry.worker === worker) settle(id, outcome(entry));
}

function removeWorker(worker: Worker): void {
  const index = pool.indexOf(worker);
  if (index >= 0) pool.splice(index, 1);
}

/**
 * Young-generation size of a solver thread, MiB. A worker's default limit is 48 MiB (Node 20), with which
 * V8's new space grew to 32 MiB in a test worker; at 64 MiB it grew to 64 MiB, twice the default. The solves
 * allocate short-lived arrays fast; with the default, more of them outlive their scavenges and fill the
 * old generation, and each full collection drops optimized code that V8 then compiles again. At 64 MiB a
 * warm pass over the 20-service bench workloads compiled a third fewer functions and took about 9 % less
 * time and CPU, for about 50 MiB more peak RSS (docs/optimizer.md#jit-in-steady-state). Fleets are the same.
 */
export const SOLVER_YOUNG_GENERATION_MB = 64;

function startWorker(): Worker {
  const worker = new Worker(WORKER_ENTRY, {
    resourceLimits: { maxYoungGenerationSizeMb: SOLVER_YOUNG_GENERATION_MB },
  });
  worker.on('message', (response: SolveResponse) => {
    const entry = pending.get(response.id);
    if (!entry) return;
    if (!response.ok) settle(response.id, { kind: 'failed', error: response.error });
    else if (response.final) settle(response.id, { kind: 'solved', solved: response.solved });
    else entry.best[response.index] = response.solution;
  });
  worker.on('error', (error) => settleWorker(worker, () => ({ kind: 'failed', error: error.message })));
  worker.on('exit', (code) => {
    removeWorker(worker);
    settleWorker(worker, () => ({ kind: 'failed', error: `the solver thread exited with code ${code}` }));
  });
  // An idle solver thread must not keep the process alive; pending solves hold their own timers. Unref'd
  // after the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  pool.push(worker);
  return worker;
}

/** An idle worker, else a new one while the pool has room, else the least busy. */
function pickWorker(): Worker {
  const load = (worker: Worker) => [...pending.values()].filter((entry) => entry.worker === worker).length;
  const idle = pool.find((worker) => load(worker) === 0);
  if (idle) return idle;
  if (pool.length < MAX_SOLVER_THREADS) return startWorker();
  return pool.reduce((least, worker) => (load(worker) < load(least) ? worker : least));
}

/**
 * Solves the problems in a worker thread, in order. The solve stops itself at `deadline`
 * (performance.timeOrigin-based, ms); if it is still running BACKSTOP_MS later, its worker is
 * terminated: this batch ends with `timeout` and its best fleets so far, the batches queued behind it
 * on that worker end the same way, and a later call starts a fresh worker.
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
    const worker = pickWorker();
    const wait = Math.max(0, deadline - (performance.timeOrigin + performance.now())) + BACKSTOP_MS;
    const timer = setTimeout(() => {
      removeWorker(worker);
      settleWorker(worker, (entry) => ({ kind: 'timeout', best: entry.best }));
      void worker.terminate();
    }, wait);
    pending.set(id, { worker, resolve, timer, best: problems.map(() => null) });
    worker.postMessage({ id, problems, limits, deadline } satisfies SolveRequest);
  });
}

/** Stops the solver threads (tests, graceful shutdown); the next solve starts new ones. */
export async function stopSolverThread(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const workers = pool.splice(0, pool.length);
  for (const worker of workers) {
    settleWorker(worker, () => ({ kind: 'failed', error: 'the solver thread was stopped' }));
  }
  await Promise.all(workers.map((worker) => worker.terminate()));
}
