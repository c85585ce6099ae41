/** @module call-with-retry: one remote call with a hard deadline per attempt and bounded, jittered retries. */
import { setTimeout as sleep } from 'node:timers/promises';

/** An attempt got no answer in time. Raised by our own timer, so it fires even if the call ignores its signal. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export interface RetryPolicy {
  /** Deadline of each attempt. */
  timeoutMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before retry n is between half and all of baseDelayMs × 2^(n−1). */
  baseDelayMs: number;
  isRetryable: (error: unknown) => boolean;
  random?: () => number;
  /**
   * Runs each attempt (deadline included), e.g. through a circuit breaker that may refuse it or cut it
   * with its own signal. Without one, attempts run as they are.
   */
  gate?: <T>(attempt: (signal: AbortSignal) => Promise<T>) => Promise<T>;
}

/** The last error of a call that did not succeed, with how many attempts were made. */
export class RetriesExhaustedError extends Error {
  override name = 'RetriesExhaustedError';
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`failed after ${attempts} attempt(s)`, { cause });
  }
}

/**
 * Runs `call` with an AbortSignal that is aborted at the deadline, and rejects at the deadline whether or
 * not the call honours the signal. The losing promise's later rejection is handled by Promise.race.
 */
export async function callWithDeadline<T>(
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineExceededError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls until success, a non-retryable error, or maxAttempts; throws RetriesExhaustedError with the last error. */
export async function callWithRetry<T>(
  call: (signal: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const random = policy.random ?? Math.random;
  const once = (outer?: AbortSignal) =>
    callWithDeadline(
      (signal) => call(outer === undefined ? signal : AbortSignal.any([signal, outer])),
      policy.timeoutMs,
    );
  for (let attempt = 1; ; attempt++) {
    try {
      return await (policy.gate ? policy.gate(once) : once());
    } catch (error) {
      if (attempt >= policy.maxAttempts || !policy.isRetryable(error))
        throw new RetriesExhaustedError(attempt, error);
      const ceiling = policy.baseDelayMs * 2 ** (attempt - 1);
      await sleep(ceiling / 2 + (random() * ceiling) / 2);
    }
  }
}
