/**
 * @module stack-plan: what a generated stack contains, read from the recommendation once and shared by
 * every target, so Terraform, CloudFormation and Kubernetes agree on sizes, counts and placements.
 */
import type { Candidate, Compute } from '../advisor/candidate.js';
import type { FargateSizing } from '../advisor/candidate-cost.js';
import type { Recommendation } from '../advisor/recommendation.js';
import { BerthError } from '../errors.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { NormalisedService } from '../workload/normalise.js';
import { toSlug } from './names.js';
import { type NodePool, planNodePools } from './node-pools.js';

export type ServiceKind = 'service' | 'batch' | 'daemon';

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
  /** The node pools the service runs on (EC2 only): one, or every pool for a per-node agent. */
  pools: string[];
  /** What the workload asked for one task or pod. */
  requested: { vcpu: number; memoryMiB: number };
  /** The size Fargate bills (ECS: the task size; EKS: the pod size after its 256 MiB overhead); null on EC2. */
  fargateSize: { vcpu: number; memoryMiB: number } | null;
  architecture: 'x86_64' | 'arm64';
  os: 'linux' | 'windows';
  /** Fargate Spot (ECS) or a Spot node pool. */
  spot: boolean;
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
}

export interface StackPlan {
  /** The workload name as a slug: the prefix of every AWS name. */
  name: string;
  region: string;
  candidate: Candidate;
  orchestrator: 'ecs' | 'eks';
  services: ServicePlan[];
  pools: NodePool[];
  eksSupportType: 'STANDARD' | 'EXTENDED';
}

/** Reads one priced candidate of a recommendation into a plan; the caller has checked it has a cost. */
export function planStack(
  rec: Recommendation,
  candidate: Candidate,
  findInstanceType: (name: string) => InstanceType | undefined,
): StackPlan {
  const cost = candidate.cost;
  if (cost === null) throw new BerthError('INTERNAL', `plan ${candidate.id}: the candidate has no cost`);
  const placements = new Map(candidate.placements.map((p) => [p.service, p.compute]));
  const fargate = new Map(cost.fargate.map((f) => [f.service, f]));
  const ec2Services = rec.workload.services.filter((s) => placements.get(s.name) === 'ec2');
  const pools = planNodePools({
    candidate,
    services: ec2Services,
    fleet: cost.fleet,
    spot: cost.ec2Spot,
    findInstanceType,
  });
  const services = rec.workload.services.map((service) => {
    const compute = placements.get(service.name) ?? 'fargate';
    const sizing = fargate.get(service.name);
    if (compute === 'fargate' && sizing === undefined)
      throw new BerthError('INTERNAL', `plan ${candidate.id}: ${service.name} has no Fargate size`);
    return planService(service, compute, sizing ?? null, pools);
  });
  return {
    name: toSlug(rec.workload.name),
    region: rec.workload.region,
    candidate,
    orchestrator: candidate.orchestrator,
    services,
    pools,
    eksSupportType: rec.workload.requirements.eksExtendedSupport ? 'EXTENDED' : 'STANDARD',
  };
}

function planService(
  service: NormalisedService,
  compute: Compute,
  sizing: FargateSizing | null,
  pools: readonly NodePool[],
): ServicePlan {
  const hosting = pools.filter((p) => p.services.includes(service.name));
  const firstPool = hosting[0];
  const kind: ServiceKind = service.needs.daemon
    ? 'daemon'
    : service.traffic.pattern === 'batch' && service.replicas.fixed
      ? 'batch'
      : 'service';
  const traffic = service.traffic;
  const { min, max, fixed } = service.replicas;
  return {
    name: service.name,
    kind,
    compute,
    pools: hosting.map((p) => p.name),
    requested: { vcpu: service.vcpu, memoryMiB: service.memoryMiB },
    fargateSize: sizing === null ? null : { vcpu: sizing.billed.vcpu, memoryMiB: sizing.billed.memoryMiB },
    architecture: sizing?.architecture ?? firstPool?.architecture ?? 'x86_64',
    os: service.os,
    spot: compute === 'fargate' ? (sizing?.spot ?? false) : (firstPool?.spot ?? false),
    replicas: { min, max, desired: fixed ? max : min, autoscaled: !fixed && kind === 'service' },
    batch:
      kind === 'batch' && traffic.pattern === 'batch'
        ? {
            startHour: traffic.startHour,
            durationHours: traffic.durationHours,
            daysPerWeek: traffic.daysPerWeek,
            tasks: max,
          }
        : null,
    exposure: kind === 'service' ? service.exposure : 'none',
    port: service.port,
    image: service.image,
    gpus: service.gpus.count,
    persistentVolume: service.needs.persistentVolume,
    ephemeralStorageGiB: service.needs.ephemeralStorageGiB,
    privileged: service.needs.privileged,
    hostNetworking: service.needs.hostNetworking,
  };
}

/** The services of a plan placed on one kind of compute, in workload order. */
export function servicesOn(plan: StackPlan, compute: Compute): ServicePlan[] {
  return plan.services.filter((s) => s.compute === compute);
}
