/** @module eks: what the EKS targets share: the namespace, node pool labels and taints, AMI types. */
import { managedByKarpenter, SYSTEM_NODE_SIZE } from '../deployment/system-nodes.js';
import type { NodePool } from '../model/deployment.js';
import { toDnsLabel } from './names.js';
import type { ServicePlan, StackPlan } from './stack-plan.js';

/** Node label naming the pool a node belongs to; manifests select GPU and Windows pools by it. */
export const POOL_LABEL = 'berth.dev/pool';

/** Pod label that sends a pod of a mixed cluster to Fargate (the Fargate profile selects it). */
export const FARGATE_LABEL = 'berth.dev/fargate';

export interface Taint {
  key: string;
  value: string;
}

export interface EksNodePool extends NodePool {
  /** Linux nodes added for system pods beside Windows nodes; not part of Berth's fleet or price. */
  system: boolean;
  taints: Taint[];
}

/** GPU nodes keep other pods off; Windows nodes keep Linux pods off. */
export const GPU_TAINT: Taint = { key: 'nvidia.com/gpu', value: 'true' };
export const WINDOWS_TAINT: Taint = { key: 'os', value: 'windows' };

/** The system node group's pool name (deployment/system-nodes.ts decides whether there is one, and prices it). */
export const SYSTEM_POOL = 'system';

export function eksNamespace(plan: StackPlan): string {
  return toDnsLabel([plan.name]);
}

/** True for a service that needs host access: it must run under the Pod Security `privileged` level. */
export function needsPrivilege(service: Pick<ServicePlan, 'privileged' | 'hostNetworking'>): boolean {
  return service.privileged || service.hostNetworking;
}

/**
 * Services that need host access run in a namespace of their own, so the Pod Security level `privileged`
 * covers them alone and the workload's namespace keeps a strict level.
 * https://kubernetes.io/docs/concepts/security/pod-security-admission/
 */
export function agentNamespace(plan: StackPlan): string {
  return toDnsLabel([plan.name, 'agents']);
}

/** The namespace a service's objects go in. */
export function serviceNamespace(plan: StackPlan, service: ServicePlan): string {
  return needsPrivilege(service) ? agentNamespace(plan) : eksNamespace(plan);
}

/**
 * GPU pools are tainted when other Linux nodes can run the rest (CoreDNS included: the system node group
 * holds it where there is one); a GPU pool that is the only Linux capacity stays open, as Berth's fleet
 * sizing placed CoreDNS on it.
 */
export function eksNodePools(plan: StackPlan): EksNodePool[] {
  const generalLinux = plan.systemNodes !== null || plan.pools.some((p) => !p.gpu && p.os === 'linux');
  const pools: EksNodePool[] = plan.pools.map((pool) => ({
    ...pool,
    system: false,
    taints: pool.os === 'windows' ? [WINDOWS_TAINT] : pool.gpu && generalLinux ? [GPU_TAINT] : [],
  }));
  const system = plan.systemNodes;
  if (system !== null) {
    pools.push({
      name: SYSTEM_POOL,
      architecture: 'x86_64',
      os: 'linux',
      gpu: false,
      instanceTypes: [system.instanceType],
      peak: [{ instanceType: system.instanceType, count: system.count }],
      typical: [{ instanceType: system.instanceType, count: system.count }],
      steady: [],
      floor: [{ instanceType: system.instanceType, count: system.count }],
      ceiling: [{ instanceType: system.instanceType, count: system.count }],
      resourceCeiling: {
        vcpu: SYSTEM_NODE_SIZE.vcpu * system.count,
        memoryMiB: SYSTEM_NODE_SIZE.memoryMiB * system.count,
      },
      instanceSizes: [{ instanceType: system.instanceType, ...SYSTEM_NODE_SIZE }],
      minSize: system.count,
      desiredSize: system.count,
      maxSize: system.count,
      spot: false,
      dedicated: system.dedicated,
      services: [],
      system: true,
      taints: [],
    });
  }
  return pools;
}

/** One managed node group: one instance type of a pool, so EKS cannot substitute another type. */
export interface EksNodeGroup {
  /** Terraform label and EKS name, e.g. `x86_64_c6a_8xlarge` and `x86-64-c6a-8xlarge`. */
  label: string;
  name: string;
  pool: EksNodePool;
  instanceType: string;
  /** Nodes at the desired size: the priced floor of this type (the nodes every minute of the week runs). */
  desired: number;
  /** The group's minimum: the same floor. */
  min: number;
  /** The group's maximum: the floor on a fixed group; the priced ceiling of this type where Cluster Autoscaler grows it. */
  max: number;
  /** True where Cluster Autoscaler moves the group between its minimum and maximum. */
  autoscaled: boolean;
}

/**
 * The nodes the managed node groups keep running: the fleet's floor, type by type, the nodes every minute of
 * the priced week runs (none for a pool that only runs scheduled batch work). Karpenter or Cluster
 * Autoscaler adds the rest.
 */
export function eksBaseline(pool: NodePool): NodePool['floor'] {
  return pool.floor.filter((l) => l.count > 0);
}

/**
 * One managed node group per instance type: a group with several types fills On-Demand capacity in list
 * order, so the whole count would launch as the first type
 * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html#managed-node-group-capacity-types).
 * A pool Karpenter grows and the system pool get a fixed group per type of the floor. A pool Cluster
 * Autoscaler grows gets a group per type the optimizer used, from that type's floor to its priced ceiling:
 * the most of that type any hour of the priced week runs (NodePool.ceiling; a quieter hour may run more of a
 * type than the busiest).
 */
export function eksNodeGroups(plan: StackPlan): EksNodeGroup[] {
  return eksNodePools(plan).flatMap((pool) => {
    const autoscaled = managedByClusterAutoscaler(pool);
    const types = autoscaled
      ? pool.instanceTypes.filter((t) => pricedCeiling(pool, t) > 0)
      : eksBaseline(pool).map((l) => l.instanceType);
    return types.map((instanceType) => {
      const name = pool.system ? pool.name : `${pool.name}-${instanceType.replace(/\./g, '-')}`;
      const floor = countOf(pool.floor, instanceType);
      return {
        label: name.replace(/[^A-Za-z0-9]+/g, '_'),
        name,
        pool,
        instanceType,
        desired: floor,
        min: floor,
        max: autoscaled ? Math.max(floor, pricedCeiling(pool, instanceType)) : floor,
        autoscaled,
      };
    });
  });
}

/**
 * The most nodes of a type the priced fleet runs at any hour (NodePool.ceiling): at least its count at the
 * busiest and at the median hour, and more where another level of the week re-packs onto it.
 */
export function pricedCeiling(pool: NodePool, instanceType: string): number {
  return Math.max(
    countOf(pool.ceiling, instanceType),
    countOf(pool.peak, instanceType),
    countOf(pool.typical, instanceType),
  );
}

function countOf(lines: NodePool['floor'], instanceType: string): number {
  return lines.filter((l) => l.instanceType === instanceType).reduce((sum, l) => sum + l.count, 0);
}

/**
 * Pools Karpenter grows above the baseline: Linux pools of shared tenancy. Not the system pool (fixed), nor
 * Windows or dedicated-tenancy pools, which Cluster Autoscaler grows (see `clusterAutoscalerPools`).
 */
export function karpenterPools(plan: StackPlan): EksNodePool[] {
  return eksNodePools(plan).filter((p) => !p.system && managedByKarpenter(p));
}

/**
 * True for a pool Cluster Autoscaler grows: a Windows or dedicated-tenancy pool, which this starter does not
 * give Karpenter (docs/starter-code.md#node-autoscaling says why). Exactly the pools Karpenter leaves, so
 * no pool has two autoscalers.
 */
export function managedByClusterAutoscaler(pool: EksNodePool): boolean {
  return !pool.system && !managedByKarpenter(pool);
}

/** Pools Cluster Autoscaler grows between the priced floor and the priced ceiling (the most of each type any hour runs). */
export function clusterAutoscalerPools(plan: StackPlan): EksNodePool[] {
  return eksNodePools(plan).filter(managedByClusterAutoscaler);
}

export interface ResourceTotals {
  vcpu: number;
  memoryMiB: number;
}

/** vCPUs and memory of some nodes of a pool. */
export function totalResources(pool: NodePool, lines: NodePool['peak']): ResourceTotals {
  let vcpu = 0;
  let memoryMiB = 0;
  for (const line of lines) {
    const size = pool.instanceSizes.find((s) => s.instanceType === line.instanceType);
    vcpu += (size?.vcpu ?? 0) * line.count;
    memoryMiB += (size?.memoryMiB ?? 0) * line.count;
  }
  return { vcpu, memoryMiB };
}

/**
 * What Karpenter may launch in a pool, counted like NodePool limits (the capacity of the nodes it owns):
 * the most vCPU and memory the priced fleet runs at any hour (the busiest hour's, or more of either where
 * another hour runs more: a memory-heavy nightly job beside a costlier day) less what node groups hold (`held`: the floor on self-managed nodes, nothing on
 * EKS Auto Mode), plus one node of the pool's largest type as room for a rolling update's surge pods and
 * for replacing an interrupted node. Karpenter removes that node once it is empty, so it costs only while
 * a rollout or replacement needs it.
 * https://karpenter.sh/docs/concepts/nodepools/#speclimits
 */
export function karpenterLimits(pool: NodePool, held: NodePool['peak'] = eksBaseline(pool)): ResourceTotals {
  // The busiest hour's fleet, or more of either where another hour runs more (Fleet.resourceCeiling).
  const busiest = totalResources(pool, pool.peak);
  const peak = {
    vcpu: Math.max(busiest.vcpu, pool.resourceCeiling.vcpu),
    memoryMiB: Math.max(busiest.memoryMiB, pool.resourceCeiling.memoryMiB),
  };
  const baseline = totalResources(pool, held);
  const largest = [...pool.instanceSizes].sort((a, b) => b.vcpu - a.vcpu || b.memoryMiB - a.memoryMiB)[0];
  return {
    vcpu: Math.max(0, peak.vcpu - baseline.vcpu) + (largest?.vcpu ?? 0),
    memoryMiB: Math.max(0, peak.memoryMiB - baseline.memoryMiB) + (largest?.memoryMiB ?? 0),
  };
}

/** The managed node group AMI type: it must match the instances' architecture and GPUs. */
export function eksAmiType(pool: Pick<NodePool, 'architecture' | 'gpu' | 'os'>): string {
  if (pool.os === 'windows') return 'WINDOWS_CORE_2022_x86_64';
  if (pool.gpu) return pool.architecture === 'arm64' ? 'AL2023_ARM_64_NVIDIA' : 'AL2023_x86_64_NVIDIA';
  return pool.architecture === 'arm64' ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}
