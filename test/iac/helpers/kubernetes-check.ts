/**
 * Kubernetes manifest checks: kubernetes-models' schema validation (types, required fields, enums) plus a
 * walk over @kubernetes/client-node's generated model metadata for fields the API does not know, which
 * kubernetes-models lets through. Only the generated models are imported: the package root needs Node 22.
 */
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';
import { DaemonSet, Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob } from 'kubernetes-models/batch/v1';
import { Ingress, IngressClass } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1';
import { ConfigMap, Namespace, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { checkScaledObject, checkTriggerAuthentication } from './keda-check.js';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: never) => Validatable;

/** apiVersion/kind → the kubernetes-models class and the client-node model name. */
const KINDS: Record<string, { model: ModelClass; meta: string }> = {
  'v1/Namespace': { model: Namespace as unknown as ModelClass, meta: 'V1Namespace' },
  'v1/ServiceAccount': { model: ServiceAccount as unknown as ModelClass, meta: 'V1ServiceAccount' },
  'v1/Service': { model: Service as unknown as ModelClass, meta: 'V1Service' },
  'v1/ConfigMap': { model: ConfigMap as unknown as ModelClass, meta: 'V1ConfigMap' },
  'apps/v1/Deployment': { model: Deployment as unknown as ModelClass, meta: 'V1Deployment' },
  'apps/v1/StatefulSet': { model: StatefulSet as unknown as ModelClass, meta: 'V1StatefulSet' },
  'apps/v1/DaemonSet': { model: DaemonSet as unknown as ModelClass, meta: 'V1DaemonSet' },
  'batch/v1/CronJob': { model: CronJob as unknown as ModelClass, meta: 'V1CronJob' },
  'networking.k8s.io/v1/Ingress': { model: Ingress as unknown as ModelClass, meta: 'V1Ingress' },
  'networking.k8s.io/v1/IngressClass': {
    model: IngressClass as unknown as ModelClass,
    meta: 'V1IngressClass',
  },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    model: HorizontalPodAutoscaler as unknown as ModelClass,
    meta: 'V2HorizontalPodAutoscaler',
  },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget as unknown as ModelClass,
    meta: 'V1PodDisruptionBudget',
  },
  'storage.k8s.io/v1/StorageClass': { model: StorageClass as unknown as ModelClass, meta: 'V1StorageClass' },
};

interface AttributeType {
  name: string;
  baseName: string;
  type: string;
}
type ModelRegistry = Record<string, { getAttributeTypeMap?: () => AttributeType[] } | undefined>;
const REGISTRY = models as unknown as ModelRegistry;

export type Manifest = Record<string, unknown> & { apiVersion?: string; kind?: string };

/** Parses a multi-document YAML file as Kubernetes reads it (YAML 1.1); throws on a syntax error. */
export function parseManifests(text: string, file: string): Manifest[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const list = Array.isArray(docs) ? docs : [docs];
  const errors = list.flatMap((d) => d.errors.map((e) => e.message));
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`);
  return list.map((d) => d.toJS() as Manifest).filter((m) => m !== null);
}

/** Every problem in the manifests of one file, as `file: Kind/name: path: what`. */
export function checkManifests(manifests: readonly Manifest[], file: string): string[] {
  const problems: string[] = [];
  for (const manifest of manifests) {
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const name = (manifest.metadata as { name?: string } | undefined)?.name ?? '?';
    const where = `${file}: ${manifest.kind}/${name}`;
    if (key === 'eks.amazonaws.com/v1/IngressClassParams') {
      problems.push(...checkIngressClassParams(manifest, where));
      continue;
    }
    if (key === 'keda.sh/v1alpha1/ScaledObject') {
      problems.push(
        ...checkScaledObject(manifest, where, (behavior, path) => {
          const found: string[] = [];
          unknownFields(behavior, 'V2HorizontalPodAutoscalerBehavior', path, found);
          return found;
        }),
      );
      continue;
    }
    if (key === 'keda.sh/v1alpha1/TriggerAuthentication') {
      problems.push(...checkTriggerAuthentication(manifest, where));
      continue;
    }
    const kind = KINDS[key];
    if (kind === undefined) {
      problems.push(`${where}: no validator for ${key}`);
      continue;
    }
    try {
      new kind.model(manifest as never).validate();
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
    unknownFields(manifest, kind.meta, where, problems);
  }
  return problems;
}

/** Walks a value against a client-node model; free-form maps (labels, requests) are not walked. */
function unknownFields(value: unknown, type: string, path: string, problems: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array?.[1] !== undefined) {
    if (!Array.isArray(value)) {
      problems.push(`${path}: expected a list`);
      return;
    }
    value.forEach((item, i) => {
      unknownFields(item, array[1] as string, `${path}[${i}]`, problems);
    });
    return;
  }
  const model = REGISTRY[type];
  if (model?.getAttributeTypeMap === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path}: expected an object (${type})`);
    return;
  }
  const attributes = model.getAttributeTypeMap();
  for (const [key, child] of Object.entries(value)) {
    const attribute = attributes.find((a) => a.baseName === key);
    if (attribute === undefined) problems.push(`${path}.${key}: unknown field`);
    else unknownFields(child, attribute.type, `${path}.${key}`, problems);
  }
}

/**
 * EKS Auto Mode's IngressClassParams has no published model here: its spec may hold only the fields of
 * AWS's reference table, the scheme one of two values, the group a name.
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html
 */
const INGRESS_CLASS_PARAMS_FIELDS = new Set([
  'scheme',
  'namespaceSelector',
  'group',
  'ipAddressType',
  'subnets',
  'certificateARNs',
  'tags',
  'loadBalancerAttributes',
]);

function checkIngressClassParams(manifest: Manifest, where: string): string[] {
  const problems: string[] = [];
  const spec = (manifest.spec ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(spec))
    if (!INGRESS_CLASS_PARAMS_FIELDS.has(key)) problems.push(`${where}: spec.${key}: unknown field`);
  if (spec.scheme !== undefined && spec.scheme !== 'internet-facing' && spec.scheme !== 'internal')
    problems.push(`${where}: spec.scheme: expected internet-facing or internal`);
  const group = spec.group as { name?: unknown } | undefined;
  if (group !== undefined && (typeof group.name !== 'string' || Object.keys(group).length !== 1))
    problems.push(`${where}: spec.group: expected { name }`);
  return problems;
}
