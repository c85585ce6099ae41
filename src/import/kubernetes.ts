/**
 * @module kubernetes: imports Kubernetes manifests (multi-document YAML, `List` objects): Deployments,
 * StatefulSets with their volume claims, DaemonSets as per-node agents, Jobs and CronJobs as batches,
 * HPAs as replica ranges, Services and Ingresses as exposure. Every other kind is listed as skipped.
 */

import { describeDataService } from './data-services.js';
import { FieldReader, type Fields, isFields } from './field-reader.js';
import { emptyOutput, type Importer, type ImporterContext, type ImporterOutput } from './importer.js';
import { checkedVersions, checkKubernetesFields } from './kubernetes-keys.js';
import { readPodSpec } from './kubernetes-pod.js';
import { bytesToGiB, parseKubernetesQuantity } from './quantities.js';
import { scheduleToTraffic } from './schedule.js';
import { addNote, createDraft, idleBetweenRuns, type ServiceDraft, setField } from './service-draft.js';
import type { SourceDocument } from './source-file.js';

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'Pod',
]);
const LINKED_KINDS = new Set(['HorizontalPodAutoscaler', 'Service', 'Ingress', 'PersistentVolumeClaim']);
/** Kinds that hold configuration or permissions, with no compute of their own. */
const CONFIG_KINDS = new Set([
  'Namespace',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'PriorityClass',
  'LimitRange',
  'ResourceQuota',
  'StorageClass',
  'IngressClass',
  'CustomResourceDefinition',
]);

/** A Kubernetes object as found, with a reader for its document. */
interface KubeObject {
  kind: string;
  name: string;
  namespace: string;
  reader: FieldReader;
}

interface WorkloadObject extends KubeObject {
  draft: ServiceDraft;
  labels: Fields;
  ports: Map<string, number>;
}

export const importKubernetes: Importer = (docs, context) => {
  const out = emptyOutput();
  const objects: KubeObject[] = [];
  for (const doc of docs) collectObjects(doc, context, objects, out);
  const claims = new Map<string, KubeObject>();
  for (const o of objects) if (o.kind === 'PersistentVolumeClaim') claims.set(`${o.namespace}/${o.name}`, o);
  const workloads: WorkloadObject[] = [];
  for (const o of objects) {
    if (WORKLOAD_KINDS.has(o.kind)) workloads.push(importWorkloadObject(o, claims));
    else if (!LINKED_KINDS.has(o.kind)) {
      const why = CONFIG_KINDS.has(o.kind) ? 'configuration, with nothing to run' : 'not a kind Berth reads';
      out.skipped.push(`${o.reader.at()} ${o.kind} ${o.name}: ${why}`);
    }
  }
  for (const o of objects) {
    if (o.kind === 'HorizontalPodAutoscaler') linkAutoscaler(o, workloads, out);
    if (o.kind === 'Service') linkService(o, workloads, out);
  }
  for (const o of objects) if (o.kind === 'Ingress') linkIngress(o, objects, workloads, out);
  for (const w of workloads) {
    // A name used in two namespaces keeps both, told apart by namespace.
    if (workloads.some((other) => other !== w && other.name === w.name))
      w.draft.sourceName = `${w.namespace}-${w.name}`;
    out.drafts.push(w.draft);
  }
  return out;
};

function collectObjects(
  doc: SourceDocument,
  context: ImporterContext,
  objects: KubeObject[],
  out: ImporterOutput,
): void {
  const reader = new FieldReader(doc, context.problems);
  const value = reader.record([]);
  if (value === undefined) return;
  const kind = reader.string(['kind']);
  const apiVersion = reader.string(['apiVersion']);
  if (kind === undefined || apiVersion === undefined) {
    reader.problem([], 'not a Kubernetes object: expected apiVersion and kind');
    return;
  }
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(value.items))) {
    const items = reader.list(['items']) ?? [];
    for (let i = 0; i < items.length; i += 1) collectObjects(doc.child(['items', i]), context, objects, out);
    return;
  }
  const name = reader.string(['metadata', 'name']);
  if (name === undefined) {
    reader.problem(['metadata', 'name'], `a ${kind} needs a name`);
    return;
  }
  if (WORKLOAD_KINDS.has(kind) || LINKED_KINDS.has(kind)) checkFields(reader, apiVersion, kind, name, out);
  objects.push({ kind, name, namespace: reader.string(['metadata', 'namespace']) ?? 'default', reader });
}

/**
 * A field the API does not have is a problem (kubernetes-keys.ts). An object of a version whose fields
 * Berth does not hold (an API removed from Kubernetes, or a custom resource of the same kind) is read as
 * before, and a note says its field names went unchecked.
 */
function checkFields(
  reader: FieldReader,
  apiVersion: string,
  kind: string,
  name: string,
  out: ImporterOutput,
): void {
  if (checkKubernetesFields(reader, apiVersion, kind)) return;
  out.notes.push({
    kind: 'warning',
    at: reader.at(['apiVersion']),
    message: `${kind} ${name} is ${apiVersion}: Berth holds the fields of ${checkedVersions(kind).join(' and ')} only, so a misspelt field in it is not reported`,
  });
}

function importWorkloadObject(o: KubeObject, claims: Map<string, KubeObject>): WorkloadObject {
  const { reader } = o;
  const draft = createDraft(o.name, reader.at());
  const templatePath =
    o.kind === 'CronJob'
      ? ['spec', 'jobTemplate', 'spec', 'template']
      : o.kind === 'Pod'
        ? []
        : ['spec', 'template'];
  const specPath = [...templatePath, 'spec'];
  // A DaemonSet runs one pod per node already: its anti-affinity says nothing more (kubernetes-pod.ts).
  const ports = readPodSpec(reader, specPath, draft, { perNodeAgent: o.kind === 'DaemonSet' });
  const labels =
    reader.record([...templatePath, 'metadata', 'labels']) ?? reader.record(['metadata', 'labels']) ?? {};
  const mounts: string[] = [];
  const containers = reader.list([...specPath, 'containers']) ?? [];
  for (const c of containers)
    if (isFields(c) && Array.isArray(c.volumeMounts))
      for (const m of c.volumeMounts)
        if (isFields(m) && typeof m.mountPath === 'string') mounts.push(m.mountPath);

  switch (o.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const replicas = reader.number(['spec', 'replicas']);
      if (replicas === undefined)
        draft.sources.replicas = 'assumed: spec.replicas not given, and Kubernetes defaults it to 1';
      else if (replicas >= 1) setField(draft, 'replicas', replicas, reader.source(['spec', 'replicas']));
      else
        addNote(
          draft,
          'assumed',
          'spec.replicas is 0 (scaled to nothing): priced at 1',
          reader.at(['spec', 'replicas']),
        );
      break;
    }
    case 'DaemonSet':
      setField(draft, 'needs.daemon', true, `${reader.at()} kind DaemonSet: one pod per node`);
      break;
    case 'Pod':
      addNote(draft, 'assumed', 'a bare Pod: priced as one replica always running', reader.at());
      break;
    case 'Job':
    case 'CronJob':
      readJob(o, draft);
      break;
  }
  if (o.kind === 'StatefulSet') readClaimTemplates(reader, draft);
  readClaimVolumes(o, specPath, claims, draft);
  const warning = describeDataService(draft.fields.image, mounts);
  if (warning !== null) addNote(draft, 'warning', warning, draft.origin);
  return { ...o, draft, labels, ports };
}

function readJob(o: KubeObject, draft: ServiceDraft): void {
  const { reader } = o;
  const jobSpec = o.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
  const parallelism = reader.number([...jobSpec, 'parallelism']) ?? 1;
  if (parallelism >= 1)
    setField(
      draft,
      'replicas',
      parallelism,
      reader.get([...jobSpec, 'parallelism']) === undefined
        ? 'assumed: parallelism not given, and Kubernetes defaults it to 1'
        : reader.source([...jobSpec, 'parallelism']),
    );
  const deadline = reader.number([...jobSpec, 'activeDeadlineSeconds']);
  const durationHours = deadline === undefined ? 1 : Math.max(1 / 60, deadline / 3600);
  const durationSource =
    deadline === undefined
      ? 'assumed: each run lasts 1 hour (no activeDeadlineSeconds given)'
      : `${reader.source([...jobSpec, 'activeDeadlineSeconds'])}: at most this long`;
  if (o.kind === 'Job') {
    setField(
      draft,
      'traffic',
      { pattern: 'batch', startHour: 0, durationHours, daysPerWeek: 7 },
      `${reader.at()} kind Job; ${durationSource}`,
    );
    addNote(
      draft,
      'assumed',
      'a one-off Job: priced as if it ran once a day; set its traffic to how often it runs',
      reader.at(),
    );
    return;
  }
  const schedule = reader.string(['spec', 'schedule']);
  if (schedule === undefined) {
    reader.problem(['spec', 'schedule'], 'a CronJob needs a schedule');
    return;
  }
  const result = scheduleToTraffic(schedule, durationHours, parallelism);
  if (!result.ok) {
    reader.problem(['spec', 'schedule'], result.message);
    return;
  }
  if (result.traffic !== null)
    setField(
      draft,
      'traffic',
      result.traffic,
      `${reader.source(['spec', 'schedule'])} "${schedule}"; ${durationSource}`,
    );
  if (result.traffic !== null) idleBetweenRuns(draft, result.traffic, Math.max(1, parallelism));
  for (const note of result.notes) addNote(draft, 'assumed', note, reader.at(['spec', 'schedule']));
  const zone = reader.string(['spec', 'timeZone']);
  if (zone !== undefined && zone !== 'UTC' && zone !== 'Etc/UTC')
    addNote(
      draft,
      'assumed',
      `schedule hours are in ${zone}: Berth reads them as they are written`,
      reader.at(['spec', 'timeZone']),
    );
}

/** A StatefulSet's volumeClaimTemplates: one persistent volume per replica, their sizes summed. */
function readClaimTemplates(reader: FieldReader, draft: ServiceDraft): void {
  const templates = reader.list(['spec', 'volumeClaimTemplates']) ?? [];
  let gib = 0;
  templates.forEach((_, i) => {
    const path = ['spec', 'volumeClaimTemplates', i, 'spec', 'resources', 'requests', 'storage'];
    const raw = reader.get(path);
    const bytes = parseKubernetesQuantity(raw);
    if (bytes === null)
      reader.problem(path, `expected a storage size such as "100Gi", got ${JSON.stringify(raw)}`);
    else gib += bytesToGiB(bytes);
  });
  if (gib > 0)
    setField(
      draft,
      'needs.persistentVolume',
      { sizeGiB: gib, durable: true },
      `${reader.source(['spec', 'volumeClaimTemplates'])}: ${templates.length} claim template(s)`,
    );
}

/** Volumes that name a PersistentVolumeClaim given in the files: their sizes, summed. */
function readClaimVolumes(
  o: KubeObject,
  specPath: (string | number)[],
  claims: Map<string, KubeObject>,
  draft: ServiceDraft,
): void {
  const volumes = o.reader.list([...specPath, 'volumes']) ?? [];
  let gib = draft.fields.needs?.persistentVolume?.sizeGiB ?? 0;
  let found = false;
  volumes.forEach((v, i) => {
    if (!isFields(v)) return;
    if (isFields(v.hostPath))
      addNote(
        draft,
        'unsupported',
        'a hostPath volume: Fargate has no host to mount, so this needs EC2 nodes',
        o.reader.at([...specPath, 'volumes', i]),
      );
    if (!isFields(v.persistentVolumeClaim) || typeof v.persistentVolumeClaim.claimName !== 'string') return;
    const claim = claims.get(`${o.namespace}/${v.persistentVolumeClaim.claimName}`);
    if (claim === undefined) {
      addNote(
        draft,
        'assumed',
        `claim ${v.persistentVolumeClaim.claimName} is not in the files given: its size is unknown`,
        o.reader.at([...specPath, 'volumes', i]),
      );
      draft.volumeSizeMissing = gib === 0;
      if (gib === 0)
        draft.fields.needs = { ...draft.fields.needs, persistentVolume: { sizeGiB: 0, durable: true } };
      return;
    }
    const bytes = parseKubernetesQuantity(claim.reader.get(['spec', 'resources', 'requests', 'storage']));
    if (bytes !== null) {
      gib += bytesToGiB(bytes);
      found = true;
    }
  });
  if (found) {
    draft.volumeSizeMissing = false;
    setField(
      draft,
      'needs.persistentVolume',
      { sizeGiB: gib, durable: true },
      `${o.reader.source([...specPath, 'volumes'])}: PersistentVolumeClaim size(s)`,
    );
  }
}

function findTarget(workloads: readonly WorkloadObject[], namespace: string, kind: string, name: string) {
  return workloads.find((w) => w.namespace === namespace && w.kind === kind && w.name === name);
}

function linkAutoscaler(hpa: KubeObject, workloads: readonly WorkloadObject[], out: ImporterOutput): void {
  const { reader } = hpa;
  const kind = reader.string(['spec', 'scaleTargetRef', 'kind']) ?? '';
  const name = reader.string(['spec', 'scaleTargetRef', 'name']) ?? '';
  const target = findTarget(workloads, hpa.namespace, kind, name);
  if (target === undefined) {
    out.notes.push({
      kind: 'warning',
      at: reader.at(['spec', 'scaleTargetRef']),
      message: `HorizontalPodAutoscaler ${hpa.name} scales ${kind} ${name}, which is not in the files given: ignored`,
    });
    return;
  }
  const min = reader.number(['spec', 'minReplicas']) ?? 1;
  const max = reader.number(['spec', 'maxReplicas']);
  if (max === undefined) {
    reader.problem(['spec', 'maxReplicas'], 'a HorizontalPodAutoscaler needs maxReplicas');
    return;
  }
  setField(
    target.draft,
    'replicas',
    { min, max },
    `${reader.source(['spec'])} HorizontalPodAutoscaler ${hpa.name}: minReplicas ${min}${reader.get(['spec', 'minReplicas']) === undefined ? ' (the default)' : ''}, maxReplicas ${max}`,
  );
  if (target.draft.fields.traffic === undefined)
    addNote(
      target.draft,
      'assumed',
      'autoscaled between its bounds: the workload traffic pattern says when it peaks',
      reader.at(),
    );
}

function matchesSelector(selector: Fields, labels: Fields): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

type Exposure = 'public' | 'internal' | 'none';

function expose(w: WorkloadObject, exposure: Exposure, source: string): void {
  const rank: Record<Exposure, number> = { none: 0, internal: 1, public: 2 };
  const current = (w.draft.fields.exposure ?? 'none') as Exposure;
  if (rank[exposure] > rank[current]) setField(w.draft, 'exposure', exposure, source);
}

function linkService(service: KubeObject, workloads: readonly WorkloadObject[], out: ImporterOutput): void {
  const { reader } = service;
  const selector = reader.record(['spec', 'selector']) ?? {};
  const matched = workloads.filter(
    (w) => w.namespace === service.namespace && matchesSelector(selector, w.labels),
  );
  if (matched.length === 0) {
    out.skipped.push(`${reader.at()} Service ${service.name}: selects no workload in the files given`);
    return;
  }
  const type = reader.string(['spec', 'type']) ?? 'ClusterIP';
  const annotations = reader.record(['metadata', 'annotations']) ?? {};
  const internal =
    annotations['service.beta.kubernetes.io/aws-load-balancer-scheme'] === 'internal' ||
    annotations['service.beta.kubernetes.io/aws-load-balancer-internal'] === 'true';
  const target = reader.get(['spec', 'ports', 0, 'targetPort']) ?? reader.get(['spec', 'ports', 0, 'port']);
  for (const w of matched) {
    const port =
      typeof target === 'number' ? target : typeof target === 'string' ? w.ports.get(target) : undefined;
    if (port !== undefined) setField(w.draft, 'port', port, reader.source(['spec', 'ports', 0]));
    if (type === 'LoadBalancer')
      expose(
        w,
        internal ? 'internal' : 'public',
        `${reader.source(['spec', 'type'])} LoadBalancer${internal ? ', internal scheme' : ''}`,
      );
    else if (type === 'NodePort')
      addNote(
        w.draft,
        'assumed',
        `Service ${service.name} is a NodePort: reached on the nodes' ports, not through a load balancer`,
        reader.at(['spec', 'type']),
      );
  }
}

function linkIngress(
  ingress: KubeObject,
  objects: readonly KubeObject[],
  workloads: readonly WorkloadObject[],
  out: ImporterOutput,
): void {
  const { reader } = ingress;
  const names = new Set<string>();
  const backend = reader.string(['spec', 'defaultBackend', 'service', 'name']);
  if (backend !== undefined) names.add(backend);
  const rules = reader.list(['spec', 'rules']) ?? [];
  for (const rule of rules) {
    const paths =
      isFields(rule) && isFields(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    for (const p of paths) {
      const name =
        isFields(p) && isFields(p.backend) && isFields(p.backend.service)
          ? p.backend.service.name
          : undefined;
      if (typeof name === 'string') names.add(name);
    }
  }
  const annotations = reader.record(['metadata', 'annotations']) ?? {};
  const exposure: Exposure =
    annotations['alb.ingress.kubernetes.io/scheme'] === 'internal' ? 'internal' : 'public';
  for (const name of names) {
    const service = objects.find(
      (o) => o.kind === 'Service' && o.namespace === ingress.namespace && o.name === name,
    );
    const selector = service?.reader.record(['spec', 'selector']) ?? {};
    const matched =
      service === undefined
        ? []
        : workloads.filter((w) => w.namespace === ingress.namespace && matchesSelector(selector, w.labels));
    if (matched.length === 0) {
      out.notes.push({
        kind: 'warning',
        at: reader.at(['spec']),
        message: `Ingress ${ingress.name} routes to Service ${name}, which selects no workload in the files given`,
      });
      continue;
    }
    for (const w of matched)
      expose(
        w,
        exposure,
        `${reader.source(['spec'])} Ingress ${ingress.name} → Service ${name}${exposure === 'internal' ? ' (internal scheme)' : ''}`,
      );
  }
}
