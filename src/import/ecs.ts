/**
 * @module ecs: imports ECS task definitions and services in the JSON shapes the AWS CLI prints
 * (`aws ecs describe-task-definition`, `describe-services`) or a bare task definition as registered.
 */

import { describeDataService } from './data-services.js';
import { checkEcsFields } from './ecs-keys.js';
import { FieldReader, isFields } from './field-reader.js';
import { emptyOutput, type Importer, type ImporterOutput } from './importer.js';
import { readArchitecture } from './platform.js';
import { bytesToMiB, ecsUnitsToVcpu } from './quantities.js';
import { addNote, createDraft, type ServiceDraft, setField } from './service-draft.js';
import type { PathKey } from './source-file.js';

interface TaskDefinition {
  family: string;
  reader: FieldReader;
  path: PathKey[];
}

interface EcsService {
  reader: FieldReader;
  path: PathKey[];
}

export const importEcs: Importer = (docs, context) => {
  const out = emptyOutput();
  const tasks: TaskDefinition[] = [];
  const services: EcsService[] = [];
  for (const doc of docs) {
    const reader = new FieldReader(doc, context.problems);
    const value = reader.record([]);
    if (value === undefined) continue;
    const candidates: PathKey[][] = [];
    if (isFields(value.taskDefinition)) candidates.push(['taskDefinition']);
    else if (Array.isArray(value.taskDefinitions))
      for (let i = 0; i < value.taskDefinitions.length; i += 1) candidates.push(['taskDefinitions', i]);
    else if (Array.isArray(value.containerDefinitions)) candidates.push([]);
    // Unknown fields are refused (ecs-keys.ts); a bare task definition is the document itself.
    if (candidates.length > 0 || Array.isArray(value.services))
      checkEcsFields(reader, candidates.length === 1 && candidates[0]?.length === 0);
    for (const path of candidates) {
      const family = reader.string([...path, 'family']);
      if (family === undefined) reader.problem([...path, 'family'], 'a task definition needs a family');
      else tasks.push({ family, reader, path });
    }
    if (Array.isArray(value.services))
      for (let i = 0; i < value.services.length; i += 1) services.push({ reader, path: ['services', i] });
    if (Array.isArray(value.failures) && value.failures.length > 0)
      out.notes.push({
        kind: 'warning',
        at: reader.at(['failures']),
        message: `${value.failures.length} failure(s) in the AWS CLI output: those services or task definitions are missing`,
      });
    if (candidates.length === 0 && !Array.isArray(value.services))
      reader.problem(
        [],
        'not an ECS task definition or service: expected taskDefinition, containerDefinitions or services',
      );
  }
  const used = new Set<TaskDefinition>();
  for (const service of services) {
    const draft = importService(service, tasks, used, out);
    if (draft !== null) out.drafts.push(draft);
  }
  for (const task of tasks) {
    if (used.has(task)) continue;
    const draft = createDraft(task.family, task.reader.at(task.path));
    readTaskDefinition(task, draft);
    draft.sources.replicas = 'assumed: no ECS service given for this task definition, so 1 task';
    out.drafts.push(draft);
  }
  return out;
};

/** `web` from `arn:aws:ecs:us-east-1:123456789012:task-definition/web:7`, or `web:7`, or `web`. */
function familyOf(reference: string): string {
  const last = reference.split('/').pop() ?? reference;
  return last.split(':')[0] ?? last;
}

function importService(
  service: EcsService,
  tasks: readonly TaskDefinition[],
  used: Set<TaskDefinition>,
  out: ImporterOutput,
): ServiceDraft | null {
  const { reader, path } = service;
  const name = reader.string([...path, 'serviceName']);
  const reference = reader.string([...path, 'taskDefinition']);
  if (name === undefined || reference === undefined) {
    reader.problem(path, 'an ECS service needs serviceName and taskDefinition');
    return null;
  }
  const task = tasks.find((t) => t.family === familyOf(reference));
  if (task === undefined) {
    out.notes.push({
      kind: 'warning',
      at: reader.at([...path, 'taskDefinition']),
      message: `service ${name} runs task definition ${familyOf(reference)}, which is not in the files given (aws ecs describe-task-definition --task-definition ${familyOf(reference)} prints it): skipped`,
    });
    out.skipped.push(`${reader.at(path)} ECS service ${name}: its task definition is not in the files given`);
    return null;
  }
  used.add(task);
  const draft = createDraft(name, reader.at(path));
  readTaskDefinition(task, draft);
  if (reader.string([...path, 'schedulingStrategy']) === 'DAEMON')
    setField(draft, 'needs.daemon', true, reader.source([...path, 'schedulingStrategy']));
  else {
    const desired = reader.number([...path, 'desiredCount']);
    if (desired !== undefined && desired >= 1)
      setField(draft, 'replicas', desired, reader.source([...path, 'desiredCount']));
    else if (desired === 0)
      addNote(
        draft,
        'assumed',
        'desiredCount is 0 (scaled to nothing): priced at 1',
        reader.at([...path, 'desiredCount']),
      );
  }
  // distinctInstance: each task on its own container instance, Berth's needs.onePerNode
  // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementConstraint.html).
  const constraints = reader.list([...path, 'placementConstraints']) ?? [];
  const distinct = constraints.findIndex((c) => isFields(c) && c.type === 'distinctInstance');
  if (distinct >= 0 && draft.fields.needs?.daemon !== true)
    setField(
      draft,
      'needs.onePerNode',
      true,
      reader.source([...path, 'placementConstraints', distinct, 'type']),
    );
  const strategy = reader.list([...path, 'capacityProviderStrategy']) ?? [];
  const providers = strategy.map((s) => (isFields(s) ? String(s.capacityProvider) : '')).filter(Boolean);
  if (providers.includes('FARGATE_SPOT')) {
    setField(
      draft,
      'interruptible',
      true,
      `${reader.source([...path, 'capacityProviderStrategy'])}: FARGATE_SPOT`,
    );
    if (providers.length > 1)
      addNote(
        draft,
        'assumed',
        `capacity providers ${providers.join(', ')}: the split (base, weight) is Berth's to choose, so the service is marked interruptible`,
        reader.at([...path, 'capacityProviderStrategy']),
      );
  } else if (providers.length > 0) {
    addNote(
      draft,
      'assumed',
      `capacity providers ${providers.join(', ')} are the answer Berth compares, not an input: not carried over`,
      reader.at([...path, 'capacityProviderStrategy']),
    );
  }
  const balancers = reader.list([...path, 'loadBalancers']) ?? [];
  if (balancers.length > 0) {
    const first = balancers[0];
    if (isFields(first) && typeof first.containerPort === 'number')
      setField(
        draft,
        'port',
        first.containerPort,
        reader.source([...path, 'loadBalancers', 0, 'containerPort']),
      );
    setField(draft, 'exposure', 'public', reader.source([...path, 'loadBalancers']));
    addNote(
      draft,
      'assumed',
      'behind a load balancer whose scheme describe-services does not show: read as internet-facing; set exposure to internal if it is not',
      reader.at([...path, 'loadBalancers']),
    );
  }
  addNote(
    draft,
    'unsupported',
    'Application Auto Scaling is not in describe-services output: replicas is the desired count, set a { min, max } range if it scales',
    reader.at(path),
  );
  return draft;
}

function readTaskDefinition(task: TaskDefinition, draft: ServiceDraft): void {
  const { reader, path } = task;
  const containers = reader.list([...path, 'containerDefinitions']) ?? [];
  if (containers.length === 0)
    reader.problem([...path, 'containerDefinitions'], 'a task definition needs at least one container');
  const cpu = reader.number([...path, 'cpu']);
  if (cpu !== undefined && cpu > 0)
    setField(
      draft,
      'cpu',
      ecsUnitsToVcpu(cpu),
      `${reader.source([...path, 'cpu'])}: ${cpu} CPU units / 1024`,
    );
  else {
    // Read through the reader, so a cpu that is not a number is reported, not silently left out.
    const units = containers.reduce<number>(
      (sum, _c, i) => sum + (reader.number([...path, 'containerDefinitions', i, 'cpu']) ?? 0),
      0,
    );
    if (units > 0)
      setField(
        draft,
        'cpu',
        ecsUnitsToVcpu(units),
        `${reader.source([...path, 'containerDefinitions'])}: containers' cpu units summed / 1024`,
      );
    else draft.cpuMissing = true;
  }
  const memory = reader.number([...path, 'memory']);
  if (memory !== undefined && memory > 0)
    setField(draft, 'memory', `${memory} MiB`, reader.source([...path, 'memory']));
  else {
    // A container's soft limit (memoryReservation) is what ECS reserves when placing it; else its hard limit.
    const mib = containers.reduce<number>((sum, c) => {
      if (!isFields(c)) return sum;
      const reserved =
        typeof c.memoryReservation === 'number'
          ? c.memoryReservation
          : typeof c.memory === 'number'
            ? c.memory
            : 0;
      return sum + reserved;
    }, 0);
    if (mib > 0)
      setField(
        draft,
        'memory',
        `${bytesToMiB(mib * 2 ** 20)} MiB`,
        `${reader.source([...path, 'containerDefinitions'])}: containers' memoryReservation (else memory) summed`,
      );
    else draft.memoryMissing = true;
  }
  const arch = reader.string([...path, 'runtimePlatform', 'cpuArchitecture']);
  if (arch !== undefined) {
    const architecture = readArchitecture(arch);
    if (architecture === null)
      reader.problem(
        [...path, 'runtimePlatform', 'cpuArchitecture'],
        `expected X86_64 or ARM64, got "${arch}"`,
      );
    else
      setField(
        draft,
        'architecture',
        architecture,
        reader.source([...path, 'runtimePlatform', 'cpuArchitecture']),
      );
  } else
    draft.sources.architecture = 'assumed: no runtimePlatform.cpuArchitecture, and ECS defaults to X86_64';
  const family = reader.string([...path, 'runtimePlatform', 'operatingSystemFamily']);
  if (family?.startsWith('WINDOWS'))
    setField(draft, 'os', 'windows', reader.source([...path, 'runtimePlatform', 'operatingSystemFamily']));
  const compatibilities = reader.list([...path, 'requiresCompatibilities']) ?? [];
  if (compatibilities.length > 0)
    addNote(
      draft,
      'assumed',
      `requiresCompatibilities ${compatibilities.join(', ')} is what Berth decides afresh: not carried over`,
      reader.at([...path, 'requiresCompatibilities']),
    );
  const mode = reader.string([...path, 'networkMode']);
  if (mode === 'host') setField(draft, 'needs.hostNetworking', true, reader.source([...path, 'networkMode']));
  else if (mode === 'bridge' || mode === 'none')
    addNote(
      draft,
      'assumed',
      `networkMode ${mode}: Fargate uses awsvpc, so a Fargate answer changes it`,
      reader.at([...path, 'networkMode']),
    );
  const ephemeral = reader.number([...path, 'ephemeralStorage', 'sizeInGiB']);
  if (ephemeral !== undefined)
    setField(
      draft,
      'needs.ephemeralStorageGiB',
      ephemeral,
      reader.source([...path, 'ephemeralStorage', 'sizeInGiB']),
    );

  let gpus = 0;
  const mounts: string[] = [];
  containers.forEach((c, i) => {
    if (!isFields(c)) return;
    const at = [...path, 'containerDefinitions', i];
    if (c.privileged === true)
      setField(draft, 'needs.privileged', true, reader.source([...at, 'privileged']));
    const requirements = Array.isArray(c.resourceRequirements) ? c.resourceRequirements : [];
    requirements.forEach((r, k) => {
      if (isFields(r) && r.type === 'GPU')
        gpus += reader.number([...at, 'resourceRequirements', k, 'value']) ?? 0;
    });
    if (isFields(c.linuxParameters)) {
      const lp = c.linuxParameters;
      const parts: string[] = [];
      if (Array.isArray(lp.devices) && lp.devices.length > 0)
        parts.push(`${lp.devices.length} host device(s), which Fargate does not offer`);
      const added =
        isFields(lp.capabilities) && Array.isArray(lp.capabilities.add)
          ? lp.capabilities.add.map(String)
          : [];
      if (added.some((cap) => cap !== 'SYS_PTRACE'))
        parts.push(`capabilities ${added.join(', ')} (Fargate adds only SYS_PTRACE)`);
      if (lp.sharedMemorySize !== undefined) parts.push('sharedMemorySize (not on Fargate)');
      if (Array.isArray(lp.tmpfs) && lp.tmpfs.length > 0) parts.push('tmpfs mounts (not on Fargate)');
      if (parts.length > 0)
        addNote(
          draft,
          'unsupported',
          `linuxParameters: ${parts.join('; ')}: no field in a Berth workload, so check that the answer runs it`,
          reader.at([...at, 'linuxParameters']),
        );
    }
    if (Array.isArray(c.mountPoints))
      for (const m of c.mountPoints)
        if (isFields(m) && typeof m.containerPath === 'string') mounts.push(m.containerPath);
    if (i === 0 && c.image !== undefined) {
      if (typeof c.image === 'string') setField(draft, 'image', c.image, reader.source([...at, 'image']));
      else reader.problem([...at, 'image'], 'expected an image name (a string)');
    }
    const port =
      Array.isArray(c.portMappings) && isFields(c.portMappings[0])
        ? c.portMappings[0].containerPort
        : undefined;
    if (typeof port === 'number' && draft.fields.port === undefined)
      setField(draft, 'port', port, reader.source([...at, 'portMappings', 0, 'containerPort']));
    if (isFields(c.healthCheck) && Array.isArray(c.healthCheck.command) && draft.healthcheck === undefined) {
      const h = c.healthCheck;
      draft.healthcheck = {
        command: (h.command as unknown[]).map(String),
        ...(typeof h.interval === 'number' ? { intervalSeconds: h.interval } : {}),
        ...(typeof h.timeout === 'number' ? { timeoutSeconds: h.timeout } : {}),
        ...(typeof h.retries === 'number' ? { retries: h.retries } : {}),
        ...(typeof h.startPeriod === 'number' ? { startPeriodSeconds: h.startPeriod } : {}),
      };
    }
  });
  if (gpus > 0)
    setField(
      draft,
      'gpus',
      { count: gpus, model: 'NVIDIA' },
      `${reader.source([...path, 'containerDefinitions'])}: resourceRequirements type GPU (ECS GPUs are NVIDIA)`,
    );
  const volumes = reader.list([...path, 'volumes']) ?? [];
  volumes.forEach((v, i) => {
    if (!isFields(v)) return;
    if (isFields(v.efsVolumeConfiguration))
      addNote(
        draft,
        'unsupported',
        `EFS volume ${String(v.name)}: shared file storage is priced outside Berth`,
        reader.at([...path, 'volumes', i]),
      );
    else if (isFields(v.host))
      addNote(
        draft,
        'unsupported',
        `host volume ${String(v.name)}: Fargate has no host path to mount`,
        reader.at([...path, 'volumes', i]),
      );
  });
  const warning = describeDataService(draft.fields.image, mounts);
  if (warning !== null) addNote(draft, 'warning', warning, draft.origin);
}
