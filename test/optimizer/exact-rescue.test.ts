import { describe, expect, it } from 'vitest';
import type { FleetOptions, FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { optimizeFleet } from '../../src/optimizer/optimize-fleet.js';
import { DEFAULT_SOLVE_LIMITS } from '../../src/optimizer/search/solve-limits.js';
import { C6I_XLARGE } from './fixtures.js';
import { expectValidPlan } from './plan-checks.js';

/**
 * 33 tasks of 1.6 vCPU on c6i.xlarge ($0.17/h, 4 vCPU): two fit on a node, three do not (4.8 vCPU).
 * Worked by hand: the LP bound is 33 / 2 = 16.5 nodes, $2.805/h; any fleet needs ceil(33 / 2) = 17
 * nodes, $2.89/h, 3.03 % above it. 33 tasks are more than the exact search after the LP takes (30).
 */
const TASKS: FleetTaskGroup[] = [
  { service: 'api', count: 33, vcpu: 1.6, memoryMiB: 1024, gpus: 0, architecture: 'x86_64' },
];
const OPTIONS: FleetOptions = { orchestrator: 'ecs', ecsNetworkMode: 'bridge', useWorker: false };

describe('the exact rescue', () => {
  it('proves a small fleet optimal where the LP bound sits more than 3 % below it', async () => {
    const without = await optimizeFleet(TASKS, [C6I_XLARGE], {
      ...OPTIONS,
      limits: { ...DEFAULT_SOLVE_LIMITS, rescueExactWork: 0 },
    });
    const rescued = await optimizeFleet(TASKS, [C6I_XLARGE], OPTIONS);
    expectValidPlan(without, TASKS, [C6I_XLARGE]);
    expectValidPlan(rescued, TASKS, [C6I_XLARGE]);
    // The same optimal fleet either way; only the rescue proves it.
    for (const plan of [without, rescued]) {
      expect(plan.nodes).toHaveLength(17);
      expect(plan.hourlyUsd).toBe('2.89');
    }
    // Bounds are rounded down to the micro-dollar, so a bound never overstates what was proven.
    expect(without.lowerBoundHourlyUsd).toBe('2.804999');
    expect(without.gap).toBeCloseTo(0.085 / 2.805, 5);
    expect(rescued.lowerBoundHourlyUsd).toBe('2.89');
    expect(rescued.gap).toBe(0);
  });

  it('leaves problems above its task limit alone', async () => {
    const plan = await optimizeFleet(TASKS, [C6I_XLARGE], {
      ...OPTIONS,
      limits: { ...DEFAULT_SOLVE_LIMITS, rescueMaxTasks: 32 },
    });
    expectValidPlan(plan, TASKS, [C6I_XLARGE]);
    expect(plan.hourlyUsd).toBe('2.89');
    expect(plan.lowerBoundHourlyUsd).toBe('2.804999');
  });
});
