/**
 * @module system-nodes: the small fixed Linux node group an EKS cluster on EC2 gets for its system pods,
 * decided once so that the cost lines and the starter code agree on it.
 *
 * Every node pool of the starter code has a node autoscaler: Karpenter for Linux pools of shared tenancy,
 * Cluster Autoscaler for Windows and dedicated-tenancy pools (docs/starter-code.md#node-autoscaling).
 * Neither runs on nodes it manages (Karpenter must not; Cluster Autoscaler cannot run on Windows nodes, and
 * on a pool it may empty it would have nowhere to go), and their AWS credentials come from EKS Pod Identity,
 * which does not work on Fargate (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html);
 * beside Windows nodes EKS also needs Linux nodes for CoreDNS
 * (https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html).
 * Two nodes, one per zone, hold the autoscaler, the two replicas of CoreDNS and the load balancer controller.
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
 * The system node group of an EKS candidate's EC2 pools, or null where there are none: every pool has a
 * node autoscaler, which needs Linux nodes it does not manage.
 */
export function planSystemNodes(orchestrator: Orchestrator, pools: readonly NodePool[]): SystemNodes | null {
  if (orchestrator !== 'eks' || pools.length === 0) return null;
  const windowsOnly = pools.every((p) => p.os === 'windows');
  // Karpenter grows the Linux pools of shared tenancy, Cluster Autoscaler every other pool: a cluster with
  // Linux and Windows pools runs both.
  const autoscaler = [
    ...(pools.some(managedByKarpenter) ? ['Karpenter'] : []),
    ...(pools.some((p) => !managedByKarpenter(p)) ? ['Cluster Autoscaler'] : []),
  ].join(', ');
  return {
    instanceType: SYSTEM_NODE_TYPE,
    count: SYSTEM_NODE_COUNT,
    // The cluster's dedicated-tenancy requirement covers these nodes too.
    dedicated: pools.some((p) => p.dedicated),
    runs: windowsOnly
      ? `${autoscaler} and CoreDNS (Windows nodes cannot run them)`
      : `${autoscaler}, CoreDNS and the load balancer controller`,
  };
}
