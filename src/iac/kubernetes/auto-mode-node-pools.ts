/**
 * @module auto-mode-node-pools: the EKS Auto Mode NodeClass and NodePool of each node pool, built from the
 * optimizer's instance types, so the nodes Auto Mode launches are the types Berth priced.
 */
import { BerthError } from '../../errors.js';
import type { RootVolume } from '../../model/deployment.js';
import { type EksNodePool, eksNodePools, karpenterLimits, POOL_LABEL } from '../eks.js';
import { toAwsName } from '../names.js';
import { poolDisk } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';
import { DISCOVERY_TAG, poolRequirements, poolTaints, type Requirement } from './karpenter-node-pools.js';

/** The candidate whose nodes EKS Auto Mode runs. */
export const AUTO_MODE_CANDIDATE = 'eks-auto-mode';

export function isAutoMode(plan: Pick<StackPlan, 'candidate'>): boolean {
  return plan.candidate.id === AUTO_MODE_CANDIDATE;
}

/** The IAM role of the nodes Auto Mode launches (its name; the Terraform stack creates it). */
export function autoModeNodeRoleName(plan: StackPlan): string {
  return toAwsName([plan.name, 'eks-auto-nodes'], 64);
}

export interface AutoNodeClassObject {
  apiVersion: 'eks.amazonaws.com/v1';
  kind: 'NodeClass';
  metadata: { name: string };
  spec: {
    role: string;
    subnetSelectorTerms: { tags: Record<string, string> }[];
    securityGroupSelectorTerms: { tags: Record<string, string> }[];
    ephemeralStorage?: { size: string };
    tags: Record<string, string>;
  };
}

export interface AutoNodePoolObject {
  apiVersion: 'karpenter.sh/v1';
  kind: 'NodePool';
  metadata: { name: string };
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        nodeClassRef: { group: 'eks.amazonaws.com'; kind: 'NodeClass'; name: string };
        requirements: Requirement[];
        taints?: { key: string; value: string; effect: 'NoSchedule' }[];
      };
    };
    disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized'; consolidateAfter: string };
    limits: { cpu: string; memory: string };
  };
}

/**
 * The pools Auto Mode runs: every pool of the fleet. Auto Mode runs Linux nodes only and no system node
 * group (its own components run outside the cluster's nodes), so a Windows pool cannot be written.
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html
 */
export function autoModePools(plan: StackPlan): EksNodePool[] {
  const pools = eksNodePools(plan).filter((p) => !p.system);
  const windows = pools.find((p) => p.os === 'windows');
  if (windows !== undefined)
    throw new BerthError(
      'UNSUPPORTED_IAC_TARGET',
      `cannot write EKS Auto Mode node pool "${windows.name}": EKS Auto Mode runs Linux nodes only`,
    );
  return pools;
}

/** One NodeClass for the stack (Auto Mode's built-in pools are off, so there is no `default` one). */
export function autoModeNodeClassName(plan: StackPlan): string {
  return toAwsName([plan.name, 'nodes'], 63);
}

export function autoModeObjects(plan: StackPlan): {
  nodeClass: AutoNodeClassObject;
  pools: { pool: EksNodePool; nodePool: AutoNodePoolObject }[];
} {
  return {
    nodeClass: nodeClass(plan),
    pools: autoModePools(plan).map((pool) => ({ pool, nodePool: nodePool(plan, pool) })),
  };
}

/**
 * What Auto Mode may launch in a pool: Karpenter's limits with no node group holding part of the fleet, so
 * the most vCPU and memory any priced hour runs (NodePool.resourceCeiling) plus one node of the pool's largest type (room for a rolling update's surge pods and for
 * replacing a node; Auto Mode removes that node once it is empty).
 */
export function autoModeLimits(pool: EksNodePool): { vcpu: number; memoryMiB: number } {
  return karpenterLimits(pool, []);
}

/**
 * Requirements pin the pool's instance types, architecture and purchase option with labels Auto Mode
 * supports; `kubernetes.io/os` is not one of them (Auto Mode nodes are Linux).
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html#auto-supported-labels
 */
function nodePool(plan: StackPlan, pool: EksNodePool): AutoNodePoolObject {
  const limits = autoModeLimits(pool);
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: pool.name },
    spec: {
      template: {
        metadata: { labels: { [POOL_LABEL]: pool.name } },
        spec: {
          nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: autoModeNodeClassName(plan) },
          requirements: poolRequirements(pool, { os: false }),
          ...poolTaints(pool),
        },
      },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
      limits: { cpu: String(limits.vcpu), memory: `${Math.ceil(limits.memoryMiB)}Mi` },
    },
  };
}

/**
 * Nodes go into the private subnets the stack tags, with the cluster security group EKS creates and tags.
 * https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html
 * Where pods ask for ephemeral storage, `ephemeralStorage.size` gives every node the disk that was priced
 * (one NodeClass, so one size for every pool: deployment/root-volumes.ts); else the 80 GiB default stays.
 */
function nodeClass(plan: StackPlan): AutoNodeClassObject {
  const disk = autoModeDisk(plan);
  return {
    apiVersion: 'eks.amazonaws.com/v1',
    kind: 'NodeClass',
    metadata: { name: autoModeNodeClassName(plan) },
    spec: {
      role: autoModeNodeRoleName(plan),
      subnetSelectorTerms: [{ tags: { [DISCOVERY_TAG]: plan.name } }],
      securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': plan.name } }],
      ...(disk === null ? {} : { ephemeralStorage: { size: `${disk.sizeGiB}Gi` } }),
      tags: { workload: plan.name, 'generated-by': 'berth' },
    },
  };
}

/** The disk the NodeClass sets, or null for its default: every pool's is the same (deployment/root-volumes.ts). */
export function autoModeDisk(plan: StackPlan): RootVolume | null {
  const disks = autoModePools(plan).flatMap((pool) => poolDisk(plan, pool) ?? []);
  const sizes = new Set(disks.map((d) => d.sizeGiB));
  if (sizes.size > 1)
    throw new BerthError(
      'INTERNAL',
      `one EKS Auto Mode NodeClass cannot give its pools different disks (${[...sizes].join(', ')} GiB)`,
    );
  return disks[0] ?? null;
}
