/** @module facts: small pure functions that derive the named facts rules read; rules never see the workload. */

import { isFrozenList, keptIn } from '../memo.js';
import { gpuModelMatches, normaliseGpuModel } from '../model/gpu-match.js';
import type { FactValue } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { NormalisedService, NormalisedWorkload } from '../workload/normalised-schema.js';

export interface FactContext {
  instanceTypes: readonly InstanceType[];
  /** Seconds a launch burst may wait behind Fargate's launch throttle (settings/scaling.yaml). */
  launchQueueToleranceSeconds: number;
}

/**
 * Fargate admits task and pod launches through a per-account token bucket: 100 at once, refilled at 20 a
 * second; accounts that launch only EKS pods get a burst of 20 at the same refill rate.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/throttling.html
 */
export const FARGATE_LAUNCH_BUCKET = { burst: 100, eksOnlyBurst: 20, refillPerSecond: 20 } as const;

type WorkloadFact = (w: NormalisedWorkload, ctx: FactContext) => FactValue;
type ServiceFact = (s: NormalisedService, w: NormalisedWorkload, ctx: FactContext) => FactValue;

const GIB = 1024;
const LEVELS = { none: 0, some: 1, expert: 2, low: 0, medium: 1, high: 2 } as const;

/** Ecosystem entries that exist only on Kubernetes. */
const KUBERNETES_ECOSYSTEM: ReadonlySet<string> = new Set(['helm', 'operators', 'crds', 'karpenter']);

const any = (pick: (s: NormalisedService) => boolean) => (w: NormalisedWorkload) => w.services.some(pick);

/** Workload facts, each with the sentence that documents it. */
export const WORKLOAD_FACTS: Record<string, { doc: string; derive: WorkloadFact }> = {
  serviceCount: { doc: 'number of services', derive: (w) => w.services.length },
  totalPeakVcpu: {
    doc: 'sum over services of vCPU per task × peak replicas',
    derive: (w) => sum(w.services, (s) => s.vcpu * s.stats.peakReplicas),
  },
  totalPeakMemoryGiB: {
    doc: 'sum over services of GiB per task × peak replicas',
    derive: (w) => sum(w.services, (s) => (s.memoryMiB / GIB) * s.stats.peakReplicas),
  },
  maxTaskVcpu: {
    doc: 'largest vCPU of any one task',
    derive: (w) => Math.max(...w.services.map((s) => s.vcpu)),
  },
  maxTaskMemoryGiB: {
    doc: 'largest memory of any one task, GiB',
    derive: (w) => Math.max(...w.services.map((s) => s.memoryMiB / GIB)),
  },
  anyGpu: { doc: 'some service needs a GPU', derive: any((s) => s.gpus.count > 0) },
  anyDaemon: { doc: 'some service runs on every node', derive: any((s) => s.needs.daemon) },
  anyWindows: { doc: 'some service runs Windows containers', derive: any((s) => s.os === 'windows') },
  anyPersistentVolume: {
    doc: 'some service needs a block volume',
    derive: any((s) => s.needs.persistentVolume !== null),
  },
  anyInterruptible: { doc: 'some service tolerates Spot interruption', derive: any((s) => s.interruptible) },
  allWindows: {
    doc: 'every service runs Windows containers',
    derive: (w) => w.services.every((s) => s.os === 'windows'),
  },
  needsKubernetesApi: {
    // A service mesh is not one of them: on ECS it is ECS Service Connect (rule service-mesh-on-ecs).
    doc: 'the Kubernetes API or its ecosystem (Helm, operators, CRDs, Karpenter) is required',
    derive: (w) =>
      w.requirements.kubernetesApi || w.requirements.ecosystem.some((e) => KUBERNETES_ECOSYSTEM.has(e)),
  },
  needsServiceMesh: {
    doc: 'services need a service mesh (discovery, connectivity and traffic telemetry between them)',
    derive: (w) => w.requirements.ecosystem.includes('service-mesh'),
  },
  needsKarpenter: {
    doc: 'EKS nodes are to be provisioned by Karpenter',
    derive: (w) => w.requirements.ecosystem.includes('karpenter'),
  },
  needsPortability: {
    // On-premises work alone is not portability: ECS runs it with ECS Anywhere (the EXTERNAL launch type).
    doc: 'the same deployment must also run outside AWS, on other clouds or any standard Kubernetes',
    derive: (w) => w.requirements.portability,
  },
  needsHybrid: {
    doc: 'part of the workload runs in an on-premises data centre',
    derive: (w) => w.requirements.hybrid,
  },
  kubernetesExpertise: {
    doc: "team's Kubernetes experience: 0 none, 1 some, 2 expert",
    derive: (w) => LEVELS[w.team.kubernetesExperience],
  },
  teamSize: { doc: 'engineers in the team', derive: (w) => w.team.size },
  operationsAppetite: {
    doc: "team's appetite for running nodes: 0 low, 1 medium, 2 high",
    derive: (w) => LEVELS[w.team.operationsAppetite],
  },
  spotTolerant: {
    doc: 'the workload tolerates Spot interruption',
    derive: (w) => w.requirements.spotTolerant,
  },
  savingsPlanYears: {
    doc: 'Savings Plans commitment in years (0 none)',
    derive: (w) => ({ none: 0, '1yr': 1, '3yr': 3 })[w.requirements.savingsPlans],
  },
  eksExtendedSupport: {
    doc: 'EKS extended support is wanted',
    derive: (w) => w.requirements.eksExtendedSupport,
  },
  launchBurstPerMinute: {
    doc: 'tasks started in the busiest minute',
    derive: (w) => w.launchBurst.tasksPerMinute,
  },
  fargateLaunchQueueSeconds: {
    doc: "seconds the busiest minute's launches, requested at once, wait for Fargate launch tokens (burst 100, 20 a second)",
    derive: (w) => launchQueueSeconds(w.launchBurst.tasksPerMinute, FARGATE_LAUNCH_BUCKET.burst),
  },
  eksOnlyFargateLaunchQueueSeconds: {
    doc: 'the same wait for an account that launches only EKS pods on Fargate (burst 20, 20 a second)',
    derive: (w) => launchQueueSeconds(w.launchBurst.tasksPerMinute, FARGATE_LAUNCH_BUCKET.eksOnlyBurst),
  },
  launchQueueToleranceSeconds: {
    doc: 'seconds a launch burst may wait behind the Fargate throttle before it counts (settings/scaling.yaml)',
    derive: (_w, ctx) => ctx.launchQueueToleranceSeconds,
  },
  peakToMeanRatio: {
    doc: 'peak over mean of the hourly vCPU demand of the whole workload (1 = flat)',
    derive: (w) => peakToMean(demandProfile(w)),
  },
  utilisation: {
    doc: 'mean over peak of the hourly vCPU demand (1 = flat, what a fleet sized for the peak uses)',
    derive: (w) => 1 / peakToMean(demandProfile(w)),
  },
  activeHoursShare: {
    doc: 'share of the week with any task running',
    derive: (w) => demandProfile(w).filter((v) => v > 0).length / 168,
  },
  runsAtEdge: {
    doc: 'the containers run in an AWS Local Zone, a Wavelength Zone or on an Outpost',
    derive: (w) => w.requirements.edgeLocation !== 'none',
  },
  runsInLocalZone: {
    doc: 'the containers run in an AWS Local Zone',
    derive: (w) => w.requirements.edgeLocation === 'local-zone',
  },
  runsInWavelengthZone: {
    doc: 'the containers run in an AWS Wavelength Zone',
    derive: (w) => w.requirements.edgeLocation === 'wavelength-zone',
  },
  runsOnOutpost: {
    doc: 'the containers run on an AWS Outpost',
    derive: (w) => w.requirements.edgeLocation === 'outpost',
  },
  isGovCloudRegion: {
    doc: 'the region is an AWS GovCloud (US) region',
    derive: (w) => w.region.startsWith('us-gov-'),
  },
};

/** Service facts; a service rule sees these and the workload facts. */
export const SERVICE_FACTS: Record<string, { doc: string; derive: ServiceFact }> = {
  taskVcpu: { doc: 'vCPU per task', derive: (s) => s.vcpu },
  taskMemoryGiB: { doc: 'memory per task, GiB', derive: (s) => s.memoryMiB / GIB },
  gpus: { doc: 'GPUs per task', derive: (s) => s.gpus.count },
  privileged: { doc: 'needs privileged containers', derive: (s) => s.needs.privileged },
  hostNetworking: { doc: 'needs host networking or host ports', derive: (s) => s.needs.hostNetworking },
  daemon: { doc: 'runs one copy per node', derive: (s) => s.needs.daemon },
  persistentVolume: { doc: 'needs a block (EBS) volume', derive: (s) => s.needs.persistentVolume !== null },
  durableVolume: {
    doc: 'needs a block volume whose data outlives the task',
    derive: (s) => s.needs.persistentVolume?.durable === true,
  },
  ephemeralStorageGiB: {
    doc: 'ephemeral storage per task, GiB (0 = default)',
    derive: (s) => s.needs.ephemeralStorageGiB ?? 0,
  },
  customAmi: {
    doc: 'needs a custom AMI, kernel modules, boot arguments or host-wide kernel parameters',
    derive: (s) => s.needs.customAmi,
  },
  namespacedSysctls: {
    doc: 'sets namespaced kernel parameters per task (ECS systemControls, pod sysctls)',
    derive: (s) => s.needs.namespacedSysctls,
  },
  dedicatedTenancy: { doc: 'must run on single-tenant hardware', derive: (s) => s.needs.dedicatedTenancy },
  onePerNode: {
    doc: 'runs at most one task per EC2 node (needs.onePerNode, as given or by default)',
    derive: (s) => s.needs.onePerNode,
  },
  isWindows: { doc: 'runs Windows containers', derive: (s) => s.os === 'windows' },
  isArm64Only: { doc: 'image is arm64 only', derive: (s) => s.architecture === 'arm64' },
  isX86Only: { doc: 'image is x86_64 only', derive: (s) => s.architecture === 'x86_64' },
  peakReplicas: { doc: 'replicas at the peak', derive: (s) => s.stats.peakReplicas },
  minReplicas: { doc: 'replicas at the lowest', derive: (s) => s.replicas.min },
  servicePeakToMean: {
    doc: "peak over mean of the service's hourly replicas",
    derive: (s) => (s.stats.mean > 0 ? s.stats.peakReplicas / s.stats.mean : 1),
  },
  serviceActiveHoursShare: {
    doc: 'share of the week the service runs',
    derive: (s) => s.stats.activeHours / 168,
  },
  interruptible: { doc: 'tolerates Spot interruption', derive: (s) => s.interruptible },
  exposed: { doc: 'reached through a load balancer', derive: (s) => s.exposure !== 'none' },
  fitsSomeInstance: {
    doc: 'some EC2 instance type in the catalog has the architecture, GPUs, vCPU and memory for one task',
    derive: (s, _w, ctx) => fitsSomeInstance(s, ctx.instanceTypes),
  },
};

export const WORKLOAD_FACT_NAMES: ReadonlySet<string> = new Set(Object.keys(WORKLOAD_FACTS));
export const SERVICE_FACT_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(WORKLOAD_FACTS),
  ...Object.keys(SERVICE_FACTS),
]);

export function deriveWorkloadFacts(w: NormalisedWorkload, ctx: FactContext): Record<string, FactValue> {
  return Object.fromEntries(Object.entries(WORKLOAD_FACTS).map(([name, f]) => [name, f.derive(w, ctx)]));
}

export function deriveServiceFacts(
  s: NormalisedService,
  w: NormalisedWorkload,
  ctx: FactContext,
): Record<string, FactValue> {
  return Object.fromEntries(Object.entries(SERVICE_FACTS).map(([name, f]) => [name, f.derive(s, w, ctx)]));
}

/**
 * Whether some type of the catalog holds one task of the service, kept per catalog and task shape: the
 * scan reads up to ~1,400 types, and the services of a workload (and of later ones) repeat a few shapes.
 */
function fitsSomeInstance(s: NormalisedService, types: readonly InstanceType[]): boolean {
  // A caller's own catalog may change in place between calls: only a frozen one is kept (isFrozenList).
  if (!isFrozenList(types)) return types.some((t) => instanceHolds(t, s));
  const byShape = keptIn(fitsByCatalog, types, () => new Map());
  // Every field instanceHolds reads.
  const key = JSON.stringify([s.architecture, s.gpus.count, s.gpus.model, s.vcpu, s.memoryMiB]);
  let fits = byShape.get(key);
  if (fits === undefined) {
    fits = types.some((t) => instanceHolds(t, s));
    if (byShape.size >= MAX_SHAPES) byShape.clear();
    byShape.set(key, fits);
  }
  return fits;
}

const fitsByCatalog = new WeakMap<readonly InstanceType[], Map<string, boolean>>();
const MAX_SHAPES = 1024;

/** Raw instance size check (before orchestrator reserves, which the fleet optimizer applies). */
export function instanceHolds(t: InstanceType, s: NormalisedService): boolean {
  const archOk = s.architecture === 'any' || s.architecture === t.architecture;
  const gpuOk = s.gpus.count === 0 || (t.gpuCount >= s.gpus.count && modelMatches(t, s.gpus.model));
  return archOk && gpuOk && t.vcpu >= s.vcpu && t.memoryMiB >= s.memoryMiB;
}

/** The same matching as the fleet optimizer's: "NVIDIA-A10G", "a10g" and "NVIDIA A10G" all match an A10G. */
function modelMatches(t: InstanceType, model: string | null): boolean {
  return gpuModelMatches(normaliseGpuModel(model), t.gpuModel);
}

/** Total vCPU demand per hour of the week. */
export function demandProfile(w: NormalisedWorkload): number[] {
  const out = new Array<number>(168).fill(0);
  for (const s of w.services) {
    s.profile.forEach((r, h) => {
      out[h] = (out[h] ?? 0) + r * s.vcpu;
    });
  }
  return out;
}

/** Seconds until the last of `tasks` launches requested at once gets a token from a full bucket. */
export function launchQueueSeconds(tasks: number, burst: number): number {
  return Math.max(0, tasks - burst) / FARGATE_LAUNCH_BUCKET.refillPerSecond;
}

function peakToMean(profile: readonly number[]): number {
  const peak = Math.max(...profile);
  const mean = profile.reduce((a, b) => a + b, 0) / profile.length;
  return mean > 0 ? peak / mean : 1;
}

function sum<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((acc, item) => acc + f(item), 0);
}
