import { describe, expect, it } from 'vitest';
import { gpuModelMatches, normaliseGpuModel } from '../../src/model/gpu-match.js';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import { effectiveCapacity, pruneDominated } from '../../src/optimizer/model/dominance.js';
import { optimizeFleet } from '../../src/optimizer/optimize-fleet.js';
import { shareLowerBound } from '../../src/optimizer/search/lower-bound.js';
import {
  C6I_2XLARGE,
  C6I_4XLARGE,
  C6I_XLARGE,
  C7G_2XLARGE,
  instanceType,
  SMALL_CATALOG,
} from './fixtures.js';

function group(
  service: string,
  count: number,
  vcpu: number,
  gib: number,
  extra: Partial<FleetTaskGroup> = {},
) {
  return {
    service,
    count,
    vcpu,
    memoryMiB: gib * 1024,
    gpus: 0,
    architecture: 'x86_64',
    ...extra,
  } as FleetTaskGroup;
}

describe('fleet-problem', () => {
  it('merges services of one shape into one item; under a two-node spread it adds up their caps', () => {
    const tasks = [group('a', 2, 1, 2), group('b', 3, 1, 2), group('c', 1, 2, 2)];
    const merged = buildFleetProblem(tasks, SMALL_CATALOG, { orchestrator: 'eks' });
    expect(merged.items.map((i) => [i.demand, i.maxPerNode, i.services.length])).toEqual([
      [5, 5, 2],
      [1, 1, 1],
    ]);
    // a may put ceil(2/2) = 1 task on a node, b ceil(3/2) = 2, so their item 3; c ceil(1/2) = 1.
    const spread = buildFleetProblem(tasks, SMALL_CATALOG, { orchestrator: 'eks', minNodes: 2 });
    expect(spread.items.map((i) => [i.demand, i.maxPerNode])).toEqual([
      [5, 3],
      [1, 1],
    ]);
    expect(spread.items[0]!.services).toEqual([
      { service: 'a', count: 2, maxPerNode: 1 },
      { service: 'b', count: 3, maxPerNode: 2 },
    ]);
  });

  it('gives a one-per-node service an item of its own, at most one task on a node', async () => {
    // Three brokers one per node beside three web tasks of the same shape: web keeps the two-node spread's
    // cap, ceil(3 / 2) = 2, and the brokers are not merged with it (their cap of 1 is not ceil(3 / 2)).
    const tasks = [group('broker', 3, 1, 2, { onePerNode: true }), group('web', 3, 1, 2)];
    const problem = buildFleetProblem(tasks, SMALL_CATALOG, { orchestrator: 'eks', minNodes: 2 });
    expect(
      problem.items.map((i) => [i.services.map((s) => s.service).join(), i.demand, i.maxPerNode]),
    ).toEqual([
      ['broker', 3, 1],
      ['web', 3, 2],
    ]);
    // Three brokers alone need three nodes; without the flag the two-node spread puts them on two.
    const apart = await optimizeFleet([tasks[0]!], SMALL_CATALOG, {
      orchestrator: 'eks',
      minNodes: 2,
      useWorker: false,
    });
    expect(apart.nodes.map((n) => n.tasks)).toEqual([
      [{ service: 'broker', count: 1 }],
      [{ service: 'broker', count: 1 }],
      [{ service: 'broker', count: 1 }],
    ]);
    const shared = await optimizeFleet([group('broker', 3, 1, 2)], SMALL_CATALOG, {
      orchestrator: 'eks',
      minNodes: 2,
      useWorker: false,
    });
    expect(shared.nodes).toHaveLength(2);
  });

  it('keeps services apart under a spread wider than two nodes', () => {
    const tasks = [group('a', 2, 1, 2), group('b', 3, 1, 2), group('c', 1, 2, 2)];
    const spread = buildFleetProblem(tasks, SMALL_CATALOG, { orchestrator: 'eks', minNodes: 3 });
    expect(spread.items.map((i) => [i.demand, i.maxPerNode])).toEqual([
      [2, 1],
      [3, 1],
      [1, 1],
    ]);
  });

  it('offers arm64 items Graviton types only, and any-architecture items both', () => {
    const problem = buildFleetProblem(
      [group('arm', 1, 1, 2, { architecture: 'arm64' }), group('any', 1, 1, 4, { architecture: 'any' })],
      [C6I_XLARGE, C7G_2XLARGE],
      { orchestrator: 'eks' },
    );
    const names = (i: number) => problem.types.filter((t) => t.accepts[i]).map((t) => t.name);
    expect(names(0)).toEqual(['c7g.2xlarge']);
    expect(names(1).sort()).toEqual(['c6i.xlarge', 'c7g.2xlarge']);
  });

  it('lowers a spread wider than the task count, with a note', () => {
    const problem = buildFleetProblem([group('a', 2, 1, 2)], SMALL_CATALOG, {
      orchestrator: 'eks',
      minNodes: 3,
    });
    expect(problem.minNodes).toBe(2);
    expect(problem.notes).toContain('spread lowered from 3 to 2 nodes: there are only 2 tasks');
  });

  it('explains an architecture no candidate offers, naming the filters', () => {
    const problem = buildFleetProblem([group('arm', 1, 1, 2, { architecture: 'arm64' })], [C6I_XLARGE], {
      orchestrator: 'eks',
    });
    expect(problem.unplaceable).toEqual([
      {
        service: 'arm',
        reason:
          'no instance type fits one task (1 vCPU, 2048 MiB, arm64): no arm64 type among the candidates (burstable types excluded)',
      },
    ]);
  });

  it('explains a task larger than any node after reserves', () => {
    const problem = buildFleetProblem([group('big', 1, 16, 8)], [C6I_4XLARGE], { orchestrator: 'eks' });
    expect(problem.unplaceable[0]!.reason).toBe(
      'no instance type fits one task (16 vCPU, 8192 MiB, x86_64): the largest candidate node leaves 15.89 vCPU to tasks after kube-reserved, the eviction threshold and daemons',
    );
  });
});

describe('dominance', () => {
  it('drops a type another beats on price and every resource, and keeps incomparable ones', () => {
    // Six 1 vCPU / 2 GiB tasks under EKS: a c6i.xlarge leaves 3.92 vCPU and 6584 MiB (three tasks),
    // a c6i.2xlarge 7.91 vCPU and 14 162 MiB (all six), so both are kept; the dearer c5.2xlarge has the
    // 2xlarge's capacity and goes.
    const pricey = instanceType({ name: 'c5.2xlarge', vcpu: 8, gib: 16, usd: '0.40', maxPodsEks: 58 });
    const problem = buildFleetProblem([group('a', 6, 1, 2)], [C6I_XLARGE, C6I_2XLARGE, pricey], {
      orchestrator: 'eks',
    });
    expect(problem.types.map((t) => t.name).sort()).toEqual(['c6i.2xlarge', 'c6i.xlarge']);
    expect(pruneDominated(problem.types, problem.items)).toHaveLength(2);
  });

  it('counts only the capacity the tasks can use: one small task keeps only the cheapest type that holds it', () => {
    // One 1 vCPU / 2 GiB task uses 1000 millicores and 2048 MiB of either node; the c6i.2xlarge's
    // extra room is of no use to it, so the c6i.xlarge ($0.17 < $0.34) dominates.
    const problem = buildFleetProblem([group('a', 1, 1, 2)], [C6I_XLARGE, C6I_2XLARGE], {
      orchestrator: 'eks',
    });
    expect(problem.types.map((t) => t.name)).toEqual(['c6i.xlarge']);
    expect(effectiveCapacity(problem.types[0]!, problem.items)).toEqual({
      cpu: 1000,
      mem: 2048,
      tasks: 1,
      gpu: 0,
    });
  });

  it('rounds usable capacity down to what whole tasks can fill', () => {
    // Three tasks of 1 vCPU / 2 GiB on a c6i.xlarge (3920 millicores, 6584 MiB after EKS reserves):
    // loads use multiples of 1000 millicores and 2048 MiB, so 3000 and 6144 are usable, and 3 tasks.
    const problem = buildFleetProblem([group('a', 3, 1, 2)], [C6I_XLARGE], { orchestrator: 'eks' });
    expect(problem.types[0]!.cpu).toBe(3920);
    expect(problem.types[0]!.mem).toBe(6584);
    expect(effectiveCapacity(problem.types[0]!, problem.items)).toEqual({
      cpu: 3000,
      mem: 6144,
      tasks: 3,
      gpu: 0,
    });
  });
});

describe('gpu-model', () => {
  it('matches whole words of the model name', () => {
    expect(normaliseGpuModel('NVIDIA A10G')).toBe('nvidia a10g');
    expect(gpuModelMatches('a10g', 'NVIDIA A10G')).toBe(true);
    expect(gpuModelMatches('t4', 'NVIDIA T4G')).toBe(false);
    expect(gpuModelMatches('l4', 'NVIDIA L40S')).toBe(false);
    expect(gpuModelMatches(null, 'anything')).toBe(true);
  });
});

describe('lower-bound', () => {
  it('never exceeds the known optimum, and is positive', () => {
    // Six 2 vCPU / 4 GiB tasks: the optimum is one c6i.4xlarge at 0.65 $/h.
    const problem = buildFleetProblem([group('api', 6, 2, 4)], [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE], {
      orchestrator: 'eks',
    });
    const { bound, duals } = shareLowerBound(problem);
    expect(bound).toBeGreaterThan(0.5);
    expect(bound).toBeLessThanOrEqual(0.65 + 1e-12);
    expect(duals).toHaveLength(1);
  });

  it('counts the spread: three nodes cost at least three of the cheapest type', () => {
    const problem = buildFleetProblem([group('api', 3, 0.25, 0.5)], [C6I_XLARGE, C6I_2XLARGE], {
      orchestrator: 'eks',
      minNodes: 3,
    });
    expect(shareLowerBound(problem).bound).toBeCloseTo(0.51, 12);
  });
});
