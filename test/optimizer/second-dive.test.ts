import { describe, expect, it } from 'vitest';
import type { FleetOptions, FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { optimizeFleet } from '../../src/optimizer/optimize-fleet.js';
import { DEFAULT_SOLVE_LIMITS } from '../../src/optimizer/search/solve-limits.js';
import { FIVE_FAMILIES } from './fixtures.js';
import { expectValidPlan } from './plan-checks.js';

/** [vCPU, GiB, tasks, architecture]: 39 tasks, more than the exact search takes (30). */
const SERVICES: [number, number, number, FleetTaskGroup['architecture']][] = [
  [2, 1, 6, 'x86_64'],
  [2, 4, 3, 'x86_64'],
  [0.5, 1, 2, 'any'],
  [2, 8, 5, 'any'],
  [1, 1, 3, 'any'],
  [0.5, 2, 2, 'any'],
  [2, 0.5, 2, 'any'],
  [1, 0.5, 4, 'any'],
  [1, 1, 1, 'x86_64'],
  [0.25, 8, 3, 'any'],
  [1, 1, 4, 'any'],
  [4, 1, 4, 'any'],
];
const TASKS: FleetTaskGroup[] = SERVICES.map(([vcpu, gib, count, architecture], s) => ({
  service: `svc-${s}`,
  count,
  vcpu,
  memoryMiB: gib * 1024,
  gpus: 0,
  architecture,
}));
const OPTIONS: FleetOptions = { orchestrator: 'eks', minNodes: 2, useWorker: false };

describe('the second dive', () => {
  it('rounds a small fleet from another optimal vertex of the master, where the first dive fell short', async () => {
    const once = await optimizeFleet(TASKS, FIVE_FAMILIES, {
      ...OPTIONS,
      limits: { ...DEFAULT_SOLVE_LIMITS, secondDiveMaxNodes: 0 },
    });
    const twice = await optimizeFleet(TASKS, FIVE_FAMILIES, OPTIONS);
    expectValidPlan(once, TASKS, FIVE_FAMILIES);
    expectValidPlan(twice, TASKS, FIVE_FAMILIES);
    // On this commit: $2.5925/h (3.51 % above the bound) after one dive and the searches, $2.52/h (0.61 %)
    // from the second dive. Both solves prove the same bound; only the fleet differs.
    expect(twice.lowerBoundHourlyUsd).toBe(once.lowerBoundHourlyUsd);
    expect(Number(twice.hourlyUsd)).toBeLessThan(Number(once.hourlyUsd));
    expect(once.gap).toBeGreaterThan(0.03);
    expect(twice.gap).toBeLessThan(0.01);
    expect(twice.nodes.length).toBeLessThanOrEqual(DEFAULT_SOLVE_LIMITS.secondDiveMaxNodes);
    expect(twice.notes.filter((note) => note.startsWith('method'))).toEqual([
      'method: column generation (simplex LP and knapsack column search, in JS) for the lower bound, LP diving and local search for the fleet',
    ]);
  });
});
