/**
 * @module stack-plan: what a generated stack contains, read from the recommendation once and shared by
 * every target, so Terraform, CloudFormation and Kubernetes agree on sizes, counts and placements.
 */

import { isAutoscaled } from '../deployment/kept-pod.js';
import { type ServiceKind, serviceKind } from '../deployment/service-kind.js';
import { BerthError } from '../errors.js';
import type { Candidate } from '../model/candidate.js';
import type { FargateSizing } from '../model/cost.js';
import type { LoadBalancer, NodePool, RootVolume, SystemNodes } from '../model/deployment.js';
import type { Recommendation } from '../model/recommendation.js';
import type { Architecture, Compute, OperatingSystem, Orchestrator } from '../model/vocabulary.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { toSlug } from './names.js';

/** A batch service runs `tasks` copies from `startHour` (UTC) for `durationHours`, on the first `daysPerWeek` days from Monday. */
export interface BatchSchedule {
  startHour: number;
  durationHours: number;
  daysPerWeek: number;
  tasks: number;
}

export interface ServicePlan {
  name: string;
  kind: ServiceKind;
  compute: Compute;
  /** On EC2 instances that ECS Managed Instances launches and runs (the `ecs-managed-instances` candidate). */
  managedInstances: boolean;
  /** The node pools the service runs on (EC2 only): one, or every pool for a per-node agent. */
  pools: string[];
  /** Its pool is a GPU pool: the optimizer placed it on GPU nodes, so it tolerates their taint. */
  onGpuPool: boolean;
  /** What the workload asked for one task or pod. */
  requested: { vcpu: number; memoryMiB: number };
  /** The size Fargate bills (ECS: the task size; EKS: the pod size after its 256 MiB overhead); null on EC2. */
  fargateSize: { vcpu: number; memoryMiB: number } | null;
  architecture: Architecture;
  os: OperatingSystem;
  /** Fargate Spot (ECS) or a Spot node pool. */
  spot: boolean;
  /** Tasks kept on regular Fargate beneath the Spot ones (the capacity provider base), as priced. */
  onDemandBaseTasks: number;
  replicas: { min: number; max: number; desired: number; autoscaled: boolean };
  batch: BatchSchedule | null;
  exposure: 'public' | 'internal' | 'none';
  port: number;
  image: string | null;
  gpus: number;
  persistentVolume: { sizeGiB: number; durable: boolean } | null;
  ephemeralStorageGiB: number | null;
  privileged: boolean;
  hostNetworking: boolean;
  /**
   * At most one task on a node, as priced (the workload's `needs.onePerNode`): EC2 only, since Fargate runs
   * each task on its own anyway. EKS asks for required pod anti-affinity on the hostname, ECS for `distinctInstance`.
   */
  onePerNode: boolean;
}

export interface StackPlan {
  /** The workload name as a slug: the prefix of every AWS name. */
  name: string;
  region: string;
  candidate: Candidate;
  orchestrator: Orchestrator;
  services: ServicePlan[];
  pools: NodePool[];
  /** The candidate's load balancers, as priced. */
  loadBalancers: LoadBalancer[];
  eksSupportType: 'STANDARD' | 'EXTENDED';
  /** Availability Zones the subnets span, as priced (network.availabilityZones: ALB addresses, Managed Instances' spread). */
  availabilityZones: number;
  /** The EKS system node group, as priced (deployment/system-nodes.ts), or null. */
  systemNodes: SystemNodes | null;
  /** The node pools' disks, as priced (deployment/root-volumes.ts). */
  rootVolumes: RootVolume[];
}

/** The candidate whose EC2 instances ECS Managed Instances runs. */
export const MANAGED_INSTANCES_CANDIDATE = 'ecs-managed-instances';

/** True for a stack whose EC2 capacity is ECS Managed Instances rather than Auto Scaling groups. */
export function usesManagedInstances(plan: Pick<StackPlan, 'candidate'>): boolean {
  return plan.candidate.id === MANAGED_INSTANCES_CANDIDATE;
}

/** Reads one priced candidate of a recommendation into a plan; the caller has checked it has a cost. */
export function planStack(rec: Recommendation, candidate: Candidate): StackPlan {
  const cost = candidate.cost;
  if (cost === null) throw new BerthError('INTERNAL', `plan ${candidate.id}: the candidate has no cost`);
  const placements = new Map(candidate.placements.map((p) => [p.service, p.compute]));
  const fargate = new Map(cost.fargate.map((f) => [f.service, f]));
  const deployment = candidate.deployment;
  if (deployment === null)
    throw new BerthError('INTERNAL', `plan ${candidate.id}: the candidate has no deployment decisions`);
  if (deployment.nodePoolProblem !== null)
    throw new BerthError('UNSUPPORTED_IAC_TARGET', deployment.nodePoolProblem);
  const pools = deployment.nodePools;
  const services = rec.workload.services.map((service) => {
    const compute = placements.get(service.name) ?? 'fargate';
    const sizing = fargate.get(service.name);
    if (compute === 'fargate' && sizing === undefined)
      throw new BerthError('INTERNAL', `plan ${candidate.id}: ${service.name} has no Fargate size`);
    const managed = compute === 'ec2' && candidate.id === MANAGED_INSTANCES_CANDIDATE;
    return planService(service, compute, managed, sizing ?? null, pools, deployment.loadBalancers);
  });
  return {
    name: toSlug(rec.workload.name),
    region: rec.workload.region,
    candidate,
    orchestrator: candidate.orchestrator,
    services,
    pools,
    loadBalancers: deployment.loadBalancers,
    eksSupportType: rec.workload.requirements.eksExtendedSupport ? 'EXTENDED' : 'STANDARD',
    availabilityZones: rec.workload.network.availabilityZones,
    systemNodes: deployment.systemNodes,
    rootVolumes: deployment.rootVolumes,
  };
}

function planService(
  service: NormalisedService,
  compute: Compute,
  managedInstances: boolean,
  sizing: FargateSizing | null,
  pools: readonly NodePool[],
  loadBalancers: readonly LoadBalancer[],
): ServicePlan {
  const hosting = pools.filter((p) => p.services.includes(service.name));
  const firstPool = hosting[0];
  const kind = serviceKind(service);
  const traffic = service.traffic;
  const { min, max, fixed } = service.replicas;
  return {
    name: service.name,
    kind,
    compute,
    managedInstances,
    pools: hosting.map((p) => p.name),
    onGpuPool: firstPool?.gpu ?? false,
    requested: { vcpu: service.vcpu, memoryMiB: service.memoryMiB },
    fargateSize: sizing === null ? null : { vcpu: sizing.billed.vcpu, memoryMiB: sizing.billed.memoryMiB },
    architecture: sizing?.architecture ?? firstPool?.architecture ?? 'x86_64',
    os: service.os,
    spot: compute === 'fargate' ? (sizing?.spot ?? false) : (firstPool?.spot ?? false),
    onDemandBaseTasks: sizing?.onDemandBaseTasks ?? 0,
    replicas: { min, max, desired: fixed ? max : min, autoscaled: isAutoscaled(service, kind) },
    batch:
      kind === 'batch' && traffic.pattern === 'batch'
        ? {
            startHour: traffic.startHour,
            durationHours: traffic.durationHours,
            daysPerWeek: traffic.daysPerWeek,
            tasks: max,
          }
        : null,
    exposure: loadBalancers.find((lb) => lb.services.includes(service.name))?.scheme ?? 'none',
    port: service.port,
    image: service.image,
    gpus: service.gpus.count,
    persistentVolume: service.needs.persistentVolume,
    ephemeralStorageGiB: service.needs.ephemeralStorageGiB,
    privileged: service.needs.privileged,
    hostNetworking: service.needs.hostNetworking,
    onePerNode: compute === 'ec2' && service.needs.onePerNode,
  };
}

/** The services of a plan placed on one kind of compute, in workload order. */
export function servicesOn(plan: StackPlan, compute: Compute): ServicePlan[] {
  return plan.services.filter((s) => s.compute === compute);
}

/** `at least two Availability Zones` (or the number the workload declares, as priced): subnet variables say it. */
export function zonesWanted(plan: Pick<StackPlan, 'availabilityZones'>): string {
  const n = plan.availabilityZones;
  return `at least ${n === 2 ? 'two' : n} Availability Zones`;
}
