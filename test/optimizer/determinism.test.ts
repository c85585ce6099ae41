import { afterAll, describe, expect, it } from 'vitest';
import type { FleetOptions, FleetPlan, FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { optimizeFleets } from '../../src/optimizer/optimize-fleet.js';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import { mixedLevel, SMALL_CATALOG } from './fixtures.js';
import { expectValidPlan } from './plan-checks.js';

const ARCHS: FleetTaskGroup['architecture'][] = ['x86_64', 'any', 'arm64'];

/** Twelve services of mixed shapes and architectures. */
function level(scale: number): FleetTaskGroup[] {
  return mixedLevel(scale, ARCHS);
}

const LEVELS = [level(3), level(1), level(2)];
const OPTIONS: FleetOptions = { orchestrator: 'eks', minNodes: 2 };

/** Everything but the wall-clock time of the solve, which is the one field allowed to differ. */
function withoutTime(plans: FleetPlan[]): string {
  return JSON.stringify(plans.map(({ solveMs: _ms, ...plan }) => plan));
}

afterAll(async () => {
  await stopSolverThread();
});

describe('reproducible fleets', () => {
  it('gives the same plans on every run, in this thread and in the solver thread', async () => {
    const first = await optimizeFleets(LEVELS, SMALL_CATALOG, { ...OPTIONS, useWorker: false });
    const again = await optimizeFleets(LEVELS, SMALL_CATALOG, { ...OPTIONS, useWorker: false });
    const threaded = await optimizeFleets(LEVELS, SMALL_CATALOG, OPTIONS);
    for (const [i, tasks] of LEVELS.entries()) expectValidPlan(first[i]!, tasks, SMALL_CATALOG);
    expect(first.every((plan) => plan.method === 'milp' || plan.optimal)).toBe(true);
    expect(withoutTime(again)).toBe(withoutTime(first));
    expect(withoutTime(threaded)).toBe(withoutTime(first));
    expect(first.some((plan) => plan.stoppedBy !== undefined)).toBe(false);
  });

  it('solves each later level from the first alone, so a level gets the same plan whichever levels sit between', async () => {
    // LEVELS are solved largest first: level(3), level(2), level(1). Level(1) starts from level(3)'s
    // outcome whether or not level(2) is solved too; a chain (each level from the one before) fails this.
    const [big, small, middle] = LEVELS as [FleetTaskGroup[], FleetTaskGroup[], FleetTaskGroup[]];
    const all = await optimizeFleets([big, small, middle], SMALL_CATALOG, { ...OPTIONS, useWorker: false });
    const without = await optimizeFleets([big, small], SMALL_CATALOG, { ...OPTIONS, useWorker: false });
    expect(withoutTime([without[1]!])).toBe(withoutTime([all[1]!]));
    expect(withoutTime([without[0]!])).toBe(withoutTime([all[0]!]));
  });

  it('gives every call its own answers when more batches than solver threads wait at once', async () => {
    // Three weeks of three levels: three first levels, then six later ones, queued for two threads.
    const weeks = [LEVELS, [level(4), level(0), level(2)], [level(5), level(3), level(1)]];
    const alone = [];
    for (const week of weeks)
      alone.push(await optimizeFleets(week, SMALL_CATALOG, { ...OPTIONS, useWorker: false }));
    const together = await Promise.all(weeks.map((week) => optimizeFleets(week, SMALL_CATALOG, OPTIONS)));
    for (const [w, plans] of together.entries()) expect(withoutTime(plans)).toBe(withoutTime(alone[w]!));
    expect(together.flat().some((plan) => plan.stoppedBy !== undefined)).toBe(false);
  });

  it('treats an infinite safety time limit as none, not as a timer that fires at once', async () => {
    const unlimited = await optimizeFleets(LEVELS, SMALL_CATALOG, {
      ...OPTIONS,
      timeLimitMs: Number.POSITIVE_INFINITY,
    });
    const first = await optimizeFleets(LEVELS, SMALL_CATALOG, { ...OPTIONS, useWorker: false });
    expect(withoutTime(unlimited)).toBe(withoutTime(first));
  });
});
