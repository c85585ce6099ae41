/** @module normalise: validates a workload and turns it into the normalised form every later stage reads. */
import { BerthError } from '../errors.js';
import { describeIssues, toIssues } from '../issues.js';
import { keptIn } from '../memo.js';
import { unknownRegionIssue } from './known-regions.js';
import type { NormalisedService, NormalisedWorkload } from './normalised-schema.js';
import { expandProfile, summariseProfile } from './profile.js';
import { DEFAULT_REGION, type Traffic, WorkloadSchema } from './schema.js';
import { parseCpu, parseMemoryMiB } from './units.js';

export interface NormaliseOptions {
  /**
   * The region codes Berth has price data for (data/regions.json, as `berth regions` lists them): a region
   * outside them is an issue of the workload (docs/workload.md#regions-berth-knows). advise() always gives
   * them; without them, any well-formed region code passes.
   */
  regions?: readonly string[];
}

/** Validates raw input (already decoded from YAML/JSON) and normalises it; throws INVALID_WORKLOAD. */
export function normaliseWorkload(input: unknown, options: NormaliseOptions = {}): NormalisedWorkload {
  // An empty file or body decodes to null (YAML) or nothing: say so, not "expected object, received null".
  if (input === null || input === undefined) {
    const message = 'the workload is empty: it needs at least a list of services';
    throw new BerthError('INVALID_WORKLOAD', `invalid workload: ${message}`, {
      issues: [{ path: '(root)', code: 'empty', message }],
    });
  }
  const parsed = WorkloadSchema.safeParse(input, { reportInput: true });
  // The region is checked against the known ones beside the schema, so every problem is still told at once;
  // an absent region is the default, us-east-1.
  const region = parsed.success ? parsed.data.region : regionOf(input);
  const regionIssue = options.regions && unknownRegionIssue(region, options.regions);
  if (!parsed.success || regionIssue) {
    const schemaIssues = parsed.success
      ? []
      : toIssues(parsed.error, { withValues: true, schemaName: 'workload' });
    const issues = regionIssue ? [regionIssue, ...schemaIssues] : schemaIssues;
    const count = (parsed.success ? 0 : parsed.error.issues.length) + (regionIssue ? 1 : 0);
    throw new BerthError(
      'INVALID_WORKLOAD',
      `invalid workload: ${count} problem${count === 1 ? '' : 's'} found (${describeIssues(issues, count)})`,
      { issues },
    );
  }
  const workload = parsed.data;
  const notes: string[] = [];
  // Services whose traffic reads the same share one traffic object: each week's minute profile and the
  // capacity over it are worked out once per traffic object (profile.ts, sizing/ec2-fleet.ts), and a
  // workload of many services repeats a few patterns (65 of the 200-service benchmark's 200).
  const traffics = new Map<string, Traffic>();
  const sharedTraffic = (traffic: Traffic): Traffic =>
    keptIn(traffics, JSON.stringify(traffic), () => traffic);
  const services = workload.services.map((service, index) => {
    const cpu = parseCpu(service.cpu);
    const memory = parseMemoryMiB(service.memory);
    // The schema has already accepted both quantities, so these parses succeed.
    if (!cpu.ok || !memory.ok)
      throw new BerthError('INTERNAL', `services[${index}]: quantity parse disagreed with the schema`);
    if (cpu.note) notes.push(`services[${index}].cpu: ${cpu.note}`);
    if (memory.note) notes.push(`services[${index}].memory: ${memory.note}`);
    const replicas =
      typeof service.replicas === 'number'
        ? { min: service.replicas, max: service.replicas, fixed: true }
        : { ...service.replicas, fixed: false };
    const traffic = sharedTraffic(service.traffic ?? workload.traffic);
    // A range with steady traffic (the default) is priced at its maximum all week: say so, since an imported
    // autoscaling range (an HPA's 3–12) reads as if the movement inside it were priced (docs/workload.md).
    if (!replicas.fixed && replicas.min < replicas.max && traffic.pattern === 'steady')
      notes.push(
        `services[${index}].replicas: the range ${replicas.min}–${replicas.max} with steady traffic is priced at ${replicas.max} replicas all week (steady runs at the maximum); give the service or the workload a traffic pattern (diurnal, spiky, batch, scheduled or an hourly profile) to price the movement inside it`,
      );
    if (service.needs.daemon && service.needs.onePerNode === true)
      notes.push(
        `services[${index}].needs.onePerNode: ignored: a per-node agent (daemon) already runs one copy on every node`,
      );
    const perNode = onePerNode(service.needs, replicas.max);
    if (service.needs.onePerNode === undefined && perNode)
      notes.push(
        `services[${index}].needs.onePerNode: on, the default for a service with a durable persistentVolume and 2 or more replicas: each EC2 node runs at most one of its tasks, so losing a node loses one replica; set it to false to let them share nodes`,
      );
    const profile = expandProfile(traffic, replicas, replicas.fixed);
    const stats = summariseProfile(profile);
    const gpus =
      typeof service.gpus === 'number'
        ? { count: service.gpus, model: null }
        : { count: service.gpus.count, model: service.gpus.model ?? null };
    const normalised: NormalisedService = {
      name: service.name,
      vcpu: cpu.value,
      memoryMiB: Math.ceil(memory.value),
      requested: { cpu: String(service.cpu), memory: String(service.memory) },
      replicas,
      // A multi-arch Windows image runs on x86_64, the one architecture of Windows containers on AWS
      // (docs/workload.md#windows-containers-run-on-x86_64-only).
      architecture:
        service.os === 'windows' && service.architecture === 'any' ? 'x86_64' : service.architecture,
      os: service.os,
      gpus,
      needs: {
        ...service.needs,
        persistentVolume: service.needs.persistentVolume ?? null,
        onePerNode: perNode,
        ephemeralStorageGiB: service.needs.ephemeralStorageGiB ?? null,
      },
      exposure: service.exposure,
      port: service.port,
      image: service.image ?? null,
      imageSizeMB: service.imageSizeMB,
      logGBPerTaskMonth: service.logGBPerTaskMonth,
      interruptible: service.interruptible ?? workload.requirements.spotTolerant,
      traffic,
      profile,
      // The schema keeps a schedule window and a profile hour within replicas (schema.ts,
      // trafficOutsideReplicas), so this is replicas.max, the starter code's autoscaling maximum; only a
      // per-node agent, whose traffic is not checked, can have a profile above it.
      stats: { ...stats, peakReplicas: Math.max(replicas.max, stats.peak) },
    };
    return normalised;
  });
  return {
    name: workload.name,
    region: workload.region,
    services,
    team: workload.team,
    requirements: workload.requirements,
    launchBurst: workload.launchBurst ?? { tasksPerMinute: 0 },
    network: workload.network,
    registryStorageGB: workload.registryStorageGB,
    notes,
  };
}

/**
 * Whether a service runs at most one task per node: as given, else for a replicated service with a durable
 * volume (a broker's or a database replica's log), whose replicas must not share the node whose loss would
 * take several of them (docs/workload.md#one-task-per-node). Never for a per-node agent, one per node already.
 */
function onePerNode(
  needs: {
    daemon: boolean;
    onePerNode?: boolean | undefined;
    persistentVolume?: { durable: boolean } | undefined;
  },
  maxReplicas: number,
): boolean {
  if (needs.daemon) return false;
  return needs.onePerNode ?? (needs.persistentVolume?.durable === true && maxReplicas >= 2);
}

/** The region of input that failed the schema: its own, if it is an object, else the default. */
function regionOf(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  return Object.hasOwn(input, 'region') ? (input as { region?: unknown }).region : DEFAULT_REGION;
}
