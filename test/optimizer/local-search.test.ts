import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import { costOf, findPlacementError, type PlacedNode } from '../../src/optimizer/model/placement.js';
import { improveFleet } from '../../src/optimizer/search/local-search.js';
import { SafetyClock } from '../../src/optimizer/search/solve-limits.js';
import { taskShapeArb, toTaskGroups } from './arbitraries.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE, C7G_2XLARGE, instanceType, M6I_4XLARGE } from './fixtures.js';

const TYPES = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE, C7G_2XLARGE];

/** One node per task, each on the type `pick` chooses among those that accept it. */
function oneTaskPerNode(problem: FleetProblem, pick: readonly number[]): PlacedNode[] {
  const nodes: PlacedNode[] = [];
  let draw = 0;
  problem.items.forEach((item, i) => {
    const holders = problem.types.flatMap((type, t) =>
      type.accepts[i] && type.cpu >= item.cpu && type.mem >= item.mem ? [t] : [],
    );
    for (let k = 0; k < item.demand; k++) {
      const counts = problem.items.map((_, j) => (j === i ? 1 : 0));
      nodes.push({ type: holders[pick[draw++ % pick.length]! % holders.length]!, counts });
    }
  });
  return nodes;
}

describe('local search', () => {
  // The pair moves remember, per problem, what a pair of nodes gives (docs/optimizer.md, "Speed without
  // other fleets"). A problem that has already seen other fleets must improve a fleet exactly as a fresh
  // copy of it does, whose memory is empty.
  it('improves a fleet the same way whatever fleets it improved before on the same problem', () => {
    let moved = 0;
    fc.assert(
      fc.property(
        fc.array(taskShapeArb(5), { minLength: 2, maxLength: 4 }),
        fc.array(fc.array(fc.nat(9), { minLength: 1, maxLength: 6 }), { minLength: 3, maxLength: 5 }),
        (groups, picks) => {
          const problem = buildFleetProblem(toTaskGroups(groups), TYPES, {
            orchestrator: 'eks',
            minNodes: 1,
          });
          const fleets = picks.map((pick) => oneTaskPerNode(problem, pick));
          for (const fleet of fleets) {
            const warm = improveFleet(problem, fleet, 400, new SafetyClock());
            const cold = improveFleet({ ...problem }, fleet, 400, new SafetyClock());
            expect(warm).toEqual(cold);
            expect(findPlacementError(problem, warm)).toBeNull();
            expect(costOf(problem, warm)).toBeLessThanOrEqual(costOf(problem, fleet) + 1e-12);
            if (costOf(problem, warm) < costOf(problem, fleet) - 1e-9) moved += 1;
          }
        },
      ),
      { numRuns: 60, seed: 20261202 },
    );
    // The fleets start one task a node, so most get cheaper: the moves did run.
    expect(moved).toBeGreaterThan(100);
  });

  it('re-packs a pair whose loads it has seen before on cheaper types', () => {
    // Six 1.5 vCPU tasks and one of 12 vCPU on at least three nodes: at most 2 of the small ones a node,
    // and with three nodes no merge or evacuation, only the pair re-pack. The problem keeps c6i.large
    // ($0.085, one small task), c6i.xlarge ($0.17, two) and c6i.4xlarge ($0.65, the only one for the large task).
    const tasks: FleetTaskGroup[] = [
      { service: 'api', count: 6, vcpu: 1.5, memoryMiB: 1024, gpus: 0, architecture: 'x86_64' },
      { service: 'big', count: 1, vcpu: 12, memoryMiB: 4096, gpus: 0, architecture: 'x86_64' },
    ];
    const types = [
      instanceType({ name: 'c6i.large', vcpu: 2, gib: 4, usd: '0.085' }),
      C6I_XLARGE,
      C6I_4XLARGE,
    ];
    const problem = buildFleetProblem(tasks, types, { orchestrator: 'ecs', minNodes: 3 });
    expect(problem.types.map((t) => t.name)).toEqual(['c6i.large', 'c6i.xlarge', 'c6i.4xlarge']);
    const type = (name: string) => problem.types.findIndex((t) => t.name === name);
    const names = (nodes: PlacedNode[]) =>
      nodes.map((n) => `${problem.types[n.type]!.name} ${n.counts.join('+')}`);
    const large = { type: type('c6i.4xlarge'), counts: [2, 1] };
    const two = (name: string) => ({ type: type(name), counts: [2, 0] });
    // Two c6i.xlarge of two small tasks each: re-packing them (two c6i.xlarge again) saves nothing.
    const cheap = [large, two('c6i.xlarge'), two('c6i.xlarge')];
    expect(names(improveFleet(problem, cheap, 400, new SafetyClock()))).toEqual(names(cheap));
    // The same loads with one of them on a c6i.4xlarge: the same re-pack now saves $0.65 − $0.17 = $0.48.
    const dear = [large, two('c6i.4xlarge'), two('c6i.xlarge')];
    const improved = improveFleet(problem, dear, 400, new SafetyClock());
    expect(names(improved)).toEqual(['c6i.4xlarge 2+1', 'c6i.xlarge 2+0', 'c6i.xlarge 2+0']);
    expect(costOf(problem, dear) - costOf(problem, improved)).toBeCloseTo(0.48, 9);
  });
});
