/**
 * @module copilot: imports AWS Copilot service and job manifests: Load Balanced Web Service, Backend
 * Service, Worker Service and Scheduled Job, with cpu, memory, count (a range, spot), platform and exec.
 */

import { checkCopilotKeys } from './copilot-keys.js';
import { describeDataService } from './data-services.js';
import { FieldReader, isFields } from './field-reader.js';
import { emptyOutput, type Importer } from './importer.js';
import { parsePlatform } from './platform.js';
import { ecsUnitsToVcpu } from './quantities.js';
import { scheduleToTraffic } from './schedule.js';
import { addNote, createDraft, idleBetweenRuns, type ServiceDraft, setField } from './service-draft.js';

export const COPILOT_TYPES = [
  'Load Balanced Web Service',
  'Backend Service',
  'Worker Service',
  'Scheduled Job',
] as const;
const NOT_IMPORTED_TYPES: Record<string, string> = {
  'Request-Driven Web Service': 'it runs on AWS App Runner, outside ECS and EKS',
  'Static Site': 'it is served from S3 and CloudFront, with no containers',
};

/**
 * Copilot's defaults when a manifest leaves cpu or memory out: 256 CPU units and 512 MiB
 * (https://aws.github.io/copilot-cli/docs/manifest/lb-web-service/, `cpu` and `memory`).
 */
const COPILOT_DEFAULT_CPU_UNITS = 256;
const COPILOT_DEFAULT_MEMORY_MIB = 512;

export const importCopilot: Importer = (docs, context) => {
  const out = emptyOutput();
  for (const doc of docs) {
    const reader = new FieldReader(doc, context.problems);
    if (reader.record([]) === undefined) continue;
    const name = reader.string(['name']);
    const type = reader.string(['type']);
    if (name === undefined || type === undefined) {
      reader.problem([], 'not a Copilot manifest: expected name and type');
      continue;
    }
    if (type in NOT_IMPORTED_TYPES) {
      out.skipped.push(`${reader.at()} ${type} ${name}: ${NOT_IMPORTED_TYPES[type]}`);
      continue;
    }
    if (!(COPILOT_TYPES as readonly string[]).includes(type)) {
      reader.problem(
        ['type'],
        `unknown Copilot manifest type "${type}": expected one of ${COPILOT_TYPES.join(', ')}`,
      );
      continue;
    }
    checkCopilotKeys(reader, type);
    out.drafts.push(importManifest(reader, name, type));
  }
  return out;
};

function importManifest(reader: FieldReader, name: string, type: string): ServiceDraft {
  const draft = createDraft(name, reader.at());
  const cpu = reader.number(['cpu']);
  setField(
    draft,
    'cpu',
    ecsUnitsToVcpu(cpu ?? COPILOT_DEFAULT_CPU_UNITS),
    cpu === undefined
      ? `assumed: Copilot's default of ${COPILOT_DEFAULT_CPU_UNITS} CPU units`
      : `${reader.source(['cpu'])}: ${cpu} CPU units / 1024`,
  );
  const memory = reader.number(['memory']);
  setField(
    draft,
    'memory',
    `${memory ?? COPILOT_DEFAULT_MEMORY_MIB} MiB`,
    memory === undefined
      ? `assumed: Copilot's default of ${COPILOT_DEFAULT_MEMORY_MIB} MiB`
      : reader.source(['memory']),
  );
  const location = reader.string(['image', 'location']);
  if (location !== undefined) setField(draft, 'image', location, reader.source(['image', 'location']));
  else if (reader.get(['image', 'build']) !== undefined)
    addNote(
      draft,
      'assumed',
      'built from a Dockerfile (image.build): nothing is built, and the image is not named',
      reader.at(['image', 'build']),
    );
  const port = reader.number(['image', 'port']);
  if (port !== undefined) setField(draft, 'port', port, reader.source(['image', 'port']));
  readCount(reader, draft);
  readPlatform(reader, draft);
  if (reader.get(['exec']) !== undefined)
    addNote(
      draft,
      'unsupported',
      'exec (ECS Exec into running tasks) works on Fargate and EC2 alike: no field in a Berth workload',
      reader.at(['exec']),
    );
  const ephemeral = reader.number(['storage', 'ephemeral']);
  if (ephemeral !== undefined)
    setField(draft, 'needs.ephemeralStorageGiB', ephemeral, reader.source(['storage', 'ephemeral']));
  if (reader.record(['storage', 'volumes']) !== undefined)
    addNote(
      draft,
      'unsupported',
      'storage.volumes (EFS): shared file storage is priced outside Berth',
      reader.at(['storage', 'volumes']),
    );
  if (reader.record(['environments']) !== undefined)
    addNote(
      draft,
      'assumed',
      "environments overrides are not applied: the manifest's top-level values are imported",
      reader.at(['environments']),
    );

  if (type === 'Load Balanced Web Service') {
    if (reader.get(['http']) === false)
      addNote(draft, 'assumed', 'http: false, so no load balancer', reader.at(['http']));
    else
      setField(
        draft,
        'exposure',
        'public',
        `${reader.source(['type'])} ${type}: behind a public Application Load Balancer`,
      );
  } else if (type === 'Backend Service') {
    if (reader.get(['http', 'path']) !== undefined)
      setField(
        draft,
        'exposure',
        'internal',
        `${reader.source(['http'])} Backend Service with http: an internal load balancer`,
      );
  } else if (type === 'Worker Service') {
    const topics = reader.list(['subscribe', 'topics']) ?? [];
    addNote(
      draft,
      'assumed',
      `a Worker Service reads an SQS queue${topics.length > 0 ? ` fed by ${topics.length} SNS topic(s)` : ''}; the queue itself is priced outside Berth`,
      reader.at(['subscribe']),
    );
  } else readSchedule(reader, draft);
  const warning = describeDataService(location, []);
  if (warning !== null) addNote(draft, 'warning', warning, draft.origin);
  return draft;
}

/** `count: 3`, `count: { range: 1-10 | {min, max, spot_from}, cpu_percentage, ... }` or `count: { spot: 2 }`. */
function readCount(reader: FieldReader, draft: ServiceDraft): void {
  const count = reader.get(['count']);
  if (count === undefined) {
    draft.sources.replicas = 'assumed: no count, and Copilot runs 1 task by default';
    return;
  }
  if (typeof count === 'number') {
    if (count >= 1) setField(draft, 'replicas', count, reader.source(['count']));
    return;
  }
  if (!isFields(count)) {
    reader.problem(['count'], 'expected a number or a map with range or spot');
    return;
  }
  if (typeof count.spot === 'number') {
    setField(draft, 'replicas', Math.max(1, count.spot), reader.source(['count', 'spot']));
    setField(draft, 'interruptible', true, `${reader.source(['count', 'spot'])}: Fargate Spot`);
    return;
  }
  const range = count.range;
  let min: number | undefined;
  let max: number | undefined;
  if (typeof range === 'string') {
    const match = /^(\d+)-(\d+)$/.exec(range.trim());
    if (match) [min, max] = [Number(match[1]), Number(match[2])];
  } else if (isFields(range)) {
    min = typeof range.min === 'number' ? range.min : undefined;
    max = typeof range.max === 'number' ? range.max : undefined;
    if (typeof range.spot_from === 'number') {
      setField(
        draft,
        'interruptible',
        true,
        `${reader.source(['count', 'range', 'spot_from'])}: tasks from number ${range.spot_from} on run on Fargate Spot`,
      );
      addNote(
        draft,
        'assumed',
        `spot_from ${range.spot_from}: the first ${range.spot_from - 1} task(s) run on demand; Berth's own Spot split replaces it`,
        reader.at(['count', 'range']),
      );
    }
  }
  if (min === undefined || max === undefined) {
    reader.problem(
      ['count', 'range'],
      `expected a range such as "1-10" or { min, max }, got ${JSON.stringify(range)}`,
    );
    return;
  }
  setField(draft, 'replicas', { min, max }, reader.source(['count', 'range']));
}

function readPlatform(reader: FieldReader, draft: ServiceDraft): void {
  const platform = reader.get(['platform']);
  if (platform === undefined) {
    draft.sources.architecture = 'assumed: no platform, and Copilot defaults to linux/x86_64';
    return;
  }
  const text =
    typeof platform === 'string'
      ? platform
      : isFields(platform)
        ? `${String(platform.osfamily ?? 'linux')}/${String(platform.architecture ?? 'x86_64')}`
        : '';
  const parsed = parsePlatform(text.replace(/^windows_server_\w+/i, 'windows'));
  if (parsed === null) {
    reader.problem(
      ['platform'],
      `expected a platform such as linux/x86_64 or linux/arm64, got ${JSON.stringify(platform)}`,
    );
    return;
  }
  if (parsed.architecture) setField(draft, 'architecture', parsed.architecture, reader.source(['platform']));
  if (parsed.os === 'windows') setField(draft, 'os', 'windows', reader.source(['platform']));
}

function readSchedule(reader: FieldReader, draft: ServiceDraft): void {
  const schedule = reader.string(['on', 'schedule']);
  if (schedule === undefined) {
    reader.problem(['on', 'schedule'], 'a Scheduled Job needs on.schedule');
    return;
  }
  const timeout = reader.string(['timeout']);
  const hours = timeout === undefined ? undefined : parseGoDurationHours(timeout);
  if (timeout !== undefined && hours === undefined)
    reader.problem(['timeout'], `expected a duration such as "1h30m", got "${timeout}"`);
  const replicas = typeof draft.fields.replicas === 'number' ? draft.fields.replicas : 1;
  const result = scheduleToTraffic(schedule, hours ?? 1, replicas);
  if (!result.ok) {
    reader.problem(['on', 'schedule'], result.message);
    return;
  }
  const duration =
    hours === undefined
      ? 'assumed: each run lasts 1 hour (no timeout given)'
      : `${reader.source(['timeout'])}: at most this long`;
  if (result.traffic !== null)
    setField(
      draft,
      'traffic',
      result.traffic,
      `${reader.source(['on', 'schedule'])} "${schedule}"; ${duration}`,
    );
  if (result.traffic !== null) idleBetweenRuns(draft, result.traffic, replicas);
  for (const note of result.notes) addNote(draft, 'assumed', note, reader.at(['on', 'schedule']));
}

function parseGoDurationHours(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  return Number(match[1] ?? 0) + Number(match[2] ?? 0) / 60 + Number(match[3] ?? 0) / 3600;
}
