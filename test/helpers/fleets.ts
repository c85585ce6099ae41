/** Fleets for tests that check what is built from a fleet apart from the optimizer. */
import type { Fleet } from '../../src/model/cost.js';
import type { FleetPlan } from '../../src/optimizer/fleet-types.js';
import { toMoney } from '../../src/pricing/money.js';
import type { FleetSolver } from '../../src/sizing/ec2-fleet.js';

/** A fleet solver that always returns the same fleet, so instance arithmetic is checked apart from the optimizer. */
export function fixedFleet(type: string, count: number, usdPerHour: string): FleetSolver {
  const hourly = toMoney(usdPerHour).times(count).toString();
  return async () =>
    ({
      nodes: [],
      byType: [{ instanceType: type, count, usdPerHour, hourlyUsd: hourly }],
      hourlyUsd: hourly,
      monthlyUsd: '0',
      lowerBoundHourlyUsd: hourly,
      gap: 0,
      method: 'heuristic',
      optimal: true,
      solveMs: 0,
      unplaceable: [],
      notes: [],
    }) satisfies FleetPlan;
}

/** A sized fleet with the given parts, and no nodes, minutes, prices or gaps beyond them. */
export function fleetWith(parts: Partial<Fleet>): Fleet {
  return {
    peak: [],
    typical: [],
    floor: [],
    ceiling: [],
    placement: [],
    servicePeaks: [],
    serviceTypicals: [],
    resourceCeiling: [],
    instanceMinutesPerWeek: [],
    steadyServices: [],
    steady: [],
    unplaced: [],
    priceReference: null,
    peakHourlyUsd: '0',
    peakLowerBoundHourlyUsd: '0',
    peakGap: 0,
    typicalGap: 0,
    weeklyGap: 0,
    method: 'milp',
    ...parts,
  };
}
