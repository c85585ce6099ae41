/**
 * @module root-volumes: how large each EC2 node's disk must be to hold the ephemeral storage of the tasks
 * placed on it (`needs.ephemeralStorageGiB`), on top of the default disk its machine image needs. Sizes
 * only: deployment/root-volumes.ts applies them to the node pools, costs/root-volumes.ts prices them
 * (docs/pricing.md#root-volumes-of-ec2-nodes).
 */
import type { NodeManagement, OperatingSystem, Orchestrator } from '../model/vocabulary.js';
import type { NormalisedService } from '../workload/normalised-schema.js';

/**
 * The largest gp2 or gp3 volume, 16 TiB: "Volume size 1 GiB - 16 TiB" for both
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html). No node disk may be larger.
 */
export const MAX_ROOT_VOLUME_GIB = 16_384;

/** Who writes the node's disk, which sets its default size and how much of it tasks may claim. */
export type NodeDiskKind = 'ecs' | 'ecs-managed-instances' | 'eks' | 'eks-auto-mode';

export function nodeDiskKind(orchestrator: Orchestrator, nodes: NodeManagement): NodeDiskKind {
  if (nodes === 'ecs-managed-instances') return 'ecs-managed-instances';
  if (nodes === 'eks-auto-mode') return 'eks-auto-mode';
  return orchestrator;
}

/**
 * GiB per node when the starter code leaves the disk as it is (the price Berth has always used, at the gp2
 * rate): the ECS-optimised Amazon Linux 2023 AMI's root volume is 30 GiB (aws/amazon-ecs-ami
 * variables.pkr.hcl `block_device_size_gb`); EKS node groups 20 GiB on Linux and 50 GiB on Windows (EKS
 * CreateNodegroup `diskSize`, and the EKS AL2023 AMI's `ami_block_device_mappings`, awslabs/amazon-eks-ami
 * templates/al2023/template.json); the ECS Windows AMI taken as 50 GiB like EKS's (unconfirmed); EKS Auto
 * Mode's NodeClass `ephemeralStorage.size` 80 GiB
 * (https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html); ECS Managed Instances priced
 * as 30 GiB like the ECS AMI (unconfirmed).
 */
export function defaultNodeDiskGiB(kind: NodeDiskKind, os: OperatingSystem): number {
  if (kind === 'eks-auto-mode') return 80;
  if (os === 'windows') return 50;
  return kind === 'eks' ? 20 : 30;
}

/**
 * What the tasks' storage is added to when the starter code sizes the disk: the default, except on ECS
 * Managed Instances, whose `storageSizeGiB` sizes the tasks volume (images, container logs and temporary
 * files), 80 GiB when not given (the AWS CDK's `taskVolumeStorage` default,
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ecs.ManagedInstancesCapacityProviderProps.html):
 * the generated size never falls below the volume AWS would have launched.
 */
export function nodeDiskBaseGiB(kind: NodeDiskKind, os: OperatingSystem): number {
  return kind === 'ecs-managed-instances' ? 80 : defaultNodeDiskGiB(kind, os);
}

/**
 * The kubelet's ephemeral-storage reserve on EKS nodes: `kubeReserved` ephemeral-storage 1 GiB and the hard
 * eviction threshold `nodefs.available` 10 % (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go).
 * The scheduler places pods against allocatable = capacity − reserved − eviction threshold
 * (https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/), so pods requesting X GiB
 * need (X + 1) / 0.9 GiB of disk beyond what the OS and images use. EKS Auto Mode is taken to reserve the same
 * (an assumption, as for its memory: docs/aws-managed-nodes.md).
 */
export const KUBELET_RESERVED_EPHEMERAL_GIB = 1;
export const KUBELET_EVICTION_NODEFS_PERCENT = 10;

function kubeletReserves(kind: NodeDiskKind): boolean {
  return kind === 'eks' || kind === 'eks-auto-mode';
}

/** GiB one task of the service keeps on its node's disk: its ephemeral storage rounded up, as the IaC asks for it. */
export function taskEphemeralGiB(service: Pick<NormalisedService, 'needs'>): number {
  const gib = service.needs.ephemeralStorageGiB;
  return gib === null ? 0 : Math.ceil(gib);
}

/**
 * The disk of a node whose tasks ask for `tasksGiB` of ephemeral storage in all: the default when they ask
 * for none; otherwise the base plus the tasks' storage (on EKS, grown by the kubelet's reserve and eviction
 * threshold so the scheduler can place them).
 */
export function nodeDiskGiB(kind: NodeDiskKind, os: OperatingSystem, tasksGiB: number): number {
  if (tasksGiB <= 0) return defaultNodeDiskGiB(kind, os);
  const base = nodeDiskBaseGiB(kind, os);
  if (!kubeletReserves(kind)) return base + tasksGiB;
  const hundredths = 100 - KUBELET_EVICTION_NODEFS_PERCENT;
  return base + Math.ceil(((tasksGiB + KUBELET_RESERVED_EPHEMERAL_GIB) * 100) / hundredths);
}

/** The most ephemeral storage the tasks of one node may ask for in all, so its disk stays within MAX_ROOT_VOLUME_GIB. */
export function maxNodeTasksGiB(kind: NodeDiskKind, os: OperatingSystem): number {
  const budget = MAX_ROOT_VOLUME_GIB - nodeDiskBaseGiB(kind, os);
  if (!kubeletReserves(kind)) return budget;
  const hundredths = 100 - KUBELET_EVICTION_NODEFS_PERCENT;
  return Math.floor((budget * hundredths) / 100) - KUBELET_RESERVED_EPHEMERAL_GIB;
}

/** Every node disk kind and operating system Berth sizes, for the per-task bound (workload/limits.ts). */
export const NODE_DISK_CASES: readonly { kind: NodeDiskKind; os: OperatingSystem }[] = [
  { kind: 'ecs', os: 'linux' },
  { kind: 'ecs', os: 'windows' },
  { kind: 'ecs-managed-instances', os: 'linux' },
  { kind: 'eks', os: 'linux' },
  { kind: 'eks', os: 'windows' },
  { kind: 'eks-auto-mode', os: 'linux' },
];

/** What the fleet's nodes must fit on their disks: the per-node agents' storage and the largest task's. */
export interface NodeDiskDemand {
  kind: NodeDiskKind;
  os: OperatingSystem;
  /** GiB every node keeps for the per-node agents (daemon services) that run on it. */
  agentsGiB: number;
  /** GiB of the task that asks for the most, among the tasks the optimizer places. */
  largestTaskGiB: number;
}

/**
 * The most tasks one node may hold so that the agents' storage plus that many of the largest task's always
 * fits one disk (MAX_ROOT_VOLUME_GIB); null when no task asks for storage (no limit). A coarse bound: it
 * counts every task as the largest, and is only reached by nodes holding dozens of storage-heavy tasks.
 */
export function maxTasksPerNodeForDisk(demand: NodeDiskDemand): number | null {
  if (demand.largestTaskGiB <= 0) return null;
  const room = maxNodeTasksGiB(demand.kind, demand.os) - demand.agentsGiB;
  return Math.max(0, Math.floor(room / demand.largestTaskGiB));
}
