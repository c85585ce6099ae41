/** @module node-capacity: what one EC2 node really leaves to tasks under ECS or EKS. */

import type { Orchestrator } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { DaemonSetRequest, FleetOptions, NodeCapacity } from './fleet-types.js';

/**
 * Share of nominal memory the hypervisor and kernel keep, so the OS reports less than the instance
 * type advertises. Karpenter's default estimate (VM_MEMORY_OVERHEAD_PERCENT = 0.075,
 * https://karpenter.sh/docs/reference/settings/), applied as ceil(MiB × 0.075) like
 * aws/karpenter-provider-aws pkg/providers/instancetype/types.go. ECS registers the memory the OS
 * reports (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html: an
 * m4.large with 8192 MiB registers 7985 MiB); 7.5 % is conservative against that example.
 */
export const VM_MEMORY_OVERHEAD_FRACTION = 0.075;

/** kubelet evictionHard memory.available=100Mi, set by amazon-eks-ami nodeadm (internal/kubelet/config.go). */
export const EKS_EVICTION_HARD_MIB = 100;

/** ECS_RESERVED_MEMORY default used here; the ECS guide's example value for the agent and system processes. */
export const ECS_DEFAULT_RESERVED_MEMORY_MIB = 256;

/** Task capacity when no ENI limit applies (ECS bridge or host network mode). */
export const UNLIMITED_TASKS = Number.MAX_SAFE_INTEGER;

/** CPU ranges in millicores and the reserved share of each, in 1/10000 (amazon-eks-ami getCPUMillicoresToReserve). */
const EKS_CPU_RESERVE_BANDS: readonly { from: number; to: number; share: number }[] = [
  { from: 0, to: 1000, share: 600 },
  { from: 1000, to: 2000, share: 100 },
  { from: 2000, to: 4000, share: 50 },
  { from: 4000, to: Number.POSITIVE_INFINITY, share: 25 },
];

export interface EksCapacityOptions {
  /** Pods per node never exceed this (EKS Auto Mode caps them at 110); absent: the VPC CNI count alone. */
  maxPodsCap?: number;
  /** Windows nodes: pods get one ENI's IPv4 addresses only (`eksWindowsMaxPods`). Default false. */
  windows?: boolean;
}

/**
 * Pods one EKS Windows node holds: "Windows nodes support one elastic network interface per node. The number
 * of Pods that you can run per Windows node is equal to the number of IP addresses available per elastic
 * network interface for the node's instance type, minus one"
 * (https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html). 0 where the catalog lacks the
 * type's addresses per ENI: such a type holds no Windows pod rather than a guessed number.
 */
export function eksWindowsMaxPods(type: InstanceType): number {
  return type.ipv4PerEni === null ? 0 : Math.max(0, type.ipv4PerEni - 1);
}

export interface EcsCapacityOptions {
  networkMode?: 'awsvpc' | 'bridge' | 'host';
  reservedMemoryMiB?: number;
}

/**
 * kube-reserved CPU in millicores: 6 % of the first core, 1 % of the second, 0.5 % of cores 3–4 and
 * 0.25 % of the rest (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go, integer arithmetic as there).
 */
export function eksKubeReservedMillicores(vcpu: number): number {
  const total = Math.round(vcpu * 1000);
  let reserved = 0;
  for (const band of EKS_CPU_RESERVE_BANDS) {
    if (total <= band.from) break;
    reserved += Math.floor(((Math.min(total, band.to) - band.from) * band.share) / 10000);
  }
  return reserved;
}

/** kube-reserved memory: 11 MiB per pod plus 255 MiB (amazon-eks-ami GetMemoryMebibytesToReserve). */
export function eksKubeReservedMemoryMiB(maxPods: number): number {
  return 11 * maxPods + 255;
}

function osVisibleMemoryMiB(type: InstanceType): number {
  return type.memoryMiB - Math.ceil(type.memoryMiB * VM_MEMORY_OVERHEAD_FRACTION);
}

/**
 * ECS tasks per instance in awsvpc mode: every task takes an ENI and the primary ENI counts against
 * the limit, so ENIs − 1 (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html:
 * "a c5.large instance may have up to three ENIs ... you can typically only run two such tasks").
 * ENI trunking raises this per type, but the limits are not in the catalog, so it is not modelled.
 */
function ecsMaxTasks(type: InstanceType, networkMode: 'awsvpc' | 'bridge' | 'host'): number {
  if (networkMode !== 'awsvpc') return UNLIMITED_TASKS;
  return type.enis === null ? 0 : Math.max(0, type.enis - 1);
}

/**
 * Allocatable capacity of one node. EKS follows the EKS AMI's kubelet settings (kube-reserved CPU and
 * memory, 100 MiB hard eviction, max pods from the VPC CNI ENI formula in `maxPodsEks`, see
 * https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html#determine-max-pods);
 * ECS follows the container agent (registered memory minus ECS_RESERVED_MEMORY, all CPU, ENI limit in
 * awsvpc mode). Daemon requests are taken from every node, and each daemon uses one task slot.
 */
export function nodeCapacity(
  type: InstanceType,
  orchestrator: Orchestrator,
  daemonSets: readonly DaemonSetRequest[] = [],
  ecs: EcsCapacityOptions = {},
  eks: EksCapacityOptions = {},
): NodeCapacity {
  const daemonVcpu = daemonSets.reduce((sum, d) => sum + d.vcpu, 0);
  const daemonMemory = daemonSets.reduce((sum, d) => sum + d.memoryMiB, 0);
  let millicores: number;
  let memoryMiB: number;
  let maxTasks: number;
  if (orchestrator === 'eks') {
    // The cap lowers max pods, and with it the memory kube-reserved keeps per pod (docs/aws-managed-nodes.md).
    const maxPods = Math.min(type.maxPodsEks, eks.maxPodsCap ?? Number.POSITIVE_INFINITY);
    millicores = Math.round(type.vcpu * 1000) - eksKubeReservedMillicores(type.vcpu);
    // Windows nodes keep the Linux AMI's reserve for the Linux pod count (no Windows figure is sourced
    // here; the larger count reserves more, so Windows capacity is never overstated) and hold fewer pods.
    memoryMiB = osVisibleMemoryMiB(type) - eksKubeReservedMemoryMiB(maxPods) - EKS_EVICTION_HARD_MIB;
    // maxPodsEks already counts the two host-network pods (aws-node, kube-proxy): that is the "+ 2". A
    // Windows node runs neither as a pod (sizing/ec2-fleet.ts leaves them out of its daemons); each daemon
    // it is given is a pod with an address of the node's one ENI, so it takes a slot there too.
    maxTasks = (eks.windows ? Math.min(maxPods, eksWindowsMaxPods(type)) : maxPods) - daemonSets.length;
  } else {
    millicores = Math.round(type.vcpu * 1000);
    memoryMiB = osVisibleMemoryMiB(type) - (ecs.reservedMemoryMiB ?? ECS_DEFAULT_RESERVED_MEMORY_MIB);
    const networkMode = ecs.networkMode ?? 'awsvpc';
    const limit = ecsMaxTasks(type, networkMode);
    maxTasks = limit === UNLIMITED_TASKS ? limit : limit - (networkMode === 'awsvpc' ? daemonSets.length : 0);
  }
  millicores -= Math.ceil(daemonVcpu * 1000);
  memoryMiB -= Math.ceil(daemonMemory);
  return {
    vcpu: Math.max(0, millicores) / 1000,
    memoryMiB: Math.max(0, Math.floor(memoryMiB)),
    maxTasks: Math.max(0, maxTasks),
    gpus: type.gpuCount,
  };
}

/**
 * A node's capacity as a fleet solve with these options sees it: the orchestrator's reserves, the per-node
 * daemons, the ECS network mode and agent reserve, the EKS pod cap and Windows pod limit, and the disk's task
 * limit. The optimizer's catalog and the check that some type holds each task (sizing/node-fit.ts) both read it.
 */
export function fleetNodeCapacity(type: InstanceType, options: FleetOptions): NodeCapacity {
  return limitTasks(
    nodeCapacity(
      type,
      options.orchestrator,
      options.daemonSets,
      { networkMode: options.ecsNetworkMode ?? 'awsvpc', reservedMemoryMiB: options.ecsReservedMemoryMiB },
      { maxPodsCap: options.eksMaxPodsCap, windows: options.eksWindowsNodes === true },
    ),
    options.maxTasksPerNode,
  );
}

/**
 * A node's capacity with at most `maxTasks` tasks (FleetOptions.maxTasksPerNode: what its disk can hold the
 * ephemeral storage of); the same capacity when there is no such limit.
 */
export function limitTasks(capacity: NodeCapacity, maxTasks: number | undefined): NodeCapacity {
  if (maxTasks === undefined || capacity.maxTasks <= maxTasks) return capacity;
  return { ...capacity, maxTasks: Math.max(0, maxTasks) };
}
