/** A fleet solver that always returns the same fleet, so instance arithmetic is checked apart from the optimizer. */
import type { FleetPlan } from '../../src/optimizer/fleet-types.js';
import { toMoney } from '../../src/pricing/money.js';
import type { FleetSolver } from '../../src/sizing/ec2-fleet.js';

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
