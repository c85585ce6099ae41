import { describe, expect, it } from 'vitest';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import { carryColumns, carryDuals, carryFleet } from '../../src/optimizer/model/carry-over.js';
import { findPlacementError } from '../../src/optimizer/model/placement.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE } from './fixtures.js';

const TYPES = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE];
const ECS_BRIDGE = { orchestrator: 'ecs', ecsNetworkMode: 'bridge' } as const;

function group(service: string, count: number, vcpu: number, gib: number): FleetTaskGroup {
  return { service, count, vcpu, memoryMiB: gib * 1024, gpus: 0, architecture: 'x86_64' };
}

describe('carry-over', () => {
  // The busy level: 6 web (1 vCPU) and 4 db (2 vCPU) tasks; the quiet level: 2 web, 3 db, 1 cron.
  const busy = buildFleetProblem([group('web', 6, 1, 1), group('db', 4, 2, 4)], TYPES, ECS_BRIDGE);
  const quiet = buildFleetProblem(
    [group('cron', 1, 0.5, 1), group('web', 2, 1, 1), group('db', 3, 2, 4)],
    TYPES,
    ECS_BRIDGE,
  );
  const index = (problem: typeof busy, name: string) => problem.types.findIndex((t) => t.name === name);
  const item = (problem: typeof busy, vcpu: number) => problem.items.findIndex((i) => i.cpu === vcpu * 1000);

  it('restates a fleet for another level: tasks it lacks removed, tasks it adds left to place', () => {
    const webBusy = item(busy, 1);
    const counts = (web: number, db: number) => {
      const c = [0, 0];
      c[webBusy] = web;
      c[1 - webBusy] = db;
      return c;
    };
    // A 2xlarge with 4 web + 2 db (8 vCPU), and an xlarge with 2 web + 1 db (4 vCPU).
    const nodes = [
      { type: index(busy, 'c6i.2xlarge'), counts: counts(4, 2) },
      { type: index(busy, 'c6i.xlarge'), counts: counts(2, 1) },
    ];
    const carried = carryFleet(busy, quiet, nodes);
    const web = item(quiet, 1);
    const db = item(quiet, 2);
    const cron = item(quiet, 0.5);
    // The quiet level keeps 2 web and 3 db: the first node takes 2 web + 2 db, the second 1 db.
    expect(carried.nodes.map((n) => [n.counts[web], n.counts[db], n.counts[cron]])).toEqual([
      [2, 2, 0],
      [0, 1, 0],
    ]);
    expect(carried.left[cron]).toBe(1);
    expect(carried.left[web]).toBe(0);
    expect(carried.left[db]).toBe(0);
    // Each carried node stays on its type, which still holds it.
    expect(carried.nodes.map((n) => quiet.types[n.type]!.name)).toEqual(['c6i.2xlarge', 'c6i.xlarge']);
    expect(
      findPlacementError(
        { ...quiet, items: quiet.items.map((it, i) => ({ ...it, demand: it.demand - carried.left[i]! })) },
        carried.nodes,
      ),
    ).toBeNull();
  });

  it('restates columns capped at the new demand, and duals by item (0 for a new item)', () => {
    const webBusy = item(busy, 1);
    const column = { type: index(busy, 'c6i.2xlarge'), counts: [0, 0] };
    column.counts[webBusy] = 6;
    const [carried] = carryColumns(busy, quiet, [column]);
    expect(carried!.counts[item(quiet, 1)]).toBe(2);
    const duals = [0, 0];
    duals[webBusy] = 0.04;
    duals[1 - webBusy] = 0.09;
    const restated = carryDuals(busy, quiet, duals);
    expect(restated[item(quiet, 1)]).toBe(0.04);
    expect(restated[item(quiet, 2)]).toBe(0.09);
    expect(restated[item(quiet, 0.5)]).toBe(0);
  });
});
