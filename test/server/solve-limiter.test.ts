import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../src/server/problem.js';
import { SolveLimiter } from '../../src/server/solve-limiter.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('solve-limiter', () => {
  it('runs up to maxConcurrent at once and queues the next in order', async () => {
    const limiter = new SolveLimiter({ maxConcurrent: 1, maxQueued: 2 });
    const gate = deferred();
    const order: string[] = [];
    const a = limiter.run(async () => {
      await gate.promise;
      order.push('a');
    });
    const b = limiter.run(async () => order.push('b'));
    const c = limiter.run(async () => order.push('c'));
    expect([limiter.active, limiter.queued]).toEqual([1, 2]);
    gate.resolve();
    await Promise.all([a, b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect([limiter.active, limiter.queued]).toEqual([0, 0]);
  });

  it('refuses at once with SERVER_BUSY when slots and queue are full', async () => {
    const limiter = new SolveLimiter({ maxConcurrent: 1, maxQueued: 0 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const refused = limiter.run(async () => 'never');
    await expect(refused).rejects.toBeInstanceOf(HttpProblem);
    await expect(refused).rejects.toMatchObject({ code: 'SERVER_BUSY', status: 503 });
    gate.resolve();
    await first;
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('drops a queued call whose signal aborts, without running it', async () => {
    const limiter = new SolveLimiter({ maxConcurrent: 1, maxQueued: 1 });
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const queued = limiter.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error('deadline'));
    await expect(queued).rejects.toThrow('deadline');
    expect(limiter.queued).toBe(0);
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when the task fails', async () => {
    const limiter = new SolveLimiter({ maxConcurrent: 1, maxQueued: 0 });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.active).toBe(0);
  });

  it('rejects a limit below one slot', () => {
    expect(() => new SolveLimiter({ maxConcurrent: 0, maxQueued: 0 })).toThrow(RangeError);
  });
});
