/** @module plan-report: turns solver nodes into the reported plan, with exact money. */
import { Decimal } from 'decimal.js';
import { HOURS_PER_MONTH, type Money, sumMoney, toExactString, toMoney } from '../../pricing/money.js';
import type { FleetNode, FleetPlan, FleetTypeLine } from '../fleet-types.js';
import type { FleetProblem } from './integer-model.js';
import { mapPacked } from './lists.js';
import type { PlacedNode } from './placement.js';
import { splitServices } from './split-services.js';

export interface PlanMeta {
  /** Lower bound in USD per hour from the solver (a float); the gap is infinite when it is 0 and the cost is not. */
  lowerBound: number;
  method: 'milp' | 'heuristic';
  solveMs: number;
  notes: string[];
  stoppedBy?: 'safety-time-limit' | null;
}

/** Relative tolerance under which a plan counts as proven optimal (HiGHS' default mip_rel_gap is 1e-4). */
export const OPTIMAL_GAP = 1e-4;

/** How every fleet's note on its method starts (optimize-fleet.ts, methodNote). */
export const METHOD_NOTE_PREFIX = 'method: ';

/** A method note's start, with the labels callers add in brackets ("method (GPU nodes): "). */
const METHOD_NOTE_START = /^method(?: \(([^)]*)\))?: /;

/**
 * A method note with `label` put first among its labels: "method: …" becomes "method (peak fleet): …" and
 * "method (GPU nodes): …" becomes "method (peak fleet, GPU nodes): …". Other notes are returned as they are.
 */
export function labelMethodNote(note: string, label: string): string {
  const start = METHOD_NOTE_START.exec(note);
  if (start === null) return note;
  const labels = start[1] === undefined ? label : `${label}, ${start[1]}`;
  return `method (${labels}): ${note.slice(start[0].length)}`;
}

/** (cost − lower bound) / lower bound: 0 when both are 0, infinite when only the bound is. */
export function gapToBound(cost: Money, bound: Money): number {
  if (!bound.isZero()) return cost.minus(bound).dividedBy(bound).toNumber();
  return cost.isZero() ? 0 : Number.POSITIVE_INFINITY;
}

/** Splits each node's item counts back into services, each within its own cap per node. */
function nodeTasks(
  problem: FleetProblem,
  nodes: readonly PlacedNode[],
): { service: string; count: number }[][] {
  const byNode = mapPacked(nodes, () => new Map<string, number>());
  problem.items.forEach((item, i) => {
    const split = splitServices(
      mapPacked(nodes, (node) => node.counts[i] ?? 0),
      item.services,
    );
    split.forEach((row, n) => {
      row.forEach((count, s) => {
        if (count === 0) return;
        const service = item.services[s]!.service;
        byNode[n]!.set(service, (byNode[n]!.get(service) ?? 0) + count);
      });
    });
  });
  return mapPacked(byNode, (tasks) => mapPacked([...tasks], ([service, count]) => ({ service, count })));
}

/**
 * A lower bound computed in floating point, made safe for exact money: rounded down to a micro-dollar
 * after a relative allowance for float error, and never above the plan's own cost. A bound within
 * that float tolerance of the cost proves the plan optimal, so it is reported equal to the cost.
 */
function safeLowerBound(bound: number, cost: Money): Money {
  if (bound >= cost.toNumber() * (1 - 1e-9)) return cost;
  const guarded = Math.max(0, bound * (1 - 1e-9) - 1e-9);
  const lb = new Decimal(guarded.toFixed(9)).toDecimalPlaces(6, Decimal.ROUND_DOWN);
  return Decimal.min(lb, cost);
}

export function toFleetPlan(problem: FleetProblem, nodes: readonly PlacedNode[], meta: PlanMeta): FleetPlan {
  const sorted = [...nodes].sort(
    (a, b) => problem.types[a.type]!.name.localeCompare(problem.types[b.type]!.name) || a.type - b.type,
  );
  const tasks = nodeTasks(problem, sorted);
  const fleetNodes: FleetNode[] = mapPacked(sorted, (node, n) => {
    const type = problem.types[node.type]!;
    let cpu = 0;
    let mem = 0;
    node.counts.forEach((c, i) => {
      cpu += c * problem.items[i]!.cpu;
      mem += c * problem.items[i]!.mem;
    });
    return {
      instanceType: type.name,
      tasks: tasks[n]!,
      usedVcpu: cpu / 1000,
      usedMemoryMiB: mem,
      capacity: type.capacity,
    };
  });
  const counts = new Map<number, number>();
  for (const node of sorted) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  const byType: FleetTypeLine[] = mapPacked([...counts], ([t, count]) => {
    const type = problem.types[t]!;
    return {
      instanceType: type.name,
      count,
      usdPerHour: type.usdPerHour,
      hourlyUsd: toExactString(toMoney(type.usdPerHour).times(count)),
    };
  });
  const hourly = sumMoney(mapPacked(byType, (line) => toMoney(line.hourlyUsd)));
  const lb = safeLowerBound(meta.lowerBound, hourly);
  const gap = gapToBound(hourly, lb);
  return {
    nodes: fleetNodes,
    byType,
    hourlyUsd: toExactString(hourly),
    monthlyUsd: toExactString(hourly.times(HOURS_PER_MONTH)),
    lowerBoundHourlyUsd: toExactString(lb),
    gap,
    method: meta.method,
    optimal: gap <= OPTIMAL_GAP,
    solveMs: meta.solveMs,
    ...(meta.stoppedBy ? { stoppedBy: meta.stoppedBy } : {}),
    unplaceable: problem.unplaceable,
    notes: [...problem.notes, ...meta.notes],
  };
}
