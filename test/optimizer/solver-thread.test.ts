import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { optimizeFleets } from '../../src/optimizer/optimize-fleet.js';
import { nextBatch, QUEUE_COHORT_MS, stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import { SMALL_CATALOG } from './fixtures.js';

afterAll(async () => {
  await stopSolverThread();
});

const SHAPES: [number, number][] = [
  [0.25, 0.5],
  [0.5, 1],
  [1, 2],
  [1, 4],
  [2, 4],
  [2, 8],
];

/** Twelve services, 50 tasks and more: each level goes to a solver thread (not the LP-free quick path). */
function level(scale: number): FleetTaskGroup[] {
  return Array.from({ length: 12 }, (_, s) => {
    const [vcpu, gib] = SHAPES[s % SHAPES.length]!;
    return {
      service: `svc-${s}`,
      count: 1 + ((s * 7 + scale) % 6) + scale,
      vcpu,
      memoryMiB: gib * 1024,
      gpus: 0,
      architecture: 'any' as const,
    };
  });
}

describe('the order of the solver threads queue', () => {
  it('takes the batch with the most tasks among weeks queued together, the first of equal ones', () => {
    // One 200-service recommendation: a small mixed part queued before the last large week.
    expect(
      nextBatch([
        { tasks: 534, since: 12 },
        { tasks: 2410, since: 14 },
      ]),
    ).toBe(1);
    expect(
      nextBatch([
        { tasks: 600, since: 0 },
        { tasks: 600, since: 5 },
        { tasks: 90, since: 1 },
      ]),
    ).toBe(0);
  });

  it("lets a week's later levels go before the weeks of a recommendation queued later", () => {
    // Later levels keep their week's time (0); a larger first level of another call came at 500 ms.
    const waiting = [
      { tasks: 2508, since: 500 },
      { tasks: 610, since: 0 },
      { tasks: 640, since: 0 },
    ];
    expect(nextBatch(waiting)).toBe(2);
  });

  it('counts weeks as queued together up to QUEUE_COHORT_MS after the oldest waiting one', () => {
    expect(QUEUE_COHORT_MS).toBe(100);
    expect(
      nextBatch([
        { tasks: 10, since: 1000 },
        { tasks: 20, since: 1100 },
      ]),
    ).toBe(1);
    expect(
      nextBatch([
        { tasks: 10, since: 1000 },
        { tasks: 20, since: 1101 },
      ]),
    ).toBe(0);
    // The oldest week sets the window wherever it sits in the queue.
    expect(
      nextBatch([
        { tasks: 50, since: 300 },
        { tasks: 20, since: 150 },
        { tasks: 30, since: 100 },
      ]),
    ).toBe(2);
  });

  it('has nothing to take from an empty queue', () => {
    expect(nextBatch([])).toBe(-1);
  });
});

describe('a solver thread that dies', () => {
  it('fails the week it was solving and no week that was waiting', async () => {
    const original = Worker.prototype.postMessage;
    const threads: Worker[] = [];
    const spy = vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (
      this: Worker,
      ...args: Parameters<Worker['postMessage']>
    ) {
      if (!threads.includes(this)) threads.push(this);
      return original.apply(this, args);
    });
    try {
      const weeks = [0, 1, 2, 3, 4, 5].map((w) => [level(3 + w), level(1 + w), level(2 + w)]);
      const runs = weeks.map((week) =>
        optimizeFleets(week, SMALL_CATALOG, { orchestrator: 'eks', minNodes: 2 }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      // What Node does when a worker dies of an uncaught error or ERR_WORKER_OUT_OF_MEMORY: 'error', then
      // 'exit'. The first week's largest level is then running on the first thread.
      const dying = threads[0]!;
      dying.emit('error', new Error('the solver thread ran out of memory'));
      void dying.terminate();
      const plans = await Promise.all(runs);
      const failed = plans.map(
        (week) => week.filter((plan) => plan.notes.some((n) => n.startsWith('the solver failed'))).length,
      );
      // Its other levels start from it, so they fail too; every other week is solved.
      expect(failed).toEqual([3, 0, 0, 0, 0, 0]);
    } finally {
      spy.mockRestore();
    }
  });
});
