import { describe, expect, it } from 'vitest';
import type { FleetOptions, FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import { costOf, findPlacementError } from '../../src/optimizer/model/placement.js';
import { optimizeFleet } from '../../src/optimizer/optimize-fleet.js';
import { ColumnFinder } from '../../src/optimizer/search/column-finder.js';
import { generateColumns, singletonPatterns } from '../../src/optimizer/search/column-generation.js';
import { CoveringMaster } from '../../src/optimizer/search/covering-master.js';
import { shareLowerBound } from '../../src/optimizer/search/lower-bound.js';
import { SafetyClock } from '../../src/optimizer/search/solve-limits.js';
import { lcg } from '../helpers/random.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE, C7G_2XLARGE, M6I_4XLARGE, T3_2XLARGE } from './fixtures.js';
import { fleetOptimum } from './highs-oracle.js';

/**
 * The generator of `seed`'s problem. The seed is multiplied out first: from consecutive small seeds an
 * LCG's first draws barely differ (every seed got one service).
 */
function random(seed: number): () => number {
  return lcg(Math.imul(seed ^ 0x9e3779b9, 2654435761));
}

const TYPES = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE, C7G_2XLARGE, T3_2XLARGE];
const SHAPES: [number, number][] = [
  [0.25, 0.5],
  [0.5, 1],
  [1, 2],
  [1, 4],
  [1.5, 1],
  [2, 4],
  [2, 8],
  [3, 6],
  [4, 16],
];

/**
 * 1–4 services of 1–`maxCount` tasks each, x86 or either architecture, on ECS or EKS, with or without a
 * spread.
 */
function randomProblem(seed: number, maxCount: number): { tasks: FleetTaskGroup[]; options: FleetOptions } {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const tasks = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, s): FleetTaskGroup => {
    const [vcpu, gib] = pick(SHAPES);
    return {
      service: `svc-${s}`,
      count: 1 + Math.floor(next() * maxCount),
      vcpu,
      memoryMiB: gib * 1024,
      gpus: 0,
      architecture: pick(['x86_64', 'any'] as const),
    };
  });
  const options: FleetOptions = {
    orchestrator: pick(['ecs', 'eks'] as const),
    ecsNetworkMode: 'bridge',
    minNodes: pick([1, 1, 2]),
    useWorker: false,
  };
  return { tasks, options };
}

/** The LP bound after `rounds` rounds of column generation (Farley's bound until it converges). */
function lpBound(problem: FleetProblem, rounds: number): number {
  const master = new CoveringMaster(problem);
  master.addAll(singletonPatterns(problem));
  const limits = { maxRounds: rounds, proveAfter: rounds };
  return generateColumns(master, new ColumnFinder(problem), limits, new SafetyClock()).lowerBound;
}

describe('fleets and bounds against the proven optimum (HiGHS on a compact integer program)', () => {
  it('agrees with a fleet worked out by hand', async () => {
    // 33 tasks of 1.6 vCPU on c6i.xlarge ($0.17/h, 4 vCPU): two fit on a node, so 17 nodes, $2.89/h.
    const tasks: FleetTaskGroup[] = [
      { service: 'api', count: 33, vcpu: 1.6, memoryMiB: 1024, gpus: 0, architecture: 'x86_64' },
    ];
    const problem = buildFleetProblem(tasks, [C6I_XLARGE], { orchestrator: 'ecs', ecsNetworkMode: 'bridge' });
    const optimum = await fleetOptimum(problem, 3);
    expect(optimum.status).toBe('optimal');
    expect(optimum.cost).toBeCloseTo(2.89, 9);
    expect(optimum.nodes).toHaveLength(17);
    expect(findPlacementError(problem, optimum.nodes!)).toBeNull();
    expect((await fleetOptimum(problem, 2.88)).status).toBe('none under the cap');
  });

  it('finds no fleet below any bound Berth proves, and the optimum wherever Berth proves its fleet optimal', async () => {
    const seen = { proven: 0, boundBelow: 0 };
    for (const [seeds, maxCount] of [
      [[1, 24], 8],
      [[101, 112], 16],
      [[201, 208], 30],
    ] as const) {
      for (let seed = seeds[0]; seed <= seeds[1]; seed++) {
        const { tasks, options } = randomProblem(seed, maxCount);
        const plan = await optimizeFleet(tasks, TYPES, options);
        const problem = buildFleetProblem(tasks, TYPES, options);
        const cost = Number(plan.hourlyUsd);
        const optimum = await fleetOptimum(problem, cost + 1e-6);
        const label = `seed ${seed}: ${JSON.stringify(tasks.map((t) => [t.count, t.vcpu, t.memoryMiB, t.architecture]))}`;
        expect(optimum.status, label).toBe('optimal');
        const best = optimum.cost!;
        expect(findPlacementError(problem, optimum.nodes!), label).toBeNull();
        expect(costOf(problem, optimum.nodes!), label).toBeCloseTo(best, 9);
        // Berth's fleet is one HiGHS could have chosen.
        expect(best, label).toBeLessThanOrEqual(cost + 1e-9);
        // Every bound Berth proves, uncapped by its fleet's cost, holds against the true optimum.
        expect(Number(plan.lowerBoundHourlyUsd), label).toBeLessThanOrEqual(best + 1e-9);
        expect(shareLowerBound(problem).bound, label).toBeLessThanOrEqual(best + 1e-9);
        expect(lpBound(problem, 2), label).toBeLessThanOrEqual(best + 1e-9);
        const lp = lpBound(problem, 200);
        expect(lp, label).toBeLessThanOrEqual(best + 1e-9);
        // Implied by the plan's bound above (a gap of 0 puts it at the cost); kept to name the failure.
        if (plan.gap === 0) {
          seen.proven += 1;
          expect(cost, label).toBeCloseTo(best, 6);
        }
        if (lp < best - 1e-6) seen.boundBelow += 1;
      }
    }
    // The sample is not easy: it holds fleets proven optimal and LP bounds below the optimum. (It also
    // holds fleets above the optimum, seeds 104 and 203 on 2026-12-01, where a false proof would show;
    // not asserted, since a better search may close them.)
    expect(seen.proven).toBeGreaterThan(0);
    expect(seen.boundBelow).toBeGreaterThan(0);
  }, 120_000);
});
