/**
 * @module compose: imports a Compose Specification file: services with their resources, replicas,
 * ports, platform, named volumes and health checks. Several files merge as `docker compose -f a -f b`
 * would, service by service; `extends` is followed only into the files given. A key Compose does not
 * have is a problem (compose-keys.ts), so a typo never leaves a service at the default size unsaid.
 */
import { describeValue, listWords } from '../issues.js';
import { checkComposeServiceKeys, checkComposeTopKeys } from './compose-keys.js';
import { describeDataService } from './data-services.js';
import { FieldReader, type Fields, isFields } from './field-reader.js';
import { emptyOutput, type Importer, type ImporterContext } from './importer.js';
import { parsePlatform } from './platform.js';
import { bytesToMiB, parseComposeBytes, roundVcpu } from './quantities.js';
import { addNote, createDraft, type ServiceDraft, setField } from './service-draft.js';
import type { PathKey, SourceDocument } from './source-file.js';
import type { KeptHealthcheck } from './types.js';

/** Keys of a service that bear on where it can run, but have no field in a Berth workload. */
const UNMAPPED_KEYS: Record<string, string> = {
  cap_add: 'added Linux capabilities: Fargate allows only SYS_PTRACE',
  devices: 'host devices: Fargate gives none, so this needs EC2',
  sysctls: 'kernel parameters: Fargate allows only a few namespaced ones',
  runtime: 'a non-default container runtime',
  pid: 'a shared process namespace',
  ipc: 'a shared IPC namespace',
  shm_size: 'a shared-memory size',
  storage_opt: 'storage driver options',
};

/**
 * Keys of a service the import reads (`importService`). Every other key a service has, save the unmapped
 * ones above (each gets its own note) and `x-` extensions, is named in one note as not carried over, so
 * nothing a file says is dropped without a word: `environment`, `env_file`, `entrypoint`, `logging`, ...
 */
const READ_KEYS: ReadonlySet<string> = new Set([
  'build',
  'cpus',
  'deploy',
  'expose',
  'extends',
  'gpus',
  'healthcheck',
  'image',
  'mem_limit',
  'mem_reservation',
  'network_mode',
  'platform',
  'ports',
  'privileged',
  'scale',
  'volumes',
]);

/** A service as found: which document and key path it is written at. */
interface Located {
  doc: SourceDocument;
  path: PathKey[];
  fields: Fields;
}

export const importCompose: Importer = (docs, context) => {
  const out = emptyOutput();
  const services = new Map<string, Located[]>();
  const namedVolumes = new Set<string>();
  for (const doc of docs) {
    const reader = new FieldReader(doc, context.problems);
    const top = reader.record([]);
    if (top === undefined) continue;
    checkComposeTopKeys(reader);
    const name = reader.string(['name']);
    if (name !== undefined && out.workload.name === undefined) {
      out.workload.name = name;
      out.workloadSources.name = reader.source(['name']);
    }
    checkIncludes(reader, context);
    for (const volume of Object.keys(reader.record(['volumes']) ?? {})) namedVolumes.add(volume);
    for (const key of ['networks', 'configs', 'secrets']) {
      if (top[key] !== undefined)
        out.notes.push({
          kind: 'unsupported',
          at: reader.at([key]),
          message: `top-level ${key} are not part of a placement decision and are not imported`,
        });
    }
    const map = reader.record(['services']) ?? {};
    for (const [serviceName, value] of Object.entries(map)) {
      if (!isFields(value)) {
        reader.problem(
          ['services', serviceName],
          `expected a service definition, got ${describeValue(value)}`,
        );
        continue;
      }
      checkComposeServiceKeys(reader, ['services', serviceName]);
      const list = services.get(serviceName) ?? [];
      list.push({ doc, path: ['services', serviceName], fields: value });
      services.set(serviceName, list);
    }
  }
  for (const [name, layers] of services) {
    const resolved = layers.flatMap((layer) => resolveExtends(layer, docs, context, 0));
    out.drafts.push(importService(name, resolved, namedVolumes, context));
    if (layers.length > 1) {
      out.notes.push({
        kind: 'assumed',
        service: name,
        message: `defined in ${layers.length} files: merged in the order given, later keys over earlier ones`,
      });
    }
  }
  const ignored = [
    ...new Set(
      [...services.values()].flatMap((layers) => layers.flatMap((layer) => Object.keys(layer.fields))),
    ),
  ]
    .filter((key) => !READ_KEYS.has(key) && !Object.hasOwn(UNMAPPED_KEYS, key) && !key.startsWith('x-'))
    .sort();
  if (ignored.length > 0)
    out.notes.push({
      kind: 'unsupported',
      message: `${listWords(ignored, 'and')} ${ignored.length > 1 ? 'are' : 'is'} not part of a placement decision and ${ignored.length > 1 ? 'are' : 'is'} not carried over`,
    });
  return out;
};

/** `include` may name only files given to the import; a remote one is never fetched. */
function checkIncludes(reader: FieldReader, context: ImporterContext): void {
  const includes = reader.list(['include']) ?? [];
  includes.forEach((entry, index) => {
    const paths = typeof entry === 'string' ? [entry] : isFields(entry) ? [entry.path].flat() : [];
    for (const path of paths) {
      if (typeof path !== 'string') continue;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@'))
        reader.problem(
          ['include', index],
          `"${path}" is remote: Berth fetches nothing, pass the file itself`,
        );
      else if (!context.fileNames.some((f) => sameFile(f, path)))
        reader.problem(
          ['include', index],
          `"${path}" is not among the files given: Berth reads no other file`,
        );
    }
  });
}

/** The layers a service is built from, base first: `extends` is followed within the given files only. */
function resolveExtends(
  layer: Located,
  docs: readonly SourceDocument[],
  context: ImporterContext,
  depth: number,
): Located[] {
  const ext = layer.fields.extends;
  if (ext === undefined) return [layer];
  const reader = new FieldReader(layer.doc, context.problems);
  const at = [...layer.path, 'extends'];
  const service = typeof ext === 'string' ? ext : isFields(ext) ? ext.service : undefined;
  const file = isFields(ext) ? ext.file : undefined;
  if (typeof service !== 'string') {
    reader.problem(at, 'expected the name of the service to extend');
    return [layer];
  }
  if (depth > 10) {
    reader.problem(at, 'extends goes more than 10 services deep: is there a loop?');
    return [layer];
  }
  let target: SourceDocument | undefined = layer.doc;
  if (typeof file === 'string') {
    target = docs.find((d) => sameFile(d.file, file));
    if (target === undefined) {
      reader.problem(at, `extends "${file}", which is not among the files given: Berth reads no other file`);
      return [layer];
    }
  }
  const base = (target.value as Fields | undefined)?.services;
  const fields = isFields(base) ? base[service] : undefined;
  if (!isFields(fields)) {
    reader.problem(
      at,
      `extends service "${service}", which ${file ? `"${file}"` : 'this file'} does not define`,
    );
    return [layer];
  }
  const parent = { doc: target, path: ['services', service], fields };
  return [...resolveExtends(parent, docs, context, depth + 1), layer];
}

function sameFile(given: string, named: string): boolean {
  const clean = (p: string) => p.replace(/^\.\//, '');
  return clean(given) === clean(named) || clean(given).endsWith(`/${clean(named)}`);
}

/** The value of `key` in the last layer that sets it, with that layer's reader and path. */
function pick(layers: readonly Located[], context: ImporterContext, path: PathKey[]) {
  for (let i = layers.length - 1; i >= 0; i -= 1) {
    const layer = layers[i] as Located;
    const reader = new FieldReader(layer.doc, context.problems);
    const full = [...layer.path, ...path];
    if (reader.get(full) !== undefined) return { reader, path: full, value: reader.get(full) };
  }
  return undefined;
}

function importService(
  name: string,
  layers: readonly Located[],
  namedVolumes: ReadonlySet<string>,
  context: ImporterContext,
): ServiceDraft {
  const own = layers[layers.length - 1] as Located;
  const draft = createDraft(name, own.doc.at(own.path));
  const get = (...path: PathKey[]) => pick(layers, context, path);

  const image = get('image');
  const imageName = image?.reader.string(image.path);
  if (imageName !== undefined) setField(draft, 'image', imageName, image?.reader.source(image.path) ?? '');
  else if (get('build') !== undefined)
    addNote(
      draft,
      'assumed',
      'built from source (build): nothing is built, and the image is not named',
      draft.origin,
    );

  readResources(draft, get);
  readReplicas(draft, get);
  readPorts(draft, get);
  readPlatform(draft, get);
  const mounts = readVolumes(draft, get, namedVolumes);
  const privileged = get('privileged');
  if (privileged?.reader.boolean(privileged.path) === true)
    setField(draft, 'needs.privileged', true, privileged.reader.source(privileged.path));
  const network = get('network_mode');
  if (network?.reader.string(network.path) === 'host')
    setField(draft, 'needs.hostNetworking', true, network.reader.source(network.path));
  const health = get('healthcheck');
  if (health !== undefined) {
    const kept = readHealthcheck(health.reader, health.path);
    if (kept !== null) {
      draft.healthcheck = kept;
      addNote(
        draft,
        'assumed',
        'healthcheck kept for the starter code (the workload has no field for it)',
        health.reader.at(health.path),
      );
    }
  }
  for (const [key, what] of Object.entries(UNMAPPED_KEYS)) {
    const found = get(key);
    if (found !== undefined)
      addNote(
        draft,
        'unsupported',
        `${key} (${what}) has no field in a Berth workload`,
        found.reader.at(found.path),
      );
  }
  const warning = describeDataService(imageName, mounts);
  if (warning !== null) addNote(draft, 'warning', warning, draft.origin);
  return draft;
}

type Get = (...path: PathKey[]) => ReturnType<typeof pick>;

function readResources(draft: ServiceDraft, get: Get): void {
  const cpu =
    get('deploy', 'resources', 'reservations', 'cpus') ??
    get('deploy', 'resources', 'limits', 'cpus') ??
    get('cpus');
  if (cpu === undefined) draft.cpuMissing = true;
  else {
    const vcpu = cpu.reader.number(cpu.path);
    if (vcpu !== undefined && vcpu > 0) setField(draft, 'cpu', roundVcpu(vcpu), cpu.reader.source(cpu.path));
    else if (vcpu !== undefined) cpu.reader.problem(cpu.path, 'expected a positive number of CPUs');
    else draft.cpuMissing = true;
  }
  const memory =
    get('deploy', 'resources', 'reservations', 'memory') ??
    get('deploy', 'resources', 'limits', 'memory') ??
    get('mem_reservation') ??
    get('mem_limit');
  if (memory === undefined) draft.memoryMissing = true;
  else {
    const bytes = parseComposeBytes(memory.value);
    if (bytes === null) {
      memory.reader.problem(
        memory.path,
        `expected a byte value such as "512m" or "1gb", got ${describeValue(memory.value)}`,
      );
      draft.memoryMissing = true;
    } else setField(draft, 'memory', `${bytesToMiB(bytes)} MiB`, memory.reader.source(memory.path));
  }
  const limit = get('deploy', 'resources', 'limits');
  const reservation = get('deploy', 'resources', 'reservations');
  if (
    limit !== undefined &&
    reservation !== undefined &&
    isFields(reservation.value) &&
    ('cpus' in reservation.value || 'memory' in reservation.value)
  ) {
    addNote(
      draft,
      'assumed',
      'sized by its reservations, which is what a scheduler sets aside; its limits are the most it may burst to',
      limit.reader.at(limit.path),
    );
  }
  readGpus(draft, get);
}

/**
 * GPUs: device requests with the `gpu` capability under `deploy.resources.reservations.devices`, and the
 * service-level `gpus` key, whose entries are device requests with that capability implied (or `all`).
 * Each request asks for its own devices, so the counts add up.
 */
function readGpus(draft: ServiceDraft, get: Get): void {
  let gpus = 0;
  const sources: string[] = [];
  const request = (found: NonNullable<ReturnType<Get>>, index: number, device: Fields) => {
    const at = found.reader.at([...found.path, index]);
    // Compose reads a numeric string as its number and "all" as -1 (every device of the host).
    const count =
      typeof device.count === 'string' && /^\s*-?\d+\s*$/.test(device.count)
        ? Number(device.count)
        : device.count;
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0) gpus += count;
    else if (count === undefined && Array.isArray(device.device_ids)) gpus += device.device_ids.length;
    else if (count === undefined || count === 'all' || count === -1) {
      gpus += 1;
      addNote(draft, 'assumed', `GPU count "${String(device.count ?? 'all')}" read as 1 GPU`, at);
    } else
      found.reader.problem(
        [...found.path, index, 'count'],
        `expected a whole number of devices or "all", got ${describeValue(device.count)}`,
      );
  };
  const devices = get('deploy', 'resources', 'reservations', 'devices');
  if (devices !== undefined) {
    const before = gpus;
    (devices.reader.list(devices.path) ?? []).forEach((device, index) => {
      if (isFields(device) && Array.isArray(device.capabilities) && device.capabilities.includes('gpu'))
        request(devices, index, device);
    });
    if (gpus > before) sources.push(devices.reader.source(devices.path));
  }
  const service = get('gpus');
  if (service !== undefined) {
    const before = gpus;
    if (service.value === 'all') {
      gpus += 1;
      addNote(draft, 'assumed', 'gpus "all" read as 1 GPU', service.reader.at(service.path));
    } else if (Array.isArray(service.value)) {
      service.value.forEach((device, index) => {
        if (isFields(device)) request(service, index, device);
        else
          service.reader.problem(
            [...service.path, index],
            `expected a device request (a map such as { count: 1 }), got ${describeValue(device)}`,
          );
      });
    } else
      service.reader.problem(
        service.path,
        `expected "all" or a list of device requests, got ${describeValue(service.value)}`,
      );
    if (gpus > before) sources.push(service.reader.source(service.path));
  }
  if (gpus > 0) setField(draft, 'gpus', gpus, sources.join(' and '));
}

function readReplicas(draft: ServiceDraft, get: Get): void {
  const mode = get('deploy', 'mode');
  const modeName = mode?.reader.string(mode.path);
  if (modeName === 'global') {
    setField(draft, 'needs.daemon', true, mode?.reader.source(mode.path) ?? '');
    return;
  }
  if (modeName === 'replicated-job' || modeName === 'global-job')
    addNote(
      draft,
      'unsupported',
      `deploy.mode ${modeName}: a one-off job, priced as always running; set its traffic to a batch pattern`,
      mode?.reader.at(mode.path),
    );
  const replicas = get('deploy', 'replicas') ?? get('scale');
  if (replicas === undefined) return;
  const count = replicas.reader.number(replicas.path);
  if (count === undefined) return;
  if (Number.isInteger(count) && count >= 1)
    setField(draft, 'replicas', count, replicas.reader.source(replicas.path));
  else if (count === 0)
    addNote(
      draft,
      'assumed',
      'replicas 0 (scaled to nothing): priced at 1',
      replicas.reader.at(replicas.path),
    );
  else replicas.reader.problem(replicas.path, `expected a whole number of replicas, got ${count}`);
  // At most one replica on a node: Berth's needs.onePerNode
  // (https://docs.docker.com/reference/compose-file/deploy/#placement).
  const perNode = get('deploy', 'placement', 'max_replicas_per_node');
  const cap = perNode?.reader.number(perNode.path);
  if (perNode !== undefined && cap === 1)
    setField(draft, 'needs.onePerNode', true, perNode.reader.source(perNode.path));
  else if (perNode !== undefined && modeName !== 'global')
    addNote(
      draft,
      'unsupported',
      `deploy.placement.max_replicas_per_node ${cap ?? '(not a number)'} has no field in a Berth workload: only 1 (needs.onePerNode) is; Berth's own spread keeps at most half of a service's tasks, rounded up, on one node`,
      perNode.reader.at(perNode.path),
    );
  const placementNotes = {
    constraints: 'which Swarm nodes may run the service',
    preferences: 'how Swarm spreads its tasks over nodes',
  };
  for (const [key, what] of Object.entries(placementNotes)) {
    const found = get('deploy', 'placement', key);
    if (found !== undefined)
      addNote(
        draft,
        'unsupported',
        `deploy.placement.${key} (${what}) has no field in a Berth workload: Berth chooses the nodes`,
        found.reader.at(found.path),
      );
  }
}

/** `[host_ip:][published:]target[/protocol]`, with ranges; the target (container) port and whether it is published. */
function parsePortString(text: string): { target: number; published: boolean; loopback: boolean } | null {
  const withoutProtocol = text.split('/')[0] ?? '';
  const loopback = /^(127\.0\.0\.1|localhost|\[::1\]):/.test(withoutProtocol);
  const parts = withoutProtocol.replace(/^\[[^\]]*\]:/, '').split(':');
  const target = Number((parts[parts.length - 1] ?? '').split('-')[0]);
  if (!Number.isInteger(target) || target < 1 || target > 65535) return null;
  return { target, published: parts.length > 1, loopback };
}

function readPorts(draft: ServiceDraft, get: Get): void {
  const ports = get('ports');
  const list = ports === undefined ? [] : (ports.reader.list(ports.path) ?? []);
  if (ports !== undefined && list.length > 0) {
    const first = list[0];
    const parsed =
      typeof first === 'string' || typeof first === 'number'
        ? parsePortString(String(first))
        : isFields(first) && typeof first.target === 'number'
          ? {
              target: first.target,
              published: first.published !== undefined,
              loopback: first.host_ip === '127.0.0.1',
            }
          : null;
    if (parsed === null) {
      ports.reader.problem(
        [...ports.path, 0],
        `expected a port such as "8080:80" or { target: 80 }, got ${describeValue(first)}`,
      );
      return;
    }
    setField(draft, 'port', parsed.target, ports.reader.source([...ports.path, 0]));
    if (parsed.published && !parsed.loopback) {
      setField(draft, 'exposure', 'public', ports.reader.source([...ports.path, 0]));
      addNote(
        draft,
        'assumed',
        'a published port read as public: set exposure to internal if only other services call it',
        ports.reader.at(ports.path),
      );
    }
    if (list.length > 1)
      addNote(
        draft,
        'unsupported',
        `${list.length} ports: Berth takes the first (${parsed.target}) for the load balancer`,
        ports.reader.at(ports.path),
      );
    return;
  }
  const expose = get('expose');
  const exposed = expose === undefined ? [] : (expose.reader.list(expose.path) ?? []);
  const port = Number(String(exposed[0] ?? '').split(/[-/]/)[0]);
  if (expose !== undefined && Number.isInteger(port) && port >= 1 && port <= 65535)
    setField(draft, 'port', port, expose.reader.source([...expose.path, 0]));
}

function readPlatform(draft: ServiceDraft, get: Get): void {
  const platform = get('platform');
  const text = platform?.reader.string(platform.path);
  if (platform === undefined || text === undefined) {
    draft.sources.architecture = 'assumed: no platform given, so the image is taken to be x86_64 only';
    return;
  }
  const parsed = parsePlatform(text);
  if (parsed === null) {
    platform.reader.problem(
      platform.path,
      `expected a platform such as linux/amd64 or linux/arm64, got "${text}"`,
    );
    return;
  }
  if (parsed.architecture)
    setField(draft, 'architecture', parsed.architecture, platform.reader.source(platform.path));
  if (parsed.os === 'windows') setField(draft, 'os', 'windows', platform.reader.source(platform.path));
}

/** Named volumes become one persistent volume; returns every mount path (for spotting databases). */
function readVolumes(draft: ServiceDraft, get: Get, namedVolumes: ReadonlySet<string>): string[] {
  const volumes = get('volumes');
  const list = volumes === undefined ? [] : (volumes.reader.list(volumes.path) ?? []);
  const mounts: string[] = [];
  const named: string[] = [];
  list.forEach((entry, index) => {
    let source: string | undefined;
    let target: string | undefined;
    let type: string | undefined;
    if (typeof entry === 'string') {
      const parts = entry.split(':');
      if (parts.length === 1) target = parts[0];
      else [source, target] = parts;
    } else if (isFields(entry)) {
      source = typeof entry.source === 'string' ? entry.source : undefined;
      target = typeof entry.target === 'string' ? entry.target : undefined;
      type = typeof entry.type === 'string' ? entry.type : undefined;
    }
    if (target === undefined) return;
    mounts.push(target);
    const at = volumes?.reader.at([...(volumes?.path ?? []), index]);
    if (type === 'tmpfs') return;
    if (source === undefined) {
      addNote(
        draft,
        'assumed',
        `anonymous volume at ${target}: its data does not outlive the container, so it is not a persistent volume`,
        at,
      );
    } else if (type === 'bind' || /^[./~]/.test(source) || !namedVolumes.has(source)) {
      addNote(
        draft,
        'unsupported',
        `bind mount of host path ${source} at ${target}: tasks have no host files to mount on Fargate; put the data in the image, EFS or S3`,
        at,
      );
    } else named.push(source);
  });
  if (named.length > 0 && volumes !== undefined) {
    draft.volumeSizeMissing = true;
    draft.sources['needs.persistentVolume'] =
      `${volumes.reader.source(volumes.path)} (named volume${named.length > 1 ? 's' : ''} ${named.join(', ')})`;
    draft.fields.needs = { ...draft.fields.needs, persistentVolume: { sizeGiB: 0, durable: true } };
  }
  return mounts;
}

/** Go-style durations as Compose writes them: "30s", "1m30s", "1h". */
function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/.exec(value.trim());
  if (!match || value.trim() === '') return undefined;
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

function readHealthcheck(reader: FieldReader, path: PathKey[]): KeptHealthcheck | null {
  const health = reader.record(path);
  if (health === undefined || health.disable === true) return null;
  const test = health.test;
  const command =
    typeof test === 'string' ? ['CMD-SHELL', test] : Array.isArray(test) ? test.map(String) : null;
  if (command === null || command[0] === 'NONE') return null;
  const out: KeptHealthcheck = { command };
  const interval = parseDuration(health.interval);
  const timeout = parseDuration(health.timeout);
  const start = parseDuration(health.start_period);
  if (interval !== undefined) out.intervalSeconds = interval;
  if (timeout !== undefined) out.timeoutSeconds = timeout;
  if (typeof health.retries === 'number') out.retries = health.retries;
  if (start !== undefined) out.startPeriodSeconds = start;
  return out;
}
