/**
 * @module advise-pool: worker threads that run recommend jobs, so the request thread only reads bodies and
 * writes answers. A job past its deadline gets its worker terminated (the only way to stop synchronous
 * work such as a fleet solve), and a fresh worker takes its place. Each worker has a memory cap. Prices
 * are asked of the request thread's price source, so all jobs share its cache and circuit breaker.
 */
import { Worker } from 'node:worker_threads';
import type { PriceId } from '../model/price.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { PriceSource } from '../pricing/price-source.js';
import type { Rule } from '../rules/loader.js';
import { FLEET_SOLVING_YOUNG_GENERATION_MB } from '../sizing/fleet-solver.js';
import { describeError, type Logger, silentLogger } from './logger.js';
import { HttpProblem } from './problem.js';
import {
  type FromWorker,
  type JobResult,
  type RecommendJob,
  reviveError,
  serializeError,
  type ToWorker,
  type WorkerSetup,
} from './worker-protocol.js';

/**
 * The worker's entry. Built (dist/), it is the compiled worker module. Run from the TypeScript sources
 * (vitest, tsx), a worker does not inherit a loader registered through tsx's API, so it starts from a
 * bootstrap that registers tsx first; the bootstrap is a development file and is not shipped.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./advise-worker-bootstrap.mjs', import.meta.url)
  : new URL('./advise-worker.js', import.meta.url);

export interface AdvisePoolOptions {
  /** Workers, i.e. jobs computed at once (the server's solve limiter admits no more). */
  size: number;
  rules: readonly Rule[];
  instanceTypes?: readonly InstanceType[] | undefined;
  /** Heap cap of each worker, MiB (V8's old generation); a worker past it is stopped, its job fails. */
  maxHeapMb: number;
  /**
   * A worker that holds more than this after a job (its heap and the LP solver's memory, MiB), even once
   * its garbage is collected, is replaced, so one large recommendation does not keep the server's memory
   * up. Only a worker past it collects its garbage after a job (server/worker-memory.ts). Default: no
   * recycling and no forced collection.
   */
  recycleMb?: number | undefined;
  /** A worker that has just recommended a workload of more than this many tasks at its peak is replaced. */
  recycleTasks?: number | undefined;
  /** Idle workers stop after this long, so a library caller's process can exit; Infinity keeps them. */
  idleMs: number;
  logger?: Logger;
}

/** A job stopped because its worker ran out of memory or died. */
export class WorkerFailedError extends Error {
  override name = 'WorkerFailedError';
}

interface Job {
  id: number;
  resolve: (result: JobResult) => void;
  reject: (error: unknown) => void;
  /** Answers the job's price lookups (the request thread's source: its cache, its circuit breaker). */
  priceSource: PriceSource;
}

interface Slot {
  worker: Worker;
  /** Resolves when the worker has loaded; rejects if it dies first. */
  ready: Promise<void>;
  /** The job it runs, or a reservation while it loads; null when free. */
  job: Job | null;
  idleTimer: NodeJS.Timeout | null;
  failed: (error: Error) => void;
  loaded: boolean;
  /** Why this worker is replaced once its job is done; null to keep it. */
  retiring: Retiring | null;
}

/** Why a worker is replaced after its job: what it holds, or the size of the workload it just ran. */
interface Retiring {
  footprintMb: number;
  why: 'footprint' | 'peakTasks';
  peakTasks?: number;
}

export class AdvisePool {
  readonly #options: AdvisePoolOptions;
  readonly #setup: WorkerSetup;
  readonly #logger: Logger;
  readonly #slots = new Set<Slot>();
  /** Jobs waiting for a worker (only when apps sharing the pool admit more jobs than it has workers). */
  readonly #waiting: (() => void)[] = [];
  #nextJob = 1;
  #closed = false;
  #recycled = 0;
  #collections = 0;

  constructor(options: AdvisePoolOptions) {
    if (!(options.size >= 1)) throw new RangeError('advise pool: size must be ≥ 1');
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#setup = {
      // The compiled condition holds functions, which cannot cross threads; the worker compiles it again.
      rules: options.rules.map(({ condition: _c, ...file }) => file),
      instanceTypes: options.instanceTypes ? [...options.instanceTypes] : undefined,
      recycleMb: options.recycleMb,
    };
  }

  /** The rules the workers apply. */
  get rules(): readonly Rule[] {
    return this.#options.rules;
  }

  get instanceTypes(): readonly InstanceType[] | undefined {
    return this.#options.instanceTypes;
  }

  /** Workers started, busy or idle. */
  get workers(): number {
    return this.#slots.size;
  }

  /** Workers replaced after a job: past `recycleMb`, or past `recycleTasks` at the workload's peak. */
  get recycled(): number {
    return this.#recycled;
  }

  /** Jobs after which a worker forced a full garbage collection (it held more than `recycleMb`). */
  get collections(): number {
    return this.#collections;
  }

  /** Starts every worker now, so the first requests do not wait for one to load. */
  warm(): void {
    while (!this.#closed && this.#slots.size < this.#options.size) this.#start();
  }

  /** Starts every worker and resolves once each has loaded (or failed to). */
  async ready(): Promise<void> {
    this.warm();
    await Promise.allSettled([...this.#slots].map((slot) => slot.ready));
  }

  /**
   * Runs a job on a free worker, pricing through `priceSource`. When `signal` aborts (the request's
   * deadline), the worker is terminated and the job rejects with the signal's reason at once.
   */
  async run(job: RecommendJob, priceSource: PriceSource, signal: AbortSignal): Promise<JobResult> {
    if (this.#closed)
      throw new HttpProblem('SHUTTING_DOWN', 'server shutting down: retry on another instance');
    signal.throwIfAborted();
    const slot = await this.#freeSlot(signal);
    signal.throwIfAborted();
    // Reserved while it loads.
    slot.job = { id: 0, resolve: () => undefined, reject: () => undefined, priceSource };
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    const onAbort = () => void this.#kill(slot, signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      // A kill (the deadline) or the worker's death rejects `ready`, so this never waits forever.
      await slot.ready;
      return await new Promise<JobResult>((resolve, reject) => {
        const id = this.#nextJob++;
        slot.job = { id, resolve, reject, priceSource };
        slot.worker.postMessage({ type: 'job', id, job } satisfies ToWorker);
      });
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (slot.retiring !== null && this.#slots.has(slot)) {
        this.#recycled++;
        this.#logger.info('advise worker replaced', {
          ...slot.retiring,
          recycleMb: this.#options.recycleMb,
          recycleTasks: this.#options.recycleTasks,
        });
        // #kill wakes a waiting job and starts a replacement (kept warm) or leaves one to start on demand.
        void this.#kill(slot, new Error('recycled'));
      } else {
        if (this.#slots.has(slot)) {
          slot.job = null;
          this.#scheduleIdle(slot);
        }
        this.#waiting.shift()?.();
      }
    }
  }

  /** Terminates every worker; jobs still running reject with 503 SHUTTING_DOWN. */
  async close(): Promise<void> {
    this.#closed = true;
    const reason = new HttpProblem(
      'SHUTTING_DOWN',
      'server shutting down: the recommendation was stopped; retry on another instance',
    );
    await Promise.all([...this.#slots].map((slot) => this.#kill(slot, reason)));
  }

  async #freeSlot(signal: AbortSignal): Promise<Slot> {
    for (;;) {
      // A loaded worker first: one still loading (after a deadline replaced it) may take seconds.
      for (const slot of this.#slots) if (slot.job === null && slot.loaded) return slot;
      for (const slot of this.#slots) if (slot.job === null) return slot;
      if (this.#slots.size < this.#options.size) return this.#start();
      // Every worker is busy: wait for one to be released (or for the deadline).
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const index = this.#waiting.indexOf(wake);
          if (index >= 0) this.#waiting.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        this.#waiting.push(wake);
      });
    }
  }

  #start(): Slot {
    const worker = new Worker(WORKER_ENTRY, {
      workerData: this.#setup,
      // Each advise worker solves its fleets on its own thread: it gets a solver thread's young generation.
      resourceLimits: {
        maxOldGenerationSizeMb: this.#options.maxHeapMb,
        maxYoungGenerationSizeMb: FLEET_SOLVING_YOUNG_GENERATION_MB,
      },
    });
    worker.unref();
    let markReady!: () => void;
    let markFailed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // A worker that dies while nobody waits for it must not be an unhandled rejection.
    ready.catch(() => undefined);
    const slot: Slot = {
      worker,
      ready,
      job: null,
      idleTimer: null,
      failed: markFailed,
      loaded: false,
      retiring: null,
    };
    this.#slots.add(slot);
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.loaded = true;
        markReady();
      } else if (message.type === 'prices')
        void this.#answerPrices(slot, message.callId, message.region, message.ids);
      else if (message.type === 'done' && slot.job?.id === message.id) {
        // Marked before the job settles: the slot is then never handed to the next job.
        const recycleMb = this.#options.recycleMb;
        const recycleTasks = this.#options.recycleTasks;
        if (message.collected) this.#collections++;
        this.#logger.debug('advise job done', {
          footprintMb: message.footprintMb,
          collected: message.collected,
          peakTasks: message.peakTasks,
        });
        if (recycleMb !== undefined && message.footprintMb > recycleMb)
          slot.retiring = { footprintMb: message.footprintMb, why: 'footprint' };
        else if (recycleTasks !== undefined && message.peakTasks > recycleTasks)
          slot.retiring = {
            footprintMb: message.footprintMb,
            why: 'peakTasks',
            peakTasks: message.peakTasks,
          };
        if (message.ok) slot.job.resolve(message.result);
        else slot.job.reject(reviveError(message.error));
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const why =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `the recommendation needed more than the ${this.#options.maxHeapMb} MiB a worker may use`
          : `the advise worker failed: ${error.message}`;
      this.#logger.error('advise worker failed', { error: describeError(error) });
      this.#fail(slot, new WorkerFailedError(why, { cause: error }));
    });
    worker.on('exit', (code) =>
      this.#fail(slot, new WorkerFailedError(`the advise worker exited with code ${code}`)),
    );
    this.#scheduleIdle(slot);
    return slot;
  }

  async #answerPrices(slot: Slot, callId: number, region: string, ids: PriceId[]): Promise<void> {
    const source = slot.job?.priceSource;
    if (!source) return;
    let reply: ToWorker;
    try {
      const lookup = await source.getPrices(region, ids);
      if (lookup.warnings.length > 0)
        this.#logger.debug('prices fell back', { region, warnings: lookup.warnings.length });
      reply = { type: 'prices', callId, ok: true, prices: lookup.prices, warnings: lookup.warnings };
    } catch (error) {
      reply = { type: 'prices', callId, ok: false, error: serializeError(error) };
    }
    // The job may have been stopped while the prices were on their way.
    if (this.#slots.has(slot)) slot.worker.postMessage(reply);
  }

  /** Removes a worker that died and fails its job; a replacement starts on demand. */
  #fail(slot: Slot, error: Error): void {
    if (!this.#slots.delete(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.failed(error);
    slot.job?.reject(error);
    this.#waiting.shift()?.();
    this.#replace();
  }

  async #kill(slot: Slot, reason: unknown): Promise<void> {
    if (!this.#slots.delete(slot)) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.failed(reason instanceof Error ? reason : new Error(String(reason)));
    slot.job?.reject(reason);
    this.#waiting.shift()?.();
    await slot.worker.terminate();
    this.#replace();
  }

  /** A pool kept warm starts a worker in place of one that died or was stopped (unless it is closing). */
  #replace(): void {
    if (!this.#closed && this.#options.idleMs === Number.POSITIVE_INFINITY) this.warm();
  }

  #scheduleIdle(slot: Slot): void {
    if (this.#options.idleMs === Number.POSITIVE_INFINITY) return;
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (slot.job === null) void this.#kill(slot, new Error('idle'));
    }, this.#options.idleMs);
    slot.idleTimer.unref();
  }
}
