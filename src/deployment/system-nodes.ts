/**
 * @module system-nodes: the small fixed Linux node group an EKS cluster on EC2 gets for its system pods,
 * decided once so that the cost lines and the starter code agree on it.
 *
 * Karpenter, the node autoscaler of the starter code, must not run on nodes it manages, and its AWS
 * credentials come from EKS Pod Identity, which does not work on Fargate
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html); beside Windows nodes EKS also
 * needs Linux nodes for CoreDNS (https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html).
 * Two nodes, one per zone, hold the two replicas of Karpenter, CoreDNS and the load balancer controller.
 */

import type { NodePool, SystemNodes } from '../model/deployment.js';
import type { Orchestrator } from '../model/vocabulary.js';

export const SYSTEM_NODE_TYPE = 't3.medium';
export const SYSTEM_NODE_COUNT = 2;
/** t3.medium: 2 vCPU, 4 GiB (https://aws.amazon.com/ec2/instance-types/t3/). */
export const SYSTEM_NODE_SIZE = { vcpu: 2, memoryMiB: 4096, gpus: 0 };

/** True for a pool Karpenter grows in the starter code: Linux, shared tenancy. */
export function managedByKarpenter(pool: Pick<NodePool, 'os' | 'dedicated'>): boolean {
  return pool.os === 'linux' && !pool.dedicated;
}

/**
 * The system node group of an EKS candidate's EC2 pools, or null: when Karpenter grows some pool (its
 * controller needs nodes it does not manage), or when every pool is Windows (CoreDNS needs Linux).
 */
export function planSystemNodes(orchestrator: Orchestrator, pools: readonly NodePool[]): SystemNodes | null {
  if (orchestrator !== 'eks' || pools.length === 0) return null;
  const windowsOnly = pools.every((p) => p.os === 'windows');
  if (!windowsOnly && !pools.some(managedByKarpenter)) return null;
  return {
    instanceType: SYSTEM_NODE_TYPE,
    count: SYSTEM_NODE_COUNT,
    // The cluster's dedicated-tenancy requirement covers these nodes too.
    dedicated: pools.some((p) => p.dedicated),
    runs: windowsOnly
      ? 'CoreDNS (Windows nodes cannot run it)'
      : 'Karpenter, CoreDNS and the load balancer controller',
  };
}
