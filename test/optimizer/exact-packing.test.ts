import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { enumerateLoads } from '../../src/optimizer/knapsack/enumerate-loads.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import { costOf, findPlacementError, type PlacedNode } from '../../src/optimizer/model/placement.js';
import { optimizeFleet } from '../../src/optimizer/optimize-fleet.js';
import { knapsackItems } from '../../src/optimizer/search/column-finder.js';
import type { DualProof } from '../../src/optimizer/search/column-generation.js';
import {
  packExactly,
  packFromColumns,
  rootFallsShort,
  spreadIsImplied,
} from '../../src/optimizer/search/exact-packing.js';
import { repackExactly } from '../../src/optimizer/search/exact-repack.js';
import { shareLowerBound } from '../../src/optimizer/search/lower-bound.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE } from './fixtures.js';

const TYPES = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE];
const ECS_BRIDGE = { orchestrator: 'ecs', ecsNetworkMode: 'bridge' } as const;

function group(service: string, count: number, vcpu: number, gib: number): FleetTaskGroup {
  return { service, count, vcpu, memoryMiB: gib * 1024, gpus: 0, architecture: 'x86_64' };
}

/**
 * Seven 1.5 vCPU / 1 GiB tasks on ECS in bridge mode, where a node keeps all its vCPUs: a c6i.xlarge
 * ($0.17, 4 vCPU) holds 2, a c6i.2xlarge ($0.34, 8 vCPU) 5, a c6i.4xlarge ($0.65, 16 vCPU) all 7.
 * By hand: 2xlarge + xlarge = $0.51 holds 5 + 2; nothing cheaper does (4 xlarge $0.68, 4xlarge $0.65,
 * two 2xlarge $0.68). The LP bound is 7 × $0.34/5 = $0.476: only an exact search proves $0.51.
 */
function sevenTasks() {
  return buildFleetProblem([group('api', 7, 1.5, 1)], TYPES, ECS_BRIDGE);
}

function shareProof(problem: ReturnType<typeof sevenTasks>): DualProof {
  const { duals } = shareLowerBound(problem);
  return { duals, mu: 0, bound: problem.items.reduce((sum, item, i) => sum + item.demand * duals[i]!, 0) };
}

describe('exact-packing', () => {
  it('finds the optimum the LP bound cannot prove, and proves it', () => {
    const problem = sevenTasks();
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const fourXlarge: PlacedNode[] = [2, 2, 2, 1].map((n) => ({ type: type('c6i.xlarge'), counts: [n] }));
    expect(costOf(problem, fourXlarge)).toBeCloseTo(0.68, 9);
    const exact = packExactly(problem, shareProof(problem), 0.68, 10_000)!;
    expect(exact.complete).toBe(true);
    expect(exact.cost).toBeCloseTo(0.51, 9);
    expect(findPlacementError(problem, exact.nodes!)).toBeNull();
    expect(exact.nodes!.map((n) => [problem.types[n.type]!.name, n.counts[0]]).sort()).toEqual([
      ['c6i.2xlarge', 5],
      ['c6i.xlarge', 2],
    ]);
    // Started from the optimum, it finds nothing cheaper, and says the search finished.
    const proven = packExactly(problem, shareProof(problem), 0.51, 10_000)!;
    expect(proven).toMatchObject({ nodes: null, complete: true });
    expect(proven.cost).toBeCloseTo(0.51, 9);
  });

  it('proves nothing when its work limit stops it', () => {
    const problem = sevenTasks();
    expect(packExactly(problem, shareProof(problem), 0.68, 1)?.complete).toBe(false);
  });

  it('declines a spread that no task cap implies, and accepts one that a cap does', () => {
    const loose = buildFleetProblem([group('a', 1, 1, 1), group('b', 1, 1, 1)], TYPES, {
      ...ECS_BRIDGE,
      minNodes: 2,
    });
    expect(spreadIsImplied(loose)).toBe(false);
    expect(packExactly(loose, shareProof(loose), 1, 1000)).toBeNull();
    // Four tasks of one service over two nodes: at most two a node, so two nodes at least.
    const capped = buildFleetProblem([group('a', 4, 1, 1)], TYPES, { ...ECS_BRIDGE, minNodes: 2 });
    expect(spreadIsImplied(capped)).toBe(true);
  });

  it('combines given loads into the cheapest fleet they allow', () => {
    const problem = sevenTasks();
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const columns: PlacedNode[] = [
      { type: type('c6i.xlarge'), counts: [2] },
      { type: type('c6i.2xlarge'), counts: [5] },
    ];
    const found = packFromColumns(problem, shareProof(problem), 0.68, 1000, columns)!;
    expect(found.cost).toBeCloseTo(0.51, 9);
    expect(findPlacementError(problem, found.nodes!)).toBeNull();
  });

  it('combines columns in passes of growing departures, and a pass that cut nothing proves its answer', () => {
    const problem = sevenTasks();
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const columns: PlacedNode[] = [
      { type: type('c6i.xlarge'), counts: [2] },
      { type: type('c6i.2xlarge'), counts: [5] },
      { type: type('c6i.4xlarge'), counts: [7] },
    ];
    // By hand (see sevenTasks): $0.51 is the best these columns allow, so a finished search ends there.
    const found = packFromColumns(problem, shareProof(problem), 0.68, 10_000, columns)!;
    expect(found.complete).toBe(true);
    expect(found.cost).toBeCloseTo(0.51, 9);
    // One unit of work lists the first step only: the search stops unfinished, with no fleet.
    expect(packFromColumns(problem, shareProof(problem), 0.68, 1, columns)).toMatchObject({
      nodes: null,
      complete: false,
    });
  });

  it('tries first the column that wastes least per dollar, not the one of least reduced cost', () => {
    const problem = sevenTasks();
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const columns: PlacedNode[] = [
      { type: type('c6i.xlarge'), counts: [2] },
      { type: type('c6i.2xlarge'), counts: [5] },
    ];
    // Worked by hand, at a dual of $0.05 a task (feasible: a c6i.xlarge holds 2, a c6i.2xlarge 5, a
    // c6i.4xlarge 7, all worth less than their prices; bound 7 × 0.05 = $0.35):
    // c6i.xlarge[2] has reduced cost 0.17 − 0.10 = 0.07, 41 % of its price; c6i.2xlarge[5] 0.34 − 0.25 =
    // 0.09, 26 %. By reduced cost the search would try xlarge nodes first (4 of them, $0.68, in 13
    // units of work); by reduced cost per dollar it tries the 2xlarge, then an xlarge for the 2 tasks
    // left: $0.51 in 7 units (3 steps, and 2 listings of 2 columns).
    const proof: DualProof = { duals: [0.05], mu: 0, bound: 0.35 };
    const found = packFromColumns(problem, proof, 1, 8, columns)!;
    expect(found.complete).toBe(false);
    expect(found.cost).toBeCloseTo(0.51, 9);
    expect(found.nodes!.map((node) => problem.types[node.type]!.name).sort()).toEqual([
      'c6i.2xlarge',
      'c6i.xlarge',
    ]);
    expect(findPlacementError(problem, found.nodes!)).toBeNull();
  });

  it('re-packs freed nodes exactly and never raises the cost', () => {
    const problem = sevenTasks();
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const start: PlacedNode[] = [2, 2, 2, 1].map((n) => ({ type: type('c6i.xlarge'), counts: [n] }));
    const result = repackExactly(problem, start, shareProof(problem), { rounds: 20, freed: 4, work: 5000 });
    expect(findPlacementError(problem, result.nodes)).toBeNull();
    expect(costOf(problem, result.nodes)).toBeCloseTo(0.51, 9);
    expect(result.improvements).toBeGreaterThan(0);
  });

  it('lets optimizeFleet report the optimum as proven, not 7 % above the LP bound', async () => {
    const plan = await optimizeFleet([group('api', 7, 1.5, 1)], TYPES, { ...ECS_BRIDGE, useWorker: false });
    expect(plan.hourlyUsd).toBe('0.51');
    expect(plan.lowerBoundHourlyUsd).toBe('0.51');
    expect(plan.optimal).toBe(true);
  });
});

describe('rootFallsShort: the listings the exact search settles without building them', () => {
  /** Three services on ECS in bridge mode, where a c6i.xlarge keeps its 4 vCPU and 8 GiB. */
  function threeServices() {
    return buildFleetProblem(
      [group('api', 6, 1.5, 1), group('web', 4, 1, 3), group('job', 3, 0.5, 0.5)],
      TYPES,
      ECS_BRIDGE,
    );
  }

  it('agrees with a value worked out by hand', () => {
    const problem = threeServices();
    const xlarge = problem.types.find((type) => type.name === 'c6i.xlarge')!;
    const api = problem.items.findIndex((item) => item.cpu === 1500);
    const left = problem.items.map((_, i) => (i === api ? 6 : 0));
    const duals = problem.items.map((_, i) => (i === api ? 0.05 : 0));
    // Only api tasks are left: 1.5 vCPU each, so a 4-vCPU node holds 2, worth $0.10 at $0.05 a task.
    // The quick bound is 4 vCPU × $0.05/1.5 vCPU = $0.1333: a load worth $0.14 is out of reach.
    expect(rootFallsShort(problem, xlarge, api, left, duals, 0.14)).toBe(true);
    // $0.12 is within the quick bound, though no load reaches it: the listing must say so.
    expect(rootFallsShort(problem, xlarge, api, left, duals, 0.12)).toBe(false);
  });

  it('leaves to the listing a type the required item does not fit (the listing counts no node then)', () => {
    const problem = buildFleetProblem([group('api', 2, 1.5, 1), group('big', 1, 6, 4)], TYPES, ECS_BRIDGE);
    const xlarge = problem.types.find((type) => type.name === 'c6i.xlarge')!;
    const big = problem.items.findIndex((item) => item.cpu === 6000);
    const left = problem.items.map(() => 1);
    const duals = problem.items.map(() => 0.01);
    // 6 vCPU does not fit a 4-vCPU c6i.xlarge, though no load of it could be worth $1 either.
    expect(rootFallsShort(problem, xlarge, big, left, duals, 1)).toBe(false);
    const items = knapsackItems(problem, [0, 1], duals, () => 1);
    expect(enumerateLoads(items, xlarge, 1, { maxLoads: 10, maxNodes: 10, required: big }).nodes).toBe(0);
  });

  it('is true only where the listing stops at its root with no load', () => {
    const problem = threeServices();
    const n = problem.items.length;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: problem.types.length - 1 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
        fc.array(fc.double({ min: -0.05, max: 0.3, noNaN: true }), { minLength: n, maxLength: n }),
        fc.double({ min: -0.1, max: 0.8, noNaN: true }),
        (t, left, duals, minValue) => {
          const type = problem.types[t]!;
          const usable = type.items.filter((i) => left[i]! > 0);
          if (usable.length === 0 || !rootFallsShort(problem, type, usable[0]!, left, duals, minValue))
            return;
          const items = knapsackItems(problem, usable, duals, (i) =>
            Math.min(problem.items[i]!.maxPerNode, left[i]!),
          );
          const listed = enumerateLoads(items, type, minValue, {
            maxLoads: Number.MAX_SAFE_INTEGER,
            maxNodes: Number.MAX_SAFE_INTEGER,
            required: 0,
          });
          expect({ nodes: listed.nodes, loads: listed.loads.length }).toEqual({ nodes: 1, loads: 0 });
        },
      ),
      { numRuns: 3000, seed: 20261201 },
    );
  });
});
