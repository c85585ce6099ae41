/**
 * @module solver-thread: runs batches of fleet solves in long-lived worker threads, at most one per
 * core up to two, so the fleets of one recommendation (ECS and EKS, and the levels of each week) are sized
 * side by side. Each thread runs one batch at a time; the others wait in a queue. A solve is
 * synchronous CPU work (docs/optimizer.md#the-master-lp), so a server must keep it off its event loop. The solve
 * stops itself at its safety time limit; should one step overrun it, its worker is terminated a
 * little later (the backstop), and the best fleets it had streamed are returned (at most one message per
 * problem each 100 ms: worker.ts, progressRelay). Which thread solves a batch does not change its answer.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type FleetProblem, totalTasks } from '../model/integer-model.js';
import type { BatchOptions, SolvedLevel } from '../search/solve-batch.js';
import type { FleetSolution } from '../search/solve-fleet.js';
import type { SolveLimits } from '../search/solve-limits.js';
import type { SolveRequest, SolveResponse } from './worker.js';

export type ThreadOutcome =
  | { kind: 'solved'; solved: SolvedLevel[] }
  /**
   * `best[i]` is the last fleet the worker reported for problem i before it was stopped, if any;
   * `started` is false when the batch was still waiting for a thread.
   */
  | { kind: 'timeout'; best: (FleetSolution | null)[]; started: boolean }
  | { kind: 'failed'; error: string };

/** How long past the safety deadline a worker is terminated if the solve has not stopped itself. */
export const BACKSTOP_MS = 2000;

/** The longest delay setTimeout keeps (2^31 − 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

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
  /** The worker solving it; null while it waits in the queue. */
  worker: Worker | null;
  request: SolveRequest;
  /** Its size (tasks over all its problems), and when its week was first queued (performance.now(), ms). */
  tasks: number;
  since: number;
  /** The most solver threads it may start. */
  threads: number;
  resolve: (outcome: ThreadOutcome) => void;
  timer: NodeJS.Timeout;
  best: (FleetSolution | null)[];
}

const pool: Worker[] = [];
const pending = new Map<number, Pending>();
/**
 * Batches waiting for a thread. A batch goes to a thread only once that thread is free, so a thread that
 * finishes early takes the next batch instead of idling while batches wait behind a busy one; which one
 * goes first is `nextBatch`'s rule (docs/optimizer.md#solver-threads).
 */
const queue: number[] = [];
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
  const waiting = queue.indexOf(id);
  if (waiting >= 0) queue.splice(waiting, 1);
  clearTimeout(entry.timer);
  entry.resolve(outcome);
  dispatchSoon();
  scheduleIdleStop();
}

let dispatchQueued = false;

/**
 * Dispatches once the promise callbacks of what just settled have run: a week whose first level was
 * solved queues its later levels there, and they must be in the queue when the freed thread picks.
 */
function dispatchSoon(): void {
  if (dispatchQueued) return;
  dispatchQueued = true;
  setImmediate(() => {
    dispatchQueued = false;
    dispatch();
  });
}

/** Ends the solve this worker is running, if any. */
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
  worker.on('error', (error) => {
    // Out of the pool first: ending its batch dispatches the next one, which must not go to this worker.
    removeWorker(worker);
    settleWorker(worker, () => ({ kind: 'failed', error: error.message }));
  });
  worker.on('exit', (code) => {
    removeWorker(worker);
    settleWorker(worker, () => ({ kind: 'failed', error: `the solver thread exited with code ${code}` }));
    // Batches still waiting get a new thread.
    dispatch();
  });
  // An idle solver thread must not keep the process alive; pending solves hold their own timers. Unref'd
  // after the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  pool.push(worker);
  return worker;
}

/** A worker that is solving nothing, if any. */
function idleWorker(): Worker | undefined {
  const busy = new Set([...pending.values()].map((entry) => entry.worker));
  return pool.find((worker) => !busy.has(worker));
}

/**
 * Weeks first queued within this long of the oldest waiting one count as started together: a warm process
 * queues the fleet solves of one recommendation within 3–71 ms of each other. A process's first call (the
 * CLI's only one) can take up to about 130 ms while its code loads; a longer window made no measurable
 * difference there and let more concurrent calls' first levels run before anyone's later ones
 * (docs/optimizer.md#solver-threads).
 */
export const QUEUE_COHORT_MS = 100;

/** What the order of the queue reads of a waiting batch. */
export interface QueuedBatch {
  /**
   * Tasks over all its problems, or over every level of its week for a week's first level, since the
   * others wait for it (so a small week's first level does not start last and leave its later levels
   * alone at the end).
   */
  tasks: number;
  /** When its week's first batch was queued (ms on any one clock). */
  since: number;
}

/** Where a batch waits, and the most solver threads it may start (MAX_SOLVER_THREADS when absent). */
export interface BatchPlace extends QueuedBatch {
  threads?: number;
  /**
   * Once aborted, a batch still waiting for a thread leaves the queue unsolved and ends as `failed`
   * (CANCELLED_ERROR); one already started runs on and ends as it would have.
   */
  cancel?: AbortSignal;
}

/** The error of a batch cancelled while it waited (BatchPlace.cancel). */
export const CANCELLED_ERROR =
  'cancelled while waiting for a solver thread: its outcome was no longer needed';

/**
 * The index of the batch a free thread takes: among the batches of weeks queued within QUEUE_COHORT_MS
 * of the oldest waiting week, the one with the most tasks (the first of equal ones). So the weeks of one
 * recommendation share the threads largest first, which keeps the two threads' finishing times close
 * (a small week queued before a large one no longer runs first while the large one waits), and a
 * week's later levels, which count from its first, go before the weeks of recommendations that came
 * later: with many calls at once, each finishes as soon as it can rather than all near the end, and
 * no batch waits behind ever newer ones.
 */
export function nextBatch(waiting: readonly QueuedBatch[]): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const batch of waiting) oldest = Math.min(oldest, batch.since);
  let pick = -1;
  for (let k = 0; k < waiting.length; k++) {
    const batch = waiting[k]!;
    if (batch.since > oldest + QUEUE_COHORT_MS) continue;
    if (pick < 0 || batch.tasks > waiting[pick]!.tasks) pick = k;
  }
  return pick;
}

/**
 * Hands waiting batches to free threads. With an idle thread every waiting batch may take it; with none,
 * only the batches whose cap (`threads`) lets the pool start another, so a capped batch never holds up
 * one that may start a thread. Among those, `nextBatch` picks.
 */
function dispatch(): void {
  while (queue.length > 0) {
    const idle = idleWorker();
    const waiting = queue.map((id) => pending.get(id)!);
    const able = idle
      ? waiting
      : waiting.filter((entry) => pool.length < Math.min(entry.threads, MAX_SOLVER_THREADS));
    if (able.length === 0) return;
    const entry = able[nextBatch(able)]!;
    queue.splice(waiting.indexOf(entry), 1);
    const worker = idle ?? startWorker();
    entry.worker = worker;
    worker.postMessage(entry.request);
  }
}

/**
 * Solves the problems in a worker thread, in order, once a thread is free. The solve stops itself at
 * `deadline` (performance.timeOrigin-based, ms), which runs from the call, so time spent waiting for a
 * thread counts. If it is still running (or waiting) BACKSTOP_MS later, it ends with `timeout` and its
 * best fleets so far; a worker still running it is terminated, and a later batch starts a fresh one.
 */
export function solveInThread(
  problems: FleetProblem[],
  limits: SolveLimits,
  deadline: number,
  options: BatchOptions = {},
  place: Partial<BatchPlace> = {},
): Promise<ThreadOutcome> {
  return new Promise((resolve) => {
    const id = nextId++;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    // setTimeout fires at once past its 32-bit limit (about 24.8 days), as it would for no deadline.
    const wait = Math.min(
      MAX_TIMER_MS,
      Math.max(0, deadline - (performance.timeOrigin + performance.now())) + BACKSTOP_MS,
    );
    const timer = setTimeout(() => {
      const entry = pending.get(id);
      const worker = entry?.worker;
      if (!entry || !worker) {
        settle(id, { kind: 'timeout', best: problems.map(() => null), started: false });
        return;
      }
      removeWorker(worker);
      settleWorker(worker, (running) => ({ kind: 'timeout', best: running.best, started: true }));
      void worker.terminate();
    }, wait);
    const request = { id, problems, limits, deadline, options } satisfies SolveRequest;
    const tasks = place.tasks ?? totalTasks(problems);
    const since = place.since ?? performance.now();
    pending.set(id, {
      worker: null,
      request,
      tasks,
      since,
      threads: place.threads ?? MAX_SOLVER_THREADS,
      resolve,
      timer,
      best: problems.map(() => null),
    });
    queue.push(id);
    const cancel = place.cancel;
    if (cancel) {
      const drop = () => {
        if (pending.get(id)?.worker === null) settle(id, { kind: 'failed', error: CANCELLED_ERROR });
      };
      if (cancel.aborted) drop();
      else cancel.addEventListener('abort', drop, { once: true });
    }
    dispatch();
  });
}

/** Stops the solver threads (tests, graceful shutdown); the next solve starts new ones. */
export async function stopSolverThread(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const workers = pool.splice(0, pool.length);
  // Nothing new starts while the running and the waiting batches are ended.
  const waiting = queue.splice(0, queue.length);
  for (const worker of workers) {
    settleWorker(worker, () => ({ kind: 'failed', error: 'the solver thread was stopped' }));
  }
  for (const id of waiting) settle(id, { kind: 'failed', error: 'the solver thread was stopped' });
  await Promise.all(workers.map((worker) => worker.terminate()));
}
