/**
 * @module solve-limiter: caps how many recommendations are computed at once, with a short bounded queue;
 * when both are full the caller is refused at once (never an unbounded queue).
 */
import { HttpProblem } from './problem.js';

export interface SolveLimiterOptions {
  maxConcurrent: number;
  maxQueued: number;
}

interface Waiter {
  start: () => void;
}

export class SolveLimiter {
  readonly #maxConcurrent: number;
  readonly #maxQueued: number;
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(options: SolveLimiterOptions) {
    if (!(options.maxConcurrent >= 1) || !(options.maxQueued >= 0)) {
      throw new RangeError('solve limiter: maxConcurrent must be ≥ 1 and maxQueued ≥ 0');
    }
    this.#maxConcurrent = options.maxConcurrent;
    this.#maxQueued = options.maxQueued;
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Runs `task` when a slot is free. Throws HttpProblem SERVER_BUSY when every slot and queue place is
   * taken; a queued call whose `signal` aborts leaves the queue without running. The slot is held until
   * `task` settles, even if the caller stopped waiting, so abandoned work still counts against the cap.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#active >= this.#maxConcurrent) {
      if (this.#queue.length >= this.#maxQueued) {
        throw new HttpProblem(
          'SERVER_BUSY',
          `server busy: ${this.#active} recommendations running and ${this.#queue.length} waiting; retry shortly`,
        );
      }
      await this.#wait(signal);
    } else {
      this.#active++;
    }
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #release(): void {
    const next = this.#queue.shift();
    // The slot passes straight to the next waiter, so the count never dips and lets a newcomer jump the queue.
    if (next) next.start();
    else this.#active--;
  }
}
