import { describe, expect, it } from 'vitest';
import {
  callWithDeadline,
  callWithRetry,
  DeadlineExceededError,
  RetriesExhaustedError,
} from '../../src/pricing/call-with-retry.js';

const policy = { timeoutMs: 1000, maxAttempts: 3, baseDelayMs: 1, isRetryable: () => true };

describe('callWithDeadline', () => {
  it('rejects at the deadline even when the call ignores its signal, and aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const never = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>(() => {});
    };
    await expect(callWithDeadline(never, 20)).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(DeadlineExceededError);
  });

  it('returns the answer of a call that finishes in time', async () => {
    await expect(callWithDeadline(async () => 'ok', 1000)).resolves.toBe('ok');
  });
});

describe('callWithRetry', () => {
  it('retries a retryable failure and returns the later success', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw new Error('transient');
      return calls;
    };
    await expect(callWithRetry(flaky, policy)).resolves.toBe(3);
  });

  it('stops at maxAttempts and keeps the last error and the attempt count', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error(`failure ${calls}`);
    };
    const error = await callWithRetry(failing, policy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error).toMatchObject({ attempts: 3, cause: new Error('failure 3') });
  });

  it('does not retry what the policy calls final', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('final');
    };
    await expect(callWithRetry(failing, { ...policy, isRetryable: () => false })).rejects.toMatchObject({
      attempts: 1,
    });
    expect(calls).toBe(1);
  });
});
