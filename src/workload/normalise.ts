/** @module normalise: validates a workload and turns it into the normalised form every later stage reads. */
import type { z } from 'zod';
import { BerthError, type Issue } from '../errors.js';
import type { NormalisedService, NormalisedWorkload } from './normalised-schema.js';
import { expandProfile, summariseProfile } from './profile.js';
import { WorkloadSchema } from './schema.js';
import { parseCpu, parseMemoryMiB } from './units.js';

/** Validates raw input (already decoded from YAML/JSON) and normalises it; throws INVALID_WORKLOAD. */
export function normaliseWorkload(input: unknown): NormalisedWorkload {
  const parsed = WorkloadSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new BerthError(
      'INVALID_WORKLOAD',
      `invalid workload: ${issues.length} problem${issues.length === 1 ? '' : 's'} found (${issues
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')})`,
      { issues },
    );
  }
  const workload = parsed.data;
  const notes: string[] = [];
  const services = workload.services.map((service, index) => {
    const cpu = parseCpu(service.cpu);
    const memory = parseMemoryMiB(service.memory);
    // The schema has already accepted both quantities, so these parses succeed.
    if (!cpu.ok || !memory.ok)
      throw new BerthError('INTERNAL', `services[${index}]: quantity parse disagreed with the schema`);
    if (memory.note) notes.push(`services[${index}].memory: ${memory.note}`);
    const replicas =
      typeof service.replicas === 'number'
        ? { min: service.replicas, max: service.replicas, fixed: true }
        : { ...service.replicas, fixed: false };
    const traffic = service.traffic ?? workload.traffic;
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
      architecture: service.architecture,
      os: service.os,
      gpus,
      needs: {
        ...service.needs,
        persistentVolume: service.needs.persistentVolume ?? null,
        ephemeralStorageGiB: service.needs.ephemeralStorageGiB ?? null,
      },
      exposure: service.exposure,
      port: service.port,
      image: service.image ?? null,
      interruptible: service.interruptible ?? workload.requirements.spotTolerant,
      traffic,
      profile,
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

/** Formats a path the way users write it: `services[2].memory`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** A short, safe rendering of what was given: values are echoed, capped, never whole documents. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => {
    const base: Issue = { path: formatPath(issue.path), code: issue.code, message: issue.message };
    if (issue.code === 'invalid_type') base.expected = String(issue.expected);
    if (issue.input !== undefined && issue.code !== 'unrecognized_keys')
      base.received = describeValue(issue.input);
    if (issue.code === 'unrecognized_keys') {
      base.message = `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}: not part of the workload schema (check the spelling)`;
    }
    return base;
  });
}
