import { describe, expect, it } from 'vitest';
import {
  admits,
  buildKarpenterProblem,
  EXAMPLE_NODEPOOL_CPUS,
  instanceLabels,
  RECOMMENDED_NODEPOOLS,
  withInstanceCpus,
} from '../../../bench/karpenter/nodepools.js';
import type { FleetTaskGroup } from '../../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../../src/optimizer/model/build-model.js';
import { C6I_2XLARGE, C6I_XLARGE, C7G_2XLARGE, instanceType } from '../../optimizer/fixtures.js';

const GENERAL = RECOMMENDED_NODEPOOLS[0]!;
const GPU = RECOMMENDED_NODEPOOLS[1]!;
const SIZED = withInstanceCpus(RECOMMENDED_NODEPOOLS, EXAMPLE_NODEPOOL_CPUS)[0]!;

const M3_LARGE = instanceType({ name: 'm3.large', vcpu: 2, gib: 7.5, usd: '0.133' });
const M1_LARGE = instanceType({ name: 'm1.large', vcpu: 2, gib: 7.5, usd: '0.175' });
const X2IEDN_XLARGE = instanceType({ name: 'x2iedn.xlarge', vcpu: 4, gib: 128, usd: '0.8337' });
const M7I_12XLARGE = instanceType({ name: 'm7i.12xlarge', vcpu: 48, gib: 192, usd: '2.4192' });
/** Priced below c6i.2xlarge on purpose: Berth may use it, the general NodePool may not. */
const A1_2XLARGE = instanceType({
  name: 'a1.2xlarge',
  vcpu: 8,
  gib: 16,
  usd: '0.204',
  architecture: 'arm64',
});
const G4DN_XLARGE = instanceType({
  name: 'g4dn.xlarge',
  vcpu: 4,
  gib: 16,
  usd: '0.526',
  gpuCount: 1,
  gpuModel: 'T4',
});

const group = (service: string, vcpu: number, gpus = 0): FleetTaskGroup => ({
  service,
  count: 2,
  vcpu,
  memoryMiB: 2048,
  gpus,
  architecture: 'any',
});

describe('Karpenter NodePools', () => {
  it('reads category and generation labels from the family name', () => {
    expect(instanceLabels('m7i')).toEqual({ category: 'm', generation: 7 });
    expect(instanceLabels('c6gn')).toEqual({ category: 'c', generation: 6 });
    expect(instanceLabels('x2iedn')).toEqual({ category: 'x', generation: 2 });
    expect(instanceLabels('inf2')).toEqual({ category: 'inf', generation: 2 });
    expect(instanceLabels('u-6tb1')).toBeNull();
  });

  it('admits c, m and r of generation 3 and later, and sizes the example lists', () => {
    expect(admits(GENERAL, C6I_XLARGE)).toBe(true);
    expect(admits(GENERAL, M3_LARGE)).toBe(true);
    expect(admits(GENERAL, M1_LARGE)).toBe(false);
    expect(admits(GENERAL, X2IEDN_XLARGE)).toBe(false);
    expect(admits(GENERAL, A1_2XLARGE)).toBe(false);
    expect(admits(GENERAL, G4DN_XLARGE)).toBe(false);
    expect(admits(GPU, G4DN_XLARGE)).toBe(true);
    expect(admits(SIZED, C6I_XLARGE)).toBe(true);
    expect(admits(SIZED, M3_LARGE)).toBe(false);
    expect(admits(SIZED, M7I_12XLARGE)).toBe(false);
  });

  it('keeps Berth’s items and capacities, over the NodePools’ types only', () => {
    const catalog = [C6I_XLARGE, C6I_2XLARGE, C7G_2XLARGE, A1_2XLARGE, M1_LARGE, G4DN_XLARGE];
    const groups = [group('web', 1), group('infer', 2, 1)];
    const berth = buildFleetProblem(groups, catalog, { orchestrator: 'eks' });
    const { problem, pools } = buildKarpenterProblem(groups, catalog, { orchestrator: 'eks' });
    expect(problem.items).toEqual(berth.items);
    // Dominance counts only the capacity these tasks can use: the one web task fits a c6i.xlarge whole,
    // so the larger c6i.2xlarge and c7g.2xlarge add nothing it cannot hold, at a higher price: pruned.
    expect(pools.map((pool) => [pool.name, pool.types.map((t) => problem.types[t]!.name).sort()])).toEqual([
      ['general', ['c6i.xlarge']],
      ['gpu', ['g4dn.xlarge']],
    ]);
    const webItem = problem.items.findIndex((item) => item.gpu === 0);
    expect(pools.map((pool) => pool.takes[webItem])).toEqual([true, false]);
    expect(pools.map((pool) => pool.takes[1 - webItem])).toEqual([false, true]);
    const same = (name: string) => [
      problem.types.find((t) => t.name === name)!.capacity,
      berth.types.find((t) => t.name === name)?.capacity,
    ];
    const [mine, theirs] = same('c6i.xlarge');
    expect(mine).toEqual(theirs);
    expect(pools.every((pool) => pool.budget === 0.1)).toBe(true);
  });

  it('refuses a workload the NodePools cannot run, rather than compare unlike fleets', () => {
    // 100 GiB fits x2iedn.xlarge (128 GiB), which Berth may use and the c/m/r NodePool may not.
    const big = { ...group('cache', 1), memoryMiB: 100 * 1024 };
    const catalog = [C6I_XLARGE, X2IEDN_XLARGE];
    expect(buildFleetProblem([big], catalog, { orchestrator: 'eks' }).items).toHaveLength(1);
    expect(() => buildKarpenterProblem([big], catalog, { orchestrator: 'eks' })).toThrow(/cannot run cache/);
  });
});
