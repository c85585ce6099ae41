/**
 * @module kubernetes-pod: reads a pod template into one Berth service's size and needs: the pod's
 * effective request as the scheduler computes it, its architecture, GPUs, privileges and port.
 */
import { type FieldReader, type Fields, isFields } from './field-reader.js';
import { readArchitecture } from './platform.js';
import { bytesToGiB, bytesToMiB, parseKubernetesQuantity, roundVcpu } from './quantities.js';
import { addNote, type ServiceDraft, setField } from './service-draft.js';
import type { PathKey } from './source-file.js';

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'nvidia.com/gpu'] as const;
type Resource = (typeof RESOURCES)[number];
type Amounts = Record<Resource, number>;

const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];
const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];
const GPU_MODEL_LABELS = ['nvidia.com/gpu.product', 'karpenter.k8s.aws/instance-gpu-name'];
const OTHER_ACCELERATORS = ['amd.com/gpu', 'aws.amazon.com/neuron', 'aws.amazon.com/neuroncore'];

/** A container as the scheduler counts it: its request per resource, the limit when no request is given. */
interface Counted {
  amounts: Amounts;
  given: Record<Resource, boolean>;
  limitedAbove: boolean;
  /** Where each amount was read: the request, or the limit that stood for it. */
  paths: Partial<Record<Resource, PathKey[]>>;
}

function zero(): Amounts {
  return { cpu: 0, memory: 0, 'ephemeral-storage': 0, 'nvidia.com/gpu': 0 };
}

function countContainer(reader: FieldReader, path: PathKey[], draft: ServiceDraft): Counted {
  const amounts = zero();
  const given = { cpu: false, memory: false, 'ephemeral-storage': false, 'nvidia.com/gpu': false };
  const requests = reader.record([...path, 'resources', 'requests']) ?? {};
  const limits = reader.record([...path, 'resources', 'limits']) ?? {};
  let limitedAbove = false;
  const paths: Counted['paths'] = {};
  for (const resource of RESOURCES) {
    // "If you specify a limit for a resource, but do not specify any request, ... Kubernetes copies the
    // limit you specified and uses it as the requested value for the resource."
    // https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
    const fromRequest = requests[resource] !== undefined;
    const raw = fromRequest ? requests[resource] : limits[resource];
    if (raw === undefined) continue;
    const value = parseKubernetesQuantity(raw);
    const where = [...path, 'resources', fromRequest ? 'requests' : 'limits', resource];
    if (value === null) {
      reader.problem(
        where,
        `expected a Kubernetes quantity such as "250m" or "512Mi", got ${JSON.stringify(raw)}`,
      );
      continue;
    }
    amounts[resource] = value;
    given[resource] = true;
    paths[resource] = where;
    const limit = parseKubernetesQuantity(limits[resource]);
    if (fromRequest && limit !== null && limit > value) limitedAbove = true;
  }
  for (const other of OTHER_ACCELERATORS) {
    if (limits[other] !== undefined || requests[other] !== undefined)
      addNote(
        draft,
        'unsupported',
        `${other} has no field in a Berth workload: only NVIDIA GPUs are sized`,
        reader.at([...path, 'resources']),
      );
  }
  return { amounts, given, limitedAbove, paths };
}

/**
 * The pod's effective request of each resource, as the kube-scheduler reserves it: the higher of (a) the
 * sum over app containers and sidecars (init containers with `restartPolicy: Always`) and (b) the
 * effective init request, the highest of each init container's request plus the sidecars listed before
 * it. https://kubernetes.io/docs/concepts/resource-management/effective-pod-requests-limits/
 */
export function effectiveRequest(
  app: readonly Amounts[],
  init: readonly { amounts: Amounts; sidecar: boolean }[],
): Amounts {
  const out = zero();
  for (const resource of RESOURCES) {
    let sidecars = 0;
    let initPeak = 0;
    for (const container of init) {
      const amount = container.amounts[resource];
      if (container.sidecar) {
        sidecars += amount;
        initPeak = Math.max(initPeak, sidecars);
      } else initPeak = Math.max(initPeak, amount + sidecars);
    }
    const running = app.reduce((sum, a) => sum + a[resource], 0) + sidecars;
    out[resource] = Math.max(running, initPeak);
  }
  return out;
}

/**
 * Reads the pod spec at `specPath` into `draft`; returns the pod's container ports by name. A per-node agent's
 * (a DaemonSet's) anti-affinity is not read as one pod per node: it runs one per node already.
 */
export function readPodSpec(
  reader: FieldReader,
  specPath: PathKey[],
  draft: ServiceDraft,
  options: { perNodeAgent?: boolean } = {},
): Map<string, number> {
  const containers = reader.list([...specPath, 'containers']) ?? [];
  if (containers.length === 0)
    reader.problem([...specPath, 'containers'], 'a pod needs at least one container');
  const initContainers = reader.list([...specPath, 'initContainers']) ?? [];
  const app = containers.map((_, i) => countContainer(reader, [...specPath, 'containers', i], draft));
  const init = initContainers.map((c, i) => ({
    ...countContainer(reader, [...specPath, 'initContainers', i], draft),
    sidecar: isFields(c) && c.restartPolicy === 'Always',
  }));
  const all = [...app, ...init];
  const total = effectiveRequest(
    app.map((c) => c.amounts),
    init,
  );
  const at = reader.source([...specPath, 'containers']);
  const how =
    init.length > 0
      ? `effective pod request of ${containers.length} container(s), ${init.filter((c) => c.sidecar).length} sidecar(s) and ${init.filter((c) => !c.sidecar).length} init container(s)`
      : containers.length > 1
        ? `sum of ${containers.length} containers' requests`
        : 'requests (limits where no request is given)';
  if (all.some((c) => c.given.cpu)) setField(draft, 'cpu', roundVcpu(total.cpu), `${at}: ${how}`);
  else draft.cpuMissing = true;
  if (all.some((c) => c.given.memory))
    setField(draft, 'memory', `${bytesToMiB(total.memory)} MiB`, `${at}: ${how}`);
  else draft.memoryMissing = true;
  if (total['ephemeral-storage'] > 0)
    setField(
      draft,
      'needs.ephemeralStorageGiB',
      bytesToGiB(total['ephemeral-storage']),
      ephemeralSource(reader, all, how),
    );
  if (all.some((c) => c.limitedAbove))
    addNote(
      draft,
      'assumed',
      'sized by requests, which the scheduler reserves; limits above them are bursts Berth does not price',
      reader.at([...specPath, 'containers']),
    );
  const missingCpu = all.some((c) => c.given.cpu) && all.some((c) => !c.given.cpu);
  if (missingCpu)
    addNote(
      draft,
      'assumed',
      'a container without a CPU request counts as 0 CPU, as the scheduler counts it',
      reader.at([...specPath, 'containers']),
    );

  const nodeSelector = reader.record([...specPath, 'nodeSelector']) ?? {};
  if (total['nvidia.com/gpu'] > 0) {
    const modelLabel = GPU_MODEL_LABELS.find((l) => typeof nodeSelector[l] === 'string');
    // Node labels write "NVIDIA-A10G"; the instance catalog writes "NVIDIA A10G".
    const model =
      modelLabel === undefined ? 'NVIDIA' : String(nodeSelector[modelLabel]).replace(/[-_]+/g, ' ');
    setField(draft, 'gpus', { count: Math.ceil(total['nvidia.com/gpu']), model }, `${at}: nvidia.com/gpu`);
  }

  readPlacement(reader, specPath, nodeSelector, draft);
  if (options.perNodeAgent !== true) readOnePodPerNode(reader, specPath, draft);

  if (
    containers.some(
      (c) => isFields(c) && isFields(c.securityContext) && c.securityContext.privileged === true,
    )
  )
    setField(draft, 'needs.privileged', true, reader.source([...specPath, 'containers']));
  if (reader.boolean([...specPath, 'hostNetwork']) === true)
    setField(draft, 'needs.hostNetworking', true, reader.source([...specPath, 'hostNetwork']));
  // Pod-level resources (spec.resources, Kubernetes 1.32 on) are a valid PodSpec field the sizing does not read.
  if (reader.get([...specPath, 'resources']) !== undefined)
    addNote(
      draft,
      'unsupported',
      "pod-level resources are not read: Berth sizes the pod from its containers' requests",
      reader.at([...specPath, 'resources']),
    );
  if (
    reader.get([...specPath, 'overhead']) !== undefined ||
    reader.get([...specPath, 'runtimeClassName']) !== undefined
  )
    addNote(
      draft,
      'unsupported',
      'runtimeClassName and pod overhead are not sized: Berth counts the containers only',
      reader.at(specPath),
    );

  const first = containers[0];
  const image = isFields(first) && typeof first.image === 'string' ? first.image : undefined;
  if (image !== undefined)
    setField(draft, 'image', image, reader.source([...specPath, 'containers', 0, 'image']));
  const ports = new Map<string, number>();
  containers.forEach((c, i) => {
    if (!isFields(c) || !Array.isArray(c.ports)) return;
    c.ports.forEach((p, j) => {
      if (!isFields(p) || typeof p.containerPort !== 'number') return;
      if (typeof p.name === 'string') ports.set(p.name, p.containerPort);
      if (draft.fields.port === undefined)
        setField(
          draft,
          'port',
          p.containerPort,
          reader.source([...specPath, 'containers', i, 'ports', j, 'containerPort']),
        );
    });
  });
  return ports;
}

/**
 * Where the pod's ephemeral storage was read: the value's own line (the largest, when several containers
 * ask), so a size the workload refuses is reported where it is written.
 */
function ephemeralSource(reader: FieldReader, counted: readonly Counted[], how: string): string {
  const asking = counted.filter((c) => c.given['ephemeral-storage']);
  const largest = asking.reduce((a, b) =>
    b.amounts['ephemeral-storage'] > a.amounts['ephemeral-storage'] ? b : a,
  );
  const source = reader.source(largest.paths['ephemeral-storage'] ?? []);
  return asking.length > 1 ? `${source}, the largest of ${asking.length}: ${how}` : source;
}

/**
 * A required pod anti-affinity over `kubernetes.io/hostname` that selects the pod's own labels keeps its
 * replicas one per node: Berth's `needs.onePerNode`
 * (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity).
 * The labels are the pod template's (`specPath` ends in the template's `spec`).
 */
function readOnePodPerNode(reader: FieldReader, specPath: PathKey[], draft: ServiceDraft): void {
  const termsPath = [
    ...specPath,
    'affinity',
    'podAntiAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
  ];
  const terms = reader.list(termsPath) ?? [];
  const labels = reader.record([...specPath.slice(0, -1), 'metadata', 'labels']) ?? {};
  // An object without a namespace is created in `default` (kubectl's and the importer's default: kubernetes.ts).
  const namespace = reader.string(['metadata', 'namespace']) ?? 'default';
  const own = terms.findIndex(
    (term) =>
      isFields(term) &&
      term.topologyKey === 'kubernetes.io/hostname' &&
      inOwnNamespace(term, namespace) &&
      selectsLabels(term.labelSelector, labels),
  );
  if (own >= 0) setField(draft, 'needs.onePerNode', true, reader.source([...termsPath, own, 'topologyKey']));
  else if (reader.record([...specPath, 'affinity', 'podAntiAffinity']) !== undefined)
    addNote(
      draft,
      'unsupported',
      "podAntiAffinity has no field in a Berth workload, except a required term over kubernetes.io/hostname that selects the pod's own labels in its own namespace (needs.onePerNode); this one is not carried over",
      reader.at([...specPath, 'affinity', 'podAntiAffinity']),
    );
}

/**
 * Whether a term looks at the pod's own namespace only: no namespace selector, and no namespace list or one
 * naming just the object's namespace (a term without them selects pods of the pod's own namespace).
 */
function inOwnNamespace(term: Fields, namespace: string): boolean {
  if (term.namespaceSelector !== undefined) return false;
  if (term.namespaces === undefined) return true;
  return Array.isArray(term.namespaces) && term.namespaces.length === 1 && term.namespaces[0] === namespace;
}

/** Whether a label selector (matchLabels, and matchExpressions with In) selects pods with these labels. */
function selectsLabels(selector: unknown, labels: Fields): boolean {
  if (!isFields(selector)) return false;
  const matchLabels = isFields(selector.matchLabels) ? Object.entries(selector.matchLabels) : [];
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return (
    matchLabels.every(([key, value]) => labels[key] === value) &&
    expressions.every(
      (e) =>
        isFields(e) &&
        e.operator === 'In' &&
        Array.isArray(e.values) &&
        typeof e.key === 'string' &&
        e.values.includes(labels[e.key]),
    )
  );
}

/** Architecture and OS from nodeSelector and required node affinity. */
function readPlacement(
  reader: FieldReader,
  specPath: PathKey[],
  nodeSelector: Fields,
  draft: ServiceDraft,
): void {
  const archValues = new Set<string>();
  const osValues = new Set<string>();
  let where = reader.source([...specPath, 'nodeSelector']);
  for (const label of ARCH_LABELS)
    if (typeof nodeSelector[label] === 'string') archValues.add(nodeSelector[label] as string);
  for (const label of OS_LABELS)
    if (typeof nodeSelector[label] === 'string') osValues.add(nodeSelector[label] as string);
  const termsPath = [
    ...specPath,
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
    'nodeSelectorTerms',
  ];
  const terms = reader.list(termsPath) ?? [];
  terms.forEach((term) => {
    const expressions = isFields(term) && Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
    for (const e of expressions) {
      if (!isFields(e) || e.operator !== 'In' || !Array.isArray(e.values)) continue;
      const target = ARCH_LABELS.includes(String(e.key))
        ? archValues
        : OS_LABELS.includes(String(e.key))
          ? osValues
          : null;
      if (target === null) continue;
      for (const v of e.values) target.add(String(v));
      where = reader.source(termsPath);
    }
  });
  const arches = new Set([...archValues].map((a) => readArchitecture(a)).filter((a) => a !== null));
  if (arches.size > 1) setField(draft, 'architecture', 'any', `${where}: both amd64 and arm64 allowed`);
  else if (arches.size === 1) setField(draft, 'architecture', [...arches][0], where);
  else
    draft.sources.architecture =
      'assumed: no kubernetes.io/arch selector, so the image is taken to be x86_64 only';
  if (osValues.has('windows')) setField(draft, 'os', 'windows', where);
}
