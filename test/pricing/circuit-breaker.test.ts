import { describe, expect, it } from 'vitest';
import {
  type BreakerChange,
  type CallOutcome,
  CircuitBreaker,
  CircuitOpenError,
} from '../../src/pricing/circuit-breaker.js';

/** A breaker on a clock the test moves, recording every change of state. */
function makeBreaker(options: ConstructorParameters<typeof CircuitBreaker>[0] = {}) {
  let now = 1_000_000;
  const changes: BreakerChange[] = [];
  const breaker = new CircuitBreaker({
    timeoutThreshold: 2,
    failureThreshold: 3,
    windowMs: 1000,
    openMs: 5000,
    now: () => now,
    onStateChange: (c) => changes.push(c),
    ...options,
  });
  return {
    breaker,
    changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Runs one call that ends with `outcome` (an error of that kind, or a value). */
function callWith(breaker: CircuitBreaker, outcome: CallOutcome): Promise<unknown> {
  return breaker.run(
    async () => {
      if (outcome === 'success') return 'ok';
      throw new Error(outcome);
    },
    (error) => (error as Error).message as CallOutcome,
  );
}

const settle = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: Error) => e.name,
  );

describe('CircuitBreaker', () => {
  it('opens after the timeout threshold, refuses calls at once, and says so once', async () => {
    const { breaker, changes } = makeBreaker();
    await settle(callWith(breaker, 'timeout'));
    expect(breaker.state).toBe('closed');
    await settle(callWith(breaker, 'timeout'));
    expect(breaker.state).toBe('open');
    let ran = false;
    const refused = breaker.run(
      async () => {
        ran = true;
      },
      () => 'failure',
    );
    await expect(refused).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(refused).rejects.toThrow(/circuit open after 2 timeouts within 1000 ms/);
    expect(ran).toBe(false);
    expect(changes).toEqual([
      { from: 'closed', to: 'open', reason: '2 timeouts within 1000 ms (last: Error)' },
    ]);
  });

  it('opens on a burst of failures within the window, not on the same failures spread out', async () => {
    const spread = makeBreaker();
    for (let i = 0; i < 5; i++) {
      await settle(callWith(spread.breaker, 'failure'));
      spread.advance(600); // never three within 1000 ms
    }
    expect(spread.breaker.state).toBe('closed');
    const burst = makeBreaker();
    for (let i = 0; i < 3; i++) await settle(callWith(burst.breaker, 'failure'));
    expect(burst.breaker.state).toBe('open');
  });

  it('does not count answers: a 4xx about the request is the source working', async () => {
    const { breaker } = makeBreaker();
    for (let i = 0; i < 10; i++) await settle(callWith(breaker, 'success'));
    expect(breaker.state).toBe('closed');
  });

  it('cuts the calls in flight when it opens, with the reason, even if they ignore their signal', async () => {
    const { breaker } = makeBreaker();
    const hanging = breaker.run(
      () => new Promise(() => undefined),
      () => 'timeout',
    );
    expect(breaker.oldestCallMs()).toBe(0);
    await settle(callWith(breaker, 'timeout'));
    await settle(callWith(breaker, 'timeout'));
    await expect(hanging).rejects.toBeInstanceOf(CircuitOpenError);
    expect(breaker.oldestCallMs()).toBe(0);
  });

  it('half-opens after the pause with one probe; its answer closes the breaker', async () => {
    const { breaker, changes, advance } = makeBreaker();
    await settle(callWith(breaker, 'timeout'));
    await settle(callWith(breaker, 'timeout'));
    advance(4999);
    expect(breaker.state).toBe('open');
    advance(1);
    expect(breaker.state).toBe('half-open');
    let release!: () => void;
    const probe = breaker.run(
      () =>
        new Promise<string>((resolve) => {
          release = () => resolve('answered');
        }),
      () => 'failure',
    );
    // While the probe is out, every other call is refused at once.
    await expect(callWith(breaker, 'success')).rejects.toThrow(/a probe is in flight/);
    release();
    await expect(probe).resolves.toBe('answered');
    expect(breaker.state).toBe('closed');
    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual([
      'closed>open',
      'open>half-open',
      'half-open>closed',
    ]);
    expect(changes[2]?.reason).toBe('probe answered');
  });

  it('reopens for another pause when the probe fails', async () => {
    const { breaker, changes, advance } = makeBreaker();
    for (let i = 0; i < 3; i++) await settle(callWith(breaker, 'failure'));
    advance(5000);
    await settle(callWith(breaker, 'failure'));
    expect(breaker.state).toBe('open');
    advance(4999);
    expect(breaker.state).toBe('open');
    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual([
      'closed>open',
      'open>half-open',
      'half-open>open',
    ]);
    expect(changes[2]?.reason).toBe('probe failed: Error');
  });

  it('reports how long the oldest call in flight has waited', async () => {
    const { breaker, advance } = makeBreaker();
    let release!: () => void;
    const call = breaker.run(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      () => 'failure',
    );
    advance(750);
    expect(breaker.oldestCallMs()).toBe(750);
    release();
    await call;
    expect(breaker.oldestCallMs()).toBe(0);
  });
});
