import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { optimizeFleet } from '../../src/optimizer/optimize-fleet.js';
import { taskShapeArb, toTaskGroups } from './arbitraries.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE, C7G_2XLARGE, M6I_4XLARGE } from './fixtures.js';
import { expectValidPlan } from './plan-checks.js';

const TYPES = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE, C7G_2XLARGE];

const workloadArb = fc.record({
  groups: fc.array(taskShapeArb(4), { minLength: 1, maxLength: 3 }),
  grow: fc.nat(),
  extra: fc.integer({ min: 1, max: 3 }),
});

describe('fleet properties', () => {
  it('places every task within capacity, never below its own lower bound, and more tasks never cost less', async () => {
    let bothOptimal = 0;
    await fc.assert(
      fc.asyncProperty(workloadArb, async ({ groups, grow, extra }) => {
        const tasks = toTaskGroups(groups);
        const more = tasks.map((t, i) => (i === grow % tasks.length ? { ...t, count: t.count + extra } : t));
        const options = { orchestrator: 'eks' as const, useWorker: false, timeLimitMs: 10_000 };
        const small = await optimizeFleet(tasks, TYPES, options);
        const large = await optimizeFleet(more, TYPES, options);
        expectValidPlan(small, tasks, TYPES);
        expectValidPlan(large, more, TYPES);
        // Any fleet for the larger workload also holds the smaller one, so it costs at least its bound.
        expect(new Decimal(large.hourlyUsd).gte(small.lowerBoundHourlyUsd)).toBe(true);
        if (small.optimal && large.optimal) {
          bothOptimal += 1;
          expect(new Decimal(large.hourlyUsd).gte(small.hourlyUsd)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
    // The comparison of optimal costs must actually have run.
    expect(bothOptimal).toBeGreaterThan(10);
  });
});
