/**
 * @module nodepools: the NodePools a competent Karpenter user writes, and the fleet problem they see:
 * the same tasks and per-node capacity as Berth's, over the instance types the NodePools admit.
 */
import type { FleetOptions, FleetTaskGroup, PricedInstanceType } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem, buildProblemType } from '../../src/optimizer/model/build-model.js';
import { pruneDominated } from '../../src/optimizer/model/dominance.js';
import type { FleetProblem, ProblemType } from '../../src/optimizer/model/integer-model.js';
import type { SimPool } from './cluster.js';

/** The NodePool requirements the simulation honours (well-known labels, https://karpenter.sh/docs/concepts/scheduling/#well-known-labels). */
export interface NodePoolSpec {
  name: string;
  /** karpenter.k8s.aws/instance-category In [...]. */
  categories: readonly string[];
  /** karpenter.k8s.aws/instance-generation Gt n. */
  generationAbove: number;
  /** karpenter.k8s.aws/instance-cpu In [...]; absent admits every size. */
  cpus?: readonly number[];
  /**
   * Tainted nvidia.com/gpu:NoSchedule: only pods that request GPUs tolerate it, and they go nowhere
   * else (the NodePools are mutually exclusive, as https://karpenter.sh/docs/concepts/nodepools/ advises).
   */
  gpu: boolean;
}

/**
 * The requirements https://karpenter.sh/docs/concepts/nodepools/ recommends "for most use-cases ...
 * for generic workloads" (also aws/karpenter-provider-aws examples/v1/general-purpose.yaml):
 * on-demand, Linux, instance-category In [c, m, r], instance-generation Gt 2. Both architectures are
 * allowed, since the workload has arm64-only images (examples/v1/multiple-arch.yaml). GPU pods get
 * their own tainted NodePool over the g and p categories, generation > 2.
 */
export const RECOMMENDED_NODEPOOLS: readonly NodePoolSpec[] = [
  { name: 'general', categories: ['c', 'm', 'r'], generationAbove: 2, gpu: false },
  { name: 'gpu', categories: ['g', 'p'], generationAbove: 2, gpu: true },
];

/**
 * The example NodePool in https://karpenter.sh/docs/concepts/nodepools/ also limits node sizes with
 * karpenter.k8s.aws/instance-cpu In [4, 8, 16, 32].
 */
export const EXAMPLE_NODEPOOL_CPUS: readonly number[] = [4, 8, 16, 32];

/** The same NodePools, every one limited to these vCPU counts. */
export function withInstanceCpus(specs: readonly NodePoolSpec[], cpus: readonly number[]): NodePoolSpec[] {
  return specs.map((spec) => ({ ...spec, name: `${spec.name}-sized`, cpus }));
}

/**
 * Category and generation labels of a family ("m7i" → m, 7; "c6gn" → c, 6; "inf2" → inf, 2): the
 * letters before the first digit and that number, as the labels' descriptions say. Families without a
 * generation number ("u-6tb1") get none and match no generation requirement.
 */
export function instanceLabels(family: string): { category: string; generation: number } | null {
  const match = /^([a-z]+)(\d+)/.exec(family);
  return match ? { category: match[1]!, generation: Number(match[2]) } : null;
}

export function admits(spec: NodePoolSpec, type: PricedInstanceType): boolean {
  const labels = instanceLabels(type.family);
  return (
    labels !== null &&
    spec.categories.includes(labels.category) &&
    labels.generation > spec.generationAbove &&
    (!spec.cpus || spec.cpus.includes(type.vcpu))
  );
}

/**
 * Berth's fleet problem (same task items, same capacity model from src/optimizer/node-capacity.ts) with
 * the types replaced by the NodePools' types, each pool's list pruned of dominated types (a dominated
 * type is never the cheapest fit, so Karpenter's choices do not change). Types a Berth filter drops
 * (burstable, an instance-family allow-list) are dropped here too. Throws when a task fits no NodePool.
 */
export function buildKarpenterProblem(
  groups: readonly FleetTaskGroup[],
  catalog: readonly PricedInstanceType[],
  options: FleetOptions,
  specs: readonly NodePoolSpec[] = RECOMMENDED_NODEPOOLS,
): { problem: FleetProblem; pools: SimPool[] } {
  const base = buildFleetProblem(groups, catalog, options);
  const families = options.instanceFamilies ? new Set(options.instanceFamilies) : null;
  const types: ProblemType[] = [];
  const pools: SimPool[] = [];
  for (const spec of specs) {
    const built = catalog
      .filter(
        (type) =>
          (options.allowBurstable === true || !type.burstable) &&
          (!families || families.has(type.family)) &&
          admits(spec, type),
      )
      .flatMap((type) => buildProblemType(type, base.items, options) ?? [])
      .filter((type) => type.items.length > 0);
    const kept = pruneDominated(built, base.items);
    const start = types.length;
    types.push(...kept);
    pools.push({
      name: spec.name,
      types: kept.map((_, k) => start + k),
      takes: base.items.map((item, i) => spec.gpu === item.gpu > 0 && kept.some((t) => t.accepts[i])),
      budget: 0.1,
    });
  }
  const orphan = base.items.findIndex((_, i) => !pools.some((pool) => pool.takes[i]));
  if (orphan >= 0) {
    const services = base.items[orphan]!.services.map((s) => s.service).join(', ');
    throw new Error(`karpenter baseline cannot run ${services}: no type of the NodePools fits the task`);
  }
  return { problem: { ...base, types }, pools };
}
