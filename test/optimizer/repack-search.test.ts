import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import { costOf, findPlacementError, type PlacedNode } from '../../src/optimizer/model/placement.js';
import { solveHeuristic } from '../../src/optimizer/search/heuristic.js';
import { repackSearch } from '../../src/optimizer/search/repack-search.js';
import { taskShapeArb } from './arbitraries.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE, C7G_2XLARGE, instanceType, M6I_4XLARGE } from './fixtures.js';

const MANY_ROUNDS = 10_000;

function group(service: string, count: number, vcpu: number, gib: number, architecture = 'x86_64') {
  return { service, count, vcpu, memoryMiB: gib * 1024, gpus: 0, architecture } as FleetTaskGroup;
}

describe('repackSearch', () => {
  it('re-packs six 2 vCPU tasks, one per c6i.xlarge, onto the one c6i.4xlarge that is cheapest', () => {
    const problem = buildFleetProblem([group('web', 6, 2, 4)], [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE], {
      orchestrator: 'eks',
    });
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    // By hand: after EKS reservations an xlarge holds one such task ($0.17 each), a 2xlarge three
    // ($0.34) and a 4xlarge all six ($0.65 < 2 × $0.34), so $0.65 is the optimum from $1.02.
    const start: PlacedNode[] = Array.from({ length: 6 }, () => ({ type: type('c6i.xlarge'), counts: [1] }));
    expect(costOf(problem, start)).toBeCloseTo(1.02, 9);
    const result = repackSearch(problem, start, [0.65 / 6], { maxRounds: MANY_ROUNDS, stallRounds: 200 });
    expect(findPlacementError(problem, result.nodes)).toBeNull();
    expect(result.nodes.map((n) => problem.types[n.type]!.name)).toEqual(['c6i.4xlarge']);
    expect(costOf(problem, result.nodes)).toBeCloseTo(0.65, 9);
    expect(result.improvements).toBeGreaterThan(0);
  });

  it('keeps the spread: at least the minimum of nodes, at most its share of a service on each', () => {
    // Six 1 vCPU / 2 GiB tasks over at least three nodes, at most two a node. Under EKS a c6i.large
    // (1.93 vCPU, 3114 MiB) holds one for $0.12; a c6i.xlarge (3.92 vCPU, 6584 MiB) three, capped at
    // two, for $0.17. So three xlarge at $0.51 is the optimum, from six large at $0.72.
    const large = instanceType({ name: 'c6i.large', vcpu: 2, gib: 4, usd: '0.12', maxPodsEks: 29 });
    const problem = buildFleetProblem([group('web', 6, 1, 2)], [large, C6I_XLARGE], {
      orchestrator: 'eks',
      minNodes: 3,
    });
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const start: PlacedNode[] = Array.from({ length: 6 }, () => ({ type: type('c6i.large'), counts: [1] }));
    expect(costOf(problem, start)).toBeCloseTo(0.72, 9);
    const result = repackSearch(problem, start, [0.085], { maxRounds: MANY_ROUNDS, stallRounds: 200 });
    expect(findPlacementError(problem, result.nodes)).toBeNull();
    expect(costOf(problem, result.nodes)).toBeCloseTo(0.51, 9);
    expect(result.nodes.length).toBeGreaterThanOrEqual(3);
    for (const node of result.nodes) expect(node.counts[0]).toBeLessThanOrEqual(2);
  });

  it('stops after the given number of rounds, and after the given number without a saving', () => {
    const problem = buildFleetProblem([group('web', 6, 2, 4)], [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE], {
      orchestrator: 'eks',
      minNodes: 3,
    });
    const xlarge = problem.types.findIndex((t) => t.name === 'c6i.xlarge');
    // Already optimal (see above), so no round can save anything.
    const start: PlacedNode[] = Array.from({ length: 6 }, () => ({ type: xlarge, counts: [1] }));
    expect(repackSearch(problem, start, [0.17], { maxRounds: 0, stallRounds: 50 }).rounds).toBe(0);
    const stalled = repackSearch(problem, start, [0.17], { maxRounds: MANY_ROUNDS, stallRounds: 7 });
    expect(stalled).toMatchObject({ rounds: 7, improvements: 0 });
    expect(stalled.nodes).toEqual(start);
  });

  it('re-packs onto a type priced at $0, which a price source may report', () => {
    // Less memory than an xlarge, so neither type dominates the other; after EKS reservations the free
    // type holds two of these tasks (by memory), so two free nodes hold all three at $0.
    const free = instanceType({ name: 'c6i.free', vcpu: 8, gib: 6, usd: '0' });
    const problem = buildFleetProblem([group('web', 3, 2, 2)], [C6I_XLARGE, free], { orchestrator: 'eks' });
    const xlarge = problem.types.findIndex((t) => t.name === 'c6i.xlarge');
    const start: PlacedNode[] = Array.from({ length: 3 }, () => ({ type: xlarge, counts: [1] }));
    const result = repackSearch(problem, start, [0.17], { maxRounds: MANY_ROUNDS, stallRounds: 50 });
    expect(findPlacementError(problem, result.nodes)).toBeNull();
    expect(costOf(problem, result.nodes)).toBe(0);
    expect(result.nodes.map((n) => [problem.types[n.type]!.name, n.counts[0]]).sort()).toEqual([
      ['c6i.free', 1],
      ['c6i.free', 2],
    ]);
  });

  it('never raises the cost, keeps every task placed and is deterministic for a seed', () => {
    const types = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE, C7G_2XLARGE];
    fc.assert(
      fc.property(
        fc.array(taskShapeArb(6), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(),
        (groups, minNodes, seed) => {
          const tasks = groups.map((g, i) => group(`s${i}`, g.count, g.vcpu, g.gib, g.architecture));
          const problem = buildFleetProblem(tasks, types, { orchestrator: 'eks', minNodes });
          const { nodes, duals } = solveHeuristic(problem);
          const options = { maxRounds: MANY_ROUNDS, stallRounds: 30, seed };
          const result = repackSearch(problem, nodes, duals, options);
          expect(findPlacementError(problem, result.nodes)).toBeNull();
          expect(costOf(problem, result.nodes)).toBeLessThanOrEqual(costOf(problem, nodes) + 1e-9);
          expect(repackSearch(problem, nodes, duals, options).nodes).toEqual(result.nodes);
        },
      ),
      { numRuns: 150 },
    );
  });
});
