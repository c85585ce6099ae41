/** @module eks: what the EKS targets share: the namespace, node pool labels and taints, AMI types. */
import type { NodePool } from '../model/deployment.js';
import type { StackPlan } from './stack-plan.js';

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

/**
 * EKS needs Linux nodes for CoreDNS beside Windows nodes; two small ones, one per zone for CoreDNS's two
 * replicas. https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html
 */
export const SYSTEM_NODE_TYPE = 't3.medium';
const SYSTEM_NODES = 2;

export function eksNamespace(plan: StackPlan): string {
  return plan.name;
}

/**
 * GPU pools are tainted when other Linux nodes can run the rest (CoreDNS included); a GPU pool that is the
 * only Linux capacity stays open, as Berth's fleet sizing placed CoreDNS on it.
 */
export function eksNodePools(plan: StackPlan): EksNodePool[] {
  const generalLinux = plan.pools.some((p) => !p.gpu && p.os === 'linux');
  const pools: EksNodePool[] = plan.pools.map((pool) => ({
    ...pool,
    system: false,
    taints: pool.os === 'windows' ? [WINDOWS_TAINT] : pool.gpu && generalLinux ? [GPU_TAINT] : [],
  }));
  if (pools.length > 0 && pools.every((p) => p.os === 'windows')) {
    pools.push({
      name: 'system',
      architecture: 'x86_64',
      os: 'linux',
      gpu: false,
      instanceTypes: [SYSTEM_NODE_TYPE],
      peak: [{ instanceType: SYSTEM_NODE_TYPE, count: SYSTEM_NODES }],
      typical: [{ instanceType: SYSTEM_NODE_TYPE, count: SYSTEM_NODES }],
      minSize: SYSTEM_NODES,
      desiredSize: SYSTEM_NODES,
      maxSize: SYSTEM_NODES,
      spot: false,
      dedicated: pools.some((p) => p.dedicated),
      services: [],
      notes: [],
      system: true,
      taints: [],
    });
  }
  return pools;
}

/** The managed node group AMI type: it must match the instances' architecture and GPUs. */
export function eksAmiType(pool: Pick<NodePool, 'architecture' | 'gpu' | 'os'>): string {
  if (pool.os === 'windows') return 'WINDOWS_CORE_2022_x86_64';
  if (pool.gpu) return pool.architecture === 'arm64' ? 'AL2023_ARM_64_NVIDIA' : 'AL2023_x86_64_NVIDIA';
  return pool.architecture === 'arm64' ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}
