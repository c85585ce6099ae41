/**
 * @module circuit-breaker: remembers that a remote price source is failing, for every lookup that shares
 * it. After timeouts or a burst of errors it opens: calls fail at once (callers use the snapshot in
 * milliseconds) and calls still in flight are cut. After a pause it lets one probe through (half-open);
 * the probe's answer closes it again, its failure reopens it.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

/** How a finished call counts: a timeout, another failure (5xx, throttling, no connection), or an answer. */
export type CallOutcome = 'timeout' | 'failure' | 'success';

export interface BreakerChange {
  from: BreakerState;
  to: BreakerState;
  /** Why: "3 timeouts within 10000 ms", "probe failed: ...", "probe answered". */
  reason: string;
}

export interface CircuitBreakerOptions {
  /** Timeouts within `windowMs` that open the breaker (a hanging source times out many calls at once). */
  timeoutThreshold?: number;
  /** Failures of any kind, timeouts included, within `windowMs` that open it. */
  failureThreshold?: number;
  windowMs?: number;
  /** How long it stays open before one probe is let through. */
  openMs?: number;
  now?: () => number;
  /** Called once per change of state (the server logs it at warn). */
  onStateChange?: (change: BreakerChange) => void;
}

export const DEFAULT_BREAKER = {
  timeoutThreshold: 2,
  failureThreshold: 5,
  windowMs: 10_000,
  openMs: 30_000,
} as const;

/** A call refused because the breaker is open, or half-open with its probe in flight. */
export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
}

export class CircuitBreaker {
  readonly #timeoutThreshold: number;
  readonly #failureThreshold: number;
  readonly #windowMs: number;
  readonly #openMs: number;
  readonly #now: () => number;
  readonly #onStateChange: (change: BreakerChange) => void;
  #state: BreakerState = 'closed';
  #openedAt = 0;
  #probing = false;
  #why = '';
  /** Recent failures (time, timeout or not), oldest first, pruned to the window. */
  #failures: { at: number; timeout: boolean }[] = [];
  /** Calls in flight: when each started, and how to cut it. */
  readonly #inFlight = new Map<AbortController, number>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.#timeoutThreshold = options.timeoutThreshold ?? DEFAULT_BREAKER.timeoutThreshold;
    this.#failureThreshold = options.failureThreshold ?? DEFAULT_BREAKER.failureThreshold;
    this.#windowMs = options.windowMs ?? DEFAULT_BREAKER.windowMs;
    this.#openMs = options.openMs ?? DEFAULT_BREAKER.openMs;
    this.#now = options.now ?? Date.now;
    this.#onStateChange = options.onStateChange ?? (() => undefined);
  }

  /** The state now; an open breaker whose pause is over reads as half-open. */
  get state(): BreakerState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.#openMs) return 'half-open';
    return this.#state;
  }

  /** Milliseconds since the oldest call still in flight started; 0 when none is. */
  oldestCallMs(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const started of this.#inFlight.values()) oldest = Math.min(oldest, started);
    return oldest === Number.POSITIVE_INFINITY ? 0 : this.#now() - oldest;
  }

  /**
   * Runs `call` if the breaker lets it through, with a signal that is aborted if the breaker opens while it
   * runs; `classify` says how its outcome counts. Refused calls throw CircuitOpenError without running.
   */
  async run<T>(
    call: (signal: AbortSignal) => Promise<T>,
    classify: (error: unknown) => CallOutcome,
  ): Promise<T> {
    const probe = this.#admit();
    const controller = new AbortController();
    // Settles the call when the breaker cuts it, whether or not the call honours its signal.
    const cut = new Promise<never>((_resolve, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    this.#inFlight.set(controller, this.#now());
    try {
      const value = await Promise.race([call(controller.signal), cut]);
      this.#record('success', probe, '');
      return value;
    } catch (error) {
      // A call cut because the breaker opened was counted by what opened it; it fails with the reason.
      if (controller.signal.aborted) throw controller.signal.reason;
      this.#record(classify(error), probe, describe(error));
      throw error;
    } finally {
      this.#inFlight.delete(controller);
    }
  }

  /** Lets a call through or throws; returns whether this call is the half-open probe. */
  #admit(): boolean {
    const state = this.state;
    if (state === 'closed') return false;
    if (state === 'half-open' && !this.#probing) {
      if (this.#state === 'open') this.#change('half-open', `${this.#openMs} ms passed: one probe`);
      this.#probing = true;
      return true;
    }
    const until = new Date(this.#openedAt + this.#openMs).toISOString();
    const detail = state === 'open' ? `until ${until}` : 'a probe is in flight';
    throw new CircuitOpenError(`circuit open after ${this.#why} (${detail})`);
  }

  #record(outcome: CallOutcome, probe: boolean, error: string): void {
    if (probe) this.#probing = false;
    if (outcome === 'success') {
      if (probe) {
        this.#failures = [];
        this.#change('closed', 'probe answered');
      }
      return;
    }
    if (probe) {
      this.#open(`probe failed: ${error}`);
      return;
    }
    if (this.#state !== 'closed') return;
    const now = this.#now();
    this.#failures.push({ at: now, timeout: outcome === 'timeout' });
    this.#failures = this.#failures.filter((f) => now - f.at < this.#windowMs);
    const timeouts = this.#failures.filter((f) => f.timeout).length;
    if (timeouts >= this.#timeoutThreshold) {
      this.#open(`${timeouts} timeouts within ${this.#windowMs} ms (last: ${error})`);
    } else if (this.#failures.length >= this.#failureThreshold) {
      this.#open(`${this.#failures.length} failures within ${this.#windowMs} ms (last: ${error})`);
    }
  }

  #open(reason: string): void {
    this.#openedAt = this.#now();
    this.#why = reason;
    this.#failures = [];
    this.#change('open', reason);
    // Calls still waiting on the failing source would only fail later: cut them now.
    for (const controller of this.#inFlight.keys())
      controller.abort(new CircuitOpenError(`circuit open after ${reason}`));
  }

  #change(to: BreakerState, reason: string): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    this.#onStateChange({ from, to, reason });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}
