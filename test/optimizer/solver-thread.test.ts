import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import { optimizeFleets } from '../../src/optimizer/optimize-fleet.js';
import {
  BACKSTOP_MS,
  CANCELLED_ERROR,
  nextBatch,
  QUEUE_COHORT_MS,
  solveInThread,
  stopSolverThread,
} from '../../src/optimizer/runtime/solver-thread.js';
import {
  PROGRESS_INTERVAL_MS,
  progressRelay,
  type SolveRequest,
} from '../../src/optimizer/runtime/worker.js';
import { DEFAULT_SOLVE_LIMITS, SafetyClock } from '../../src/optimizer/search/solve-limits.js';
import { createFleetSolver } from '../../src/sizing/fleet-solver.js';
import { mixedLevel, SMALL_CATALOG } from './fixtures.js';

afterAll(async () => {
  await stopSolverThread();
});

/** Twelve services of any architecture (fixtures' mixedLevel). */
const level = (scale: number) => mixedLevel(scale);

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
        { tasks: 50, since: 400 },
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

/** Holds every request sent to a solver thread until released, so a test decides when each one runs. */
function holdRequests() {
  const original = Worker.prototype.postMessage;
  const held: { worker: Worker; request: SolveRequest }[] = [];
  const spy = vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (
    this: Worker,
    request: SolveRequest,
  ) {
    held.push({ worker: this, request });
  });
  const release = (k: number) => {
    const [one] = held.splice(k, 1);
    original.call(one!.worker, one!.request);
  };
  return { held, release, restore: () => spy.mockRestore(), original };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the solver threads queue at work', () => {
  it("gives a freed thread a week's later level before a week queued more than 100 ms after it", async () => {
    const hold = holdRequests();
    try {
      const first = optimizeFleets([level(3), level(1), level(2)], SMALL_CATALOG, { orchestrator: 'eks' });
      const filler = optimizeFleets([level(0)], SMALL_CATALOG, { orchestrator: 'eks' });
      await sleep(QUEUE_COHORT_MS + 50);
      // A larger week, queued later: it waits, as both threads hold a request.
      const later = optimizeFleets([level(8), level(6), level(7)], SMALL_CATALOG, { orchestrator: 'eks' });
      await sleep(10);
      expect(hold.held).toHaveLength(2);
      hold.release(0);
      // The first week's largest level is solved; its thread takes the next batch.
      await vi.waitFor(() => expect(hold.held).toHaveLength(2), { timeout: 20_000 });
      expect(hold.held[1]!.request.options.from).toBeDefined();
      while (hold.held.length > 0) hold.release(0);
      hold.restore();
      const plans = await Promise.all([first, filler, later]);
      expect(plans.flat().some((plan) => plan.stoppedBy !== undefined)).toBe(false);
    } finally {
      hold.restore();
    }
  });

  it("counts a waiting week's first level with the tasks of its later levels", async () => {
    await stopSolverThread();
    const hold = holdRequests();
    try {
      const fillers = [optimizeFleets([level(0)], SMALL_CATALOG, { orchestrator: 'eks' })];
      fillers.push(optimizeFleets([level(0)], SMALL_CATALOG, { orchestrator: 'eks' }));
      // One level of level(6) (about 114 tasks) against a week whose first level is smaller but whose
      // four levels hold more tasks in all.
      const single = optimizeFleets([level(6)], SMALL_CATALOG, { orchestrator: 'eks' });
      const week = optimizeFleets([level(5), level(4), level(3), level(2)], SMALL_CATALOG, {
        orchestrator: 'eks',
      });
      await sleep(10);
      expect(hold.held).toHaveLength(2);
      hold.release(0);
      await vi.waitFor(() => expect(hold.held).toHaveLength(2), { timeout: 20_000 });
      const taken = hold.held[1]!.request.problems[0]!;
      expect(taken.items.reduce((sum, item) => sum + item.demand, 0)).toBe(
        level(5).reduce((sum, group) => sum + group.count, 0),
      );
      while (hold.held.length > 0) hold.release(0);
      hold.restore();
      await Promise.all([...fillers, single, week]);
    } finally {
      hold.restore();
    }
  });

  it('says which solves overran the safety limit, which never got a thread, and which waited for them', async () => {
    await stopSolverThread();
    const hold = holdRequests();
    try {
      // Two weeks hold both threads (their requests are never answered); a third waits for a thread.
      const options = { orchestrator: 'eks' as const, timeLimitMs: 100 };
      const running = optimizeFleets([level(3), level(1)], SMALL_CATALOG, {
        ...options,
        timeLimitMs: 60_000,
      });
      const overran = optimizeFleets([level(4), level(2)], SMALL_CATALOG, options);
      // Its limit ends first, while both threads are still held.
      const waiting = optimizeFleets([level(5), level(3)], SMALL_CATALOG, { ...options, timeLimitMs: 50 });
      const [a, b] = await Promise.all([overran, waiting]);
      expect(a![0]!.notes).toContain(
        'the solver did not stop within the 100 ms safety time limit: it was ended and the heuristic plan is used',
      );
      expect(a![1]!.notes).toContain(
        "the week's level with the most tasks, which this level's solve starts from, did not finish within the 100 ms safety time limit: the heuristic plan is used",
      );
      expect(b![0]!.notes).toContain(
        'no solver thread was free within the 50 ms safety time limit: the solve did not start and the heuristic plan is used',
      );
      expect([...a!, ...b!].every((plan) => plan.stoppedBy === 'safety-time-limit')).toBe(true);
      expect(BACKSTOP_MS).toBe(2000);
      await stopSolverThread();
      expect((await running)[0]!.notes.some((n) => n.startsWith('the solver failed'))).toBe(true);
    } finally {
      hold.restore();
    }
  });

  it("starts no more threads than a solve's solverThreads, and its batches wait for the one it has", async () => {
    await stopSolverThread();
    const hold = holdRequests();
    try {
      // No class split (search/class-split): its part solves would be batches of their own.
      const one = { orchestrator: 'eks' as const, solverThreads: 1, limits: { classSplitTries: 0 } };
      const first = optimizeFleets([level(3), level(1)], SMALL_CATALOG, one);
      const second = optimizeFleets([level(4)], SMALL_CATALOG, one);
      await sleep(10);
      // Two weeks wait, but only one thread was started.
      expect(hold.held).toHaveLength(1);
      const thread = hold.held[0]!.worker;
      // Every batch goes to that thread, one after another: the first week's two levels and the second week.
      let finished = false;
      const done = Promise.all([first, second]).then((weeks) => {
        finished = true;
        return weeks;
      });
      let sent = 0;
      while (!finished) {
        while (hold.held.length > 0) {
          expect(hold.held[0]!.worker).toBe(thread);
          hold.release(0);
          sent += 1;
        }
        await sleep(20);
      }
      expect(sent).toBe(3);
      hold.restore();
      const plans = (await done).flat();
      expect(plans.every((plan) => plan.stoppedBy === undefined && plan.nodes.length > 0)).toBe(true);
      // Without the cap, a second week gets a second thread at once.
      await stopSolverThread();
      const again = holdRequests();
      try {
        const a = optimizeFleets([level(3)], SMALL_CATALOG, { orchestrator: 'eks' });
        const b = optimizeFleets([level(4)], SMALL_CATALOG, { orchestrator: 'eks' });
        await sleep(10);
        expect(again.held).toHaveLength(2);
        expect(again.held[0]!.worker).not.toBe(again.held[1]!.worker);
        while (again.held.length > 0) again.release(0);
        again.restore();
        await Promise.all([a, b]);
      } finally {
        again.restore();
      }
    } finally {
      hold.restore();
    }
  });

  it('lets a batch that may start a thread go past capped ones that wait for theirs', async () => {
    await stopSolverThread();
    const hold = holdRequests();
    try {
      // No class split (search/class-split): its part solves would be batches of their own.
      const one = { orchestrator: 'eks' as const, solverThreads: 1, limits: { classSplitTries: 0 } };
      // Two capped weeks, the second larger: it waits, first in line, for the one thread there is.
      const capped = [
        optimizeFleets([level(3)], SMALL_CATALOG, one),
        optimizeFleets([level(6)], SMALL_CATALOG, one),
      ];
      await sleep(10);
      expect(hold.held).toHaveLength(1);
      // An uncapped week, smaller, queued behind them, starts the second thread at once.
      const free = optimizeFleets([level(1)], SMALL_CATALOG, { orchestrator: 'eks' });
      await sleep(10);
      expect(hold.held).toHaveLength(2);
      expect(hold.held[1]!.worker).not.toBe(hold.held[0]!.worker);
      expect(hold.held[1]!.request.problems[0]!.items.reduce((sum, item) => sum + item.demand, 0)).toBe(
        level(1).reduce((sum, group) => sum + group.count, 0),
      );
      hold.restore();
      for (const { worker, request } of hold.held.splice(0)) hold.original.call(worker, request);
      await Promise.all([...capped, free]);
    } finally {
      hold.restore();
    }
  });

  it('drops a cancelled batch that waits for a thread, and lets one already started finish', async () => {
    await stopSolverThread();
    const hold = holdRequests();
    try {
      const problem = (scale: number) =>
        buildFleetProblem(level(scale), SMALL_CATALOG, { orchestrator: 'eks' });
      const limits = DEFAULT_SOLVE_LIMITS;
      const deadline = performance.timeOrigin + performance.now() + 60_000;
      const started = new AbortController();
      const waiting = new AbortController();
      // Two batches take both threads (held); a third waits for one.
      const a = solveInThread([problem(2)], limits, deadline, {}, { cancel: started.signal });
      const b = solveInThread([problem(1)], limits, deadline);
      const c = solveInThread([problem(3)], limits, deadline, {}, { cancel: waiting.signal });
      await sleep(10);
      expect(hold.held).toHaveLength(2);
      started.abort();
      waiting.abort();
      expect(await c).toEqual({ kind: 'failed', error: CANCELLED_ERROR });
      hold.restore();
      for (const { worker, request } of hold.held.splice(0)) hold.original.call(worker, request);
      const [solvedA, solvedB] = await Promise.all([a, b]);
      expect(solvedA.kind).toBe('solved');
      expect(solvedB.kind).toBe('solved');
      // The cancelled batch never reached a thread.
      expect(hold.held).toHaveLength(0);
      // A batch whose signal is already aborted does not wait at all.
      expect(await solveInThread([problem(1)], limits, deadline, {}, { cancel: waiting.signal })).toEqual({
        kind: 'failed',
        error: CANCELLED_ERROR,
      });
    } finally {
      hold.restore();
    }
  });

  it('refuses a solverThreads that is not a whole number of at least 1', async () => {
    expect(() => createFleetSolver({ solverThreads: 0 })).toThrow(
      'solverThreads is invalid: 0 is not a whole number of threads, at least 1',
    );
    expect(() => createFleetSolver({ solverThreads: 1.5 })).toThrow(
      'solverThreads is invalid: 1.5 is not a whole number of threads, at least 1',
    );
    await expect(
      optimizeFleets([level(1)], SMALL_CATALOG, {
        orchestrator: 'eks',
        solverThreads: '2' as unknown as number,
      }),
    ).rejects.toThrow('solverThreads is invalid: "2" is not a whole number of threads, at least 1');
  });

  it('refuses a safety time limit that is not a number of milliseconds above 0', async () => {
    expect(() => createFleetSolver({ safetyTimeLimitMs: '100' as unknown as number })).toThrow(
      'safetyTimeLimitMs is invalid: "100" is not a number of milliseconds above 0',
    );
    expect(() => createFleetSolver({ safetyTimeLimitMs: Number.NaN })).toThrow(
      'safetyTimeLimitMs is invalid: NaN is not a number of milliseconds above 0',
    );
    await expect(
      optimizeFleets([level(1)], SMALL_CATALOG, { orchestrator: 'eks', timeLimitMs: 0 }),
    ).rejects.toThrow('timeLimitMs is invalid: 0 is not a number of milliseconds above 0');
  });
});

describe("a solver thread's progress messages", () => {
  it('go out at most once every PROGRESS_INTERVAL_MS per problem: the first at once, a held one at a later tick or before the next problem', () => {
    let clock = 1000;
    const sent: string[] = [];
    const relay = progressRelay<string>(
      PROGRESS_INTERVAL_MS,
      (index, fleet) => sent.push(`${index}:${fleet}@${clock}`),
      () => clock,
    );
    relay.report(0, 'a'); // problem 0's first fleet: sent at once
    clock += 40;
    relay.report(0, 'b'); // 40 ms later: held
    relay.tick(clock); // too soon: still held
    clock += 20;
    relay.report(0, 'c'); // held, in place of b
    clock += 40;
    relay.tick(clock); // 100 ms after a: c goes out
    relay.tick(clock); // nothing held
    clock += 10;
    relay.report(0, 'd'); // held
    relay.report(1, 'e'); // problem 1 reports: problem 0's d first, then e at once (its own first)
    clock += 20;
    relay.report(1, 'f'); // held
    expect(sent).toEqual(['0:a@1000', '0:c@1100', '0:d@1110', '1:e@1110']);
    expect(PROGRESS_INTERVAL_MS).toBe(100);
  });

  it("tick at every check of a solve's clock that has a deadline", () => {
    const ticks: number[] = [];
    const clock = new SafetyClock(performance.timeOrigin + performance.now() + 60_000, (now) =>
      ticks.push(now),
    );
    expect(clock.expired()).toBe(false);
    expect(clock.expired()).toBe(false);
    expect(ticks).toHaveLength(2);
    expect(ticks[1]!).toBeGreaterThanOrEqual(ticks[0]!);
    // Without a deadline the clock reads no time, and ticks nothing.
    const none = new SafetyClock(Number.POSITIVE_INFINITY, (now) => ticks.push(now));
    expect(none.expired()).toBe(false);
    expect(ticks).toHaveLength(2);
    // Once it has fired it still ticks at every check, while the solve winds down.
    const past = new SafetyClock(performance.timeOrigin + performance.now() - 1, (now) => ticks.push(now));
    expect(past.expired()).toBe(true);
    expect(past.expired()).toBe(true);
    expect(ticks).toHaveLength(4);
  });
});
