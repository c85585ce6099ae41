/**
 * @module kept-pod: which services from 0 replicas keep one pod or task running because nothing can start
 * them from zero, and the replica profile they are priced with, so that what is priced is what the starter
 * code launches.
 */
import type { Compute, OperatingSystem, Orchestrator } from '../model/vocabulary.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { expandProfile, summariseProfile } from '../workload/profile.js';
import { type ServiceKind, serviceKind } from './service-kind.js';

/** What decides whether a service is a fan-out worker and whether its pods get EKS Pod Identity. */
export interface WorkerShape {
  kind: ServiceKind;
  exposure: 'public' | 'internal' | 'none';
  replicas: { min: number; autoscaled: boolean };
  compute: Compute;
  os: OperatingSystem;
}

/** A long-running service given as a range scales between its bounds; a fixed count or a job does not. */
export function isAutoscaled(service: Pick<NormalisedService, 'replicas'>, kind: ServiceKind): boolean {
  return !service.replicas.fixed && kind === 'service';
}

/** A fan-out worker scales from zero (minimum 0 replicas) and takes no traffic from a load balancer. */
export function isFanOutWorker(shape: Pick<WorkerShape, 'kind' | 'exposure' | 'replicas'>): boolean {
  return (
    shape.kind === 'service' &&
    shape.exposure === 'none' &&
    shape.replicas.autoscaled &&
    shape.replicas.min === 0
  );
}

/**
 * EKS Pod Identity works on Linux EC2 nodes, not on Fargate or Windows pods
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html). Without it a worker gets no queue
 * role, so neither its queue nor KEDA, which reads the backlog, can start it from zero.
 */
export function hasPodIdentity(placement: Pick<WorkerShape, 'compute' | 'os'>): boolean {
  return placement.compute === 'ec2' && placement.os === 'linux';
}

/**
 * A service that may scale to zero keeps one pod (or task) unless a queue's backlog starts it again. At zero
 * there is no CPU metric, so CPU target tracking never scales it out (ECS: Application Auto Scaling;
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html),
 * and on EKS an HPA's minimum is at least 1 (it cannot scale to zero without the HPAScaleToZero feature gate,
 * https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/). The queue serves only fan-out
 * workers: on ECS always (a task role works on any compute), on EKS where Pod Identity lets KEDA read it. A
 * service behind a load balancer, or an EKS worker on Fargate or Windows, keeps one, in every hour the
 * profile has none.
 */
export function keepsOnePod(orchestrator: Orchestrator, shape: WorkerShape): boolean {
  if (shape.kind !== 'service' || !shape.replicas.autoscaled || shape.replicas.min !== 0) return false;
  const queueStartsIt = isFanOutWorker(shape) && (orchestrator === 'ecs' || hasPodIdentity(shape));
  return !queueStartsIt;
}

/** The fewest replicas the starter code's autoscaler keeps: the workload's minimum, or 1 where one is kept. */
export function keptMinimum(orchestrator: Orchestrator, shape: WorkerShape): number {
  return keepsOnePod(orchestrator, shape) ? 1 : shape.replicas.min;
}

/** The worker shape of a normalised service placed on some compute (what the starter code's plan holds). */
export function toWorkerShape(service: NormalisedService, compute: Compute): WorkerShape {
  const kind = serviceKind(service);
  return {
    kind,
    exposure: service.exposure,
    replicas: { min: service.replicas.min, autoscaled: isAutoscaled(service, kind) },
    compute,
    os: service.os,
  };
}

/**
 * The service as priced on a placement: where it keeps one pod, its minimum is 1 (an explicit hourly profile
 * is raised to 1 in every hour below it), and its profile and statistics follow, so Fargate pod-hours and the
 * EC2 fleet's minute-by-minute levels both count the kept pod. Otherwise the service itself.
 */
export function pricedService(
  service: NormalisedService,
  orchestrator: Orchestrator,
  compute: Compute,
): NormalisedService {
  if (!keepsOnePod(orchestrator, toWorkerShape(service, compute))) return service;
  const replicas = { ...service.replicas, min: Math.max(1, service.replicas.min) };
  const traffic =
    service.traffic.pattern === 'profile'
      ? { ...service.traffic, hourly: service.traffic.hourly.map((r) => Math.max(1, r)) }
      : service.traffic;
  const profile = expandProfile(traffic, replicas, replicas.fixed);
  const stats = summariseProfile(profile);
  const peakReplicas = Math.max(service.stats.peakReplicas, stats.peak);
  return { ...service, replicas, traffic, profile, stats: { ...stats, peakReplicas } };
}

/**
 * What a candidate's cost says about a worker priced with its kept pod (null where none is kept), so the
 * extra pod-hours against the same worker on ECS or on Linux nodes are explained where they are billed.
 */
export function describeKeptPod(
  service: NormalisedService,
  orchestrator: Orchestrator,
  compute: Compute,
): string | null {
  const priced = pricedService(service, orchestrator, compute);
  if (priced === service) return null;
  const added = priced.stats.replicaHoursPerWeek - service.stats.replicaHoursPerWeek;
  const why = isFanOutWorker(toWorkerShape(service, compute))
    ? `EKS Pod Identity does not work on ${compute === 'fargate' ? 'Fargate' : 'Windows'} pods, so no SQS queue or KEDA can start it from zero, and the CPU autoscaler the starter code gives it keeps at least 1 pod`
    : orchestrator === 'eks'
      ? 'the HorizontalPodAutoscaler the starter code gives it cannot scale to zero, so it keeps at least 1 pod'
      : 'at zero tasks it has no CPU metric to scale out on, so the starter code keeps at least 1 task';
  const unit = orchestrator === 'eks' ? 'pod' : 'task';
  return `${service.name} is priced with one ${unit} in the hours the workload runs none (${formatHours(added)} more ${unit}-hours a week): ${why}.`;
}

function formatHours(hours: number): string {
  return Number(hours.toFixed(2)).toLocaleString('en-US');
}
