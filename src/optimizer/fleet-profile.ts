/**
 * @module fleet-profile: sizes the fleet for every distinct replica level of a weekly traffic
 * profile, so an autoscaled workload's monthly cost follows the profile instead of its peak.
 */
import { BerthError } from '../errors.js';
import { HOURS_PER_MONTH, sumMoney, toExactString, toMoney } from '../pricing/money.js';
import type { FleetOptions, FleetPlan, FleetTaskGroup, PricedInstanceType } from './fleet-types.js';
import { DEFAULT_TIME_LIMIT_MS, optimizeFleet } from './optimize-fleet.js';

export const HOURS_PER_WEEK = 168;

export interface ProfiledService {
  group: FleetTaskGroup;
  /** Replicas in each hour of a representative week (168 values; fractions round up). */
  replicasByHour: number[];
}

export interface ProfiledFleet {
  /** The fleet when every service is at its own peak at once. */
  peak: FleetPlan;
  /** The fleet when every service is at its median level. */
  typical: FleetPlan;
  /** Instance-hours per type over the week, summed over the hourly fleets. */
  nodeHoursByType: Record<string, number>;
  weeklyUsd: string;
  /** weekly × 730 / 168. */
  monthlyUsd: string;
  /** How many distinct replica levels were sized. */
  levels: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function validate(services: readonly ProfiledService[]): void {
  for (const { group, replicasByHour } of services) {
    if (replicasByHour.length !== HOURS_PER_WEEK) {
      throw new BerthError(
        'INVALID_WORKLOAD',
        `the replica profile of ${group.service} is unusable: it has ${replicasByHour.length} hours, not ${HOURS_PER_WEEK}`,
      );
    }
    if (replicasByHour.some((r) => !Number.isFinite(r) || r < 0)) {
      throw new BerthError(
        'INVALID_WORKLOAD',
        `the replica profile of ${group.service} is unusable: a value is negative or not a number`,
      );
    }
  }
}

/**
 * Runs `optimizeFleet` once per distinct hourly level (identical hours share one solve), plus the
 * peak and typical levels. Time: the peak and typical solves get `timeLimitMs` each; the other
 * levels share three more time limits, at least 100 ms each (past it, each keeps its best fleet).
 */
export async function optimizeFleetForProfile(
  services: ProfiledService[],
  instanceTypes: PricedInstanceType[],
  options: FleetOptions,
): Promise<ProfiledFleet> {
  validate(services);
  const level = (hour: number) => services.map((s) => Math.ceil(s.replicasByHour[hour]! - 1e-9));
  const hourly = Array.from({ length: HOURS_PER_WEEK }, (_, h) => level(h));
  const peakLevel = services.map((s) => Math.ceil(Math.max(...s.replicasByHour) - 1e-9));
  const typicalLevel = services.map((s) => Math.ceil(median(s.replicasByHour) - 1e-9));
  const distinct = new Map<string, number[]>();
  for (const counts of hourly) distinct.set(counts.join(','), counts);
  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const levelLimit = Math.max(100, Math.floor((3 * limit) / Math.max(1, distinct.size)));
  const plans = new Map<string, FleetPlan>();
  const planFor = async (counts: number[], timeLimitMs: number): Promise<FleetPlan> => {
    const key = counts.join(',');
    const cached = plans.get(key);
    if (cached) return cached;
    const groups = services.map((s, i) => ({ ...s.group, count: counts[i]! }));
    const plan = await optimizeFleet(groups, instanceTypes, { ...options, timeLimitMs });
    plans.set(key, plan);
    return plan;
  };
  const peak = await planFor(peakLevel, limit);
  const typical = await planFor(typicalLevel, limit);
  const nodeHoursByType: Record<string, number> = {};
  const costs = [];
  for (const counts of hourly) {
    const plan = await planFor(counts, levelLimit);
    costs.push(toMoney(plan.hourlyUsd));
    for (const line of plan.byType)
      nodeHoursByType[line.instanceType] = (nodeHoursByType[line.instanceType] ?? 0) + line.count;
  }
  const weekly = sumMoney(costs);
  return {
    peak,
    typical,
    nodeHoursByType,
    weeklyUsd: toExactString(weekly),
    monthlyUsd: toExactString(weekly.times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK)),
    levels: distinct.size,
  };
}
