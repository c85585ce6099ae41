import { describe, expect, it } from 'vitest';
import type { FleetOptions, FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { optimizeFleets } from '../../src/optimizer/optimize-fleet.js';
import { DEFAULT_SOLVE_LIMITS } from '../../src/optimizer/search/solve-limits.js';
import { FIVE_FAMILIES as TYPES } from './fixtures.js';
import { expectValidPlan } from './plan-checks.js';

/** [vCPU, GiB, tasks at the peak, tasks off-peak, architecture]: four services drop at night. */
const SERVICES: [number, number, number, number, FleetTaskGroup['architecture']][] = [
  [0.5, 1, 5, 1, 'x86_64'],
  [0.5, 1, 2, 2, 'any'],
  [1, 8, 2, 2, 'any'],
  [0.25, 0.5, 5, 5, 'x86_64'],
  [0.5, 1, 4, 4, 'any'],
  [4, 8, 2, 1, 'any'],
  [0.5, 4, 1, 1, 'x86_64'],
  [0.25, 0.5, 3, 3, 'any'],
  [1, 8, 5, 5, 'any'],
  [1, 4, 3, 3, 'x86_64'],
  [0.5, 1, 5, 1, 'any'],
  [0.5, 4, 2, 2, 'any'],
  [2, 8, 3, 3, 'x86_64'],
  [1, 8, 3, 3, 'any'],
  [1, 8, 5, 5, 'any'],
  [2, 4, 4, 1, 'x86_64'],
];

function level(which: 2 | 3): FleetTaskGroup[] {
  return SERVICES.map((service, s) => ({
    service: `svc-${s}`,
    count: service[which],
    vcpu: service[0],
    memoryMiB: service[1] * 1024,
    gpus: 0,
    architecture: service[4],
  }));
}

const PEAK = level(2);
const NIGHT = level(3);
const OPTIONS: FleetOptions = { orchestrator: 'eks', minNodes: 2, useWorker: false };

describe("a later level's lower bound", () => {
  it('is its own LP bound when the bound carried from the first level leaves its fleet more than 2 % above it', async () => {
    // 42 tasks at night: more than the exact search takes (30), so only column generation proves the bound.
    const [, night] = await optimizeFleets([PEAK, NIGHT], TYPES, OPTIONS);
    const [alone] = await optimizeFleets([NIGHT], TYPES, OPTIONS);
    // The night level without searches or further rounds keeps the bound carried from the peak's duals.
    const carried = await optimizeFleets([PEAK, NIGHT], TYPES, {
      ...OPTIONS,
      limits: {
        ...DEFAULT_SOLVE_LIMITS,
        followUpGap: Number.POSITIVE_INFINITY,
        boundGap: Number.POSITIVE_INFINITY,
      },
    });
    const bound = Number(night!.lowerBoundHourlyUsd);
    const lpBound = Number(alone!.lowerBoundHourlyUsd);
    const carriedBound = Number(carried[1]!.lowerBoundHourlyUsd);
    expectValidPlan(night!, NIGHT, TYPES);
    // Checked by hand on this commit: carried $1.971245/h, the night level's own LP bound $2.025349/h.
    expect(carriedBound).toBeLessThan(lpBound * 0.98);
    expect(Number(night!.hourlyUsd)).toBeGreaterThan(carriedBound * 1.02);
    // Both stop within column generation's 0.02 % of the LP optimum.
    expect(Math.abs(bound - lpBound) / lpBound).toBeLessThan(5e-4);
    expect(night!.gap).toBeLessThan(0.02);
    expect(bound).toBeLessThanOrEqual(Number(night!.hourlyUsd));
  });

  it('is run on to its LP bound when the level stops within followUpGap, and its fleet stays the same', async () => {
    // followUpGap ∞: the night level stops after its three rounds from the peak's duals, with no search.
    const stopped = { ...DEFAULT_SOLVE_LIMITS, followUpGap: Number.POSITIVE_INFINITY };
    const [, tightened] = await optimizeFleets([PEAK, NIGHT], TYPES, { ...OPTIONS, limits: stopped });
    const [, carried] = await optimizeFleets([PEAK, NIGHT], TYPES, {
      ...OPTIONS,
      limits: { ...stopped, boundGap: Number.POSITIVE_INFINITY },
    });
    const [alone] = await optimizeFleets([NIGHT], TYPES, OPTIONS);
    expectValidPlan(tightened!, NIGHT, TYPES);
    // The same fleet, node for node: running the bound on comes after the level's last search.
    expect(tightened!.nodes).toEqual(carried!.nodes);
    expect(tightened!.hourlyUsd).toBe(carried!.hourlyUsd);
    // Carried $1.971245/h (the test above); the level's own LP bound $2.025349/h.
    const lpBound = Number(alone!.lowerBoundHourlyUsd);
    expect(Number(carried!.lowerBoundHourlyUsd)).toBeLessThan(lpBound * 0.98);
    expect(Math.abs(Number(tightened!.lowerBoundHourlyUsd) - lpBound) / lpBound).toBeLessThan(5e-4);
    expect(tightened!.gap).toBeLessThan(carried!.gap - 0.02);
  });
});
