/**
 * @module karpenter-node-pools: the Karpenter NodePool and EC2NodeClass of each node pool, built from the
 * optimizer's instance types, so nodes Karpenter adds are of the types Berth priced.
 */
import { type EksNodePool, karpenterLimits, karpenterPools, POOL_LABEL, SYSTEM_POOL } from '../eks.js';
import { toAwsName } from '../names.js';
import { mappedVolumeType, poolDisk, rootDeviceName } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';

/** Subnets Karpenter launches into carry this tag; the Terraform stack tags the private subnets with it. */
export const DISCOVERY_TAG = 'karpenter.sh/discovery';

/** The IAM role of the nodes Karpenter launches (its name; the Terraform stack creates it). */
export function karpenterNodeRoleName(plan: StackPlan): string {
  return toAwsName([plan.name, 'karpenter-nodes'], 64);
}

/** The SQS queue Karpenter reads interruption events from. */
export function karpenterQueueName(plan: StackPlan): string {
  return toAwsName([plan.name, 'karpenter'], 80);
}

export const KARPENTER_NAMESPACE = 'karpenter';
export const KARPENTER_SERVICE_ACCOUNT = 'karpenter';

export interface Requirement {
  key: string;
  operator: 'In';
  values: string[];
}

export interface NodePoolObject {
  apiVersion: 'karpenter.sh/v1';
  kind: 'NodePool';
  metadata: { name: string };
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws'; kind: 'EC2NodeClass'; name: string };
        requirements: Requirement[];
        taints?: { key: string; value: string; effect: 'NoSchedule' }[];
        expireAfter: string;
      };
    };
    disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized'; consolidateAfter: string };
    limits: { cpu: string; memory: string };
  };
}

export interface NodeClassObject {
  apiVersion: 'karpenter.k8s.aws/v1';
  kind: 'EC2NodeClass';
  metadata: { name: string };
  spec: {
    role: string;
    amiSelectorTerms: { alias: string }[];
    subnetSelectorTerms: { tags: Record<string, string> }[];
    securityGroupSelectorTerms: { tags: Record<string, string> }[];
    metadataOptions: {
      httpEndpoint: 'enabled';
      httpTokens: 'required';
      httpPutResponseHopLimit: number;
    };
    blockDeviceMappings?: {
      deviceName: string;
      ebs: { volumeSize: string; volumeType: 'gp3'; encrypted: true; deleteOnTermination: true };
    }[];
    tags: Record<string, string>;
  };
}

/** The NodePool and EC2NodeClass of each pool Karpenter manages. */
export function karpenterObjects(
  plan: StackPlan,
): { pool: EksNodePool; nodePool: NodePoolObject; nodeClass: NodeClassObject }[] {
  return karpenterPools(plan).map((pool) => ({
    pool,
    nodePool: nodePool(pool),
    nodeClass: nodeClass(plan, pool),
  }));
}

/**
 * A NodePool's requirements: the pool's instance types, architecture, OS (where the labels allow it: EKS
 * Auto Mode does not support `kubernetes.io/os`) and purchase option.
 */
export function poolRequirements(pool: EksNodePool, label: { os: boolean }): Requirement[] {
  return [
    { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...pool.instanceTypes] },
    {
      key: 'kubernetes.io/arch',
      operator: 'In',
      values: [pool.architecture === 'arm64' ? 'arm64' : 'amd64'],
    },
    ...(label.os ? [{ key: 'kubernetes.io/os', operator: 'In' as const, values: [pool.os] }] : []),
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: [pool.spot ? 'spot' : 'on-demand'] },
  ];
}

/** The pool's taints as a NodePool template's `taints`, or nothing when it has none. */
export function poolTaints(pool: EksNodePool): {
  taints?: { key: string; value: string; effect: 'NoSchedule' }[];
} {
  return pool.taints.length > 0
    ? { taints: pool.taints.map((t) => ({ key: t.key, value: t.value, effect: 'NoSchedule' as const })) }
    : {};
}

/**
 * Requirements pin the pool's instance types, architecture, OS and purchase option; Karpenter then picks
 * the cheapest type that fits the pending pods. Consolidation replaces or removes its under-used nodes
 * (never the node groups' nodes). https://karpenter.sh/docs/concepts/nodepools/
 */
function nodePool(pool: EksNodePool): NodePoolObject {
  const limits = karpenterLimits(pool);
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: pool.name },
    spec: {
      template: {
        metadata: { labels: { [POOL_LABEL]: pool.name } },
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: pool.name },
          requirements: poolRequirements(pool, { os: true }),
          ...poolTaints(pool),
          // Nodes are replaced after 30 days, so they pick up patched AMIs.
          expireAfter: '720h',
        },
      },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
      limits: { cpu: String(limits.vcpu), memory: `${Math.ceil(limits.memoryMiB)}Mi` },
    },
  };
}

/**
 * The latest EKS-optimized AL2023 AMI; Karpenter picks its NVIDIA variant for GPU types. Nodes find the
 * cluster's subnets by the discovery tag and its security group by the tag EKS puts on it.
 * https://karpenter.sh/docs/concepts/nodeclasses/ and
 * https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html
 * Where the pool's pods ask for ephemeral storage, the root volume gets the size and type the pool's node
 * groups launch (`spec.blockDeviceMappings` replaces the AMI family's default mapping), so every node of the
 * pool has the disk that was priced.
 */
function nodeClass(plan: StackPlan, pool: EksNodePool): NodeClassObject {
  const disk = poolDisk(plan, pool);
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: pool.name },
    spec: {
      role: karpenterNodeRoleName(plan),
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { [DISCOVERY_TAG]: plan.name } }],
      securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': plan.name } }],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      ...(disk === null
        ? {}
        : {
            blockDeviceMappings: [
              {
                deviceName: rootDeviceName(pool),
                ebs: {
                  volumeSize: `${disk.sizeGiB}Gi`,
                  volumeType: mappedVolumeType(disk),
                  encrypted: true,
                  deleteOnTermination: true,
                },
              },
            ],
          }),
      tags: { Name: toAwsName([plan.name, pool.name], 255), workload: plan.name, 'generated-by': 'berth' },
    },
  };
}

/** Helm values that keep a controller on the system node group. */
export function onSystemNodes(): { nodeSelector: Record<string, string> } {
  return { nodeSelector: { [POOL_LABEL]: SYSTEM_POOL } };
}
