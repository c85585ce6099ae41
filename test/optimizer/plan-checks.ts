/** Checks every fleet plan must pass, whatever the method: shared by the optimizer tests. */
import { Decimal } from 'decimal.js';
import { expect } from 'vitest';
import type { FleetPlan, FleetTaskGroup, PricedInstanceType } from '../../src/optimizer/fleet-types.js';

export function expectValidPlan(plan: FleetPlan, tasks: FleetTaskGroup[], types: PricedInstanceType[]): void {
  const byName = new Map(types.map((t) => [t.name, t]));
  const unplaceable = new Set(plan.unplaceable.map((u) => u.service));
  const placed = new Map<string, number>();
  for (const node of plan.nodes) {
    const type = byName.get(node.instanceType);
    expect(type, `node type ${node.instanceType} is a candidate`).toBeDefined();
    let vcpu = 0;
    let memory = 0;
    let gpus = 0;
    let count = 0;
    for (const { service, count: n } of node.tasks) {
      const group = tasks.find((t) => t.service === service)!;
      vcpu += group.vcpu * n;
      memory += group.memoryMiB * n;
      gpus += group.gpus * n;
      count += n;
      placed.set(service, (placed.get(service) ?? 0) + n);
      if (group.architecture !== 'any') expect(type!.architecture).toBe(group.architecture);
    }
    expect(vcpu).toBeLessThanOrEqual(node.capacity.vcpu + 1e-9);
    expect(memory).toBeLessThanOrEqual(node.capacity.memoryMiB);
    expect(gpus).toBeLessThanOrEqual(node.capacity.gpus);
    expect(count).toBeLessThanOrEqual(node.capacity.maxTasks);
    expect(node.usedVcpu).toBeCloseTo(vcpu, 9);
    expect(node.usedMemoryMiB).toBe(memory);
  }
  for (const group of tasks) {
    if (unplaceable.has(group.service)) continue;
    expect(placed.get(group.service) ?? 0, `tasks of ${group.service} placed`).toBe(group.count);
  }
  const hourly = new Decimal(plan.hourlyUsd);
  const fromNodes = plan.nodes.reduce(
    (sum, n) => sum.plus(byName.get(n.instanceType)!.usdPerHour),
    new Decimal(0),
  );
  expect(hourly.equals(fromNodes)).toBe(true);
  const fromLines = plan.byType.reduce(
    (sum, l) => sum.plus(new Decimal(l.usdPerHour).times(l.count)),
    new Decimal(0),
  );
  expect(hourly.equals(fromLines)).toBe(true);
  expect(new Decimal(plan.monthlyUsd).equals(hourly.times(730))).toBe(true);
  expect(new Decimal(plan.lowerBoundHourlyUsd).lte(hourly)).toBe(true);
  expect(plan.gap).toBeGreaterThanOrEqual(0);
}
