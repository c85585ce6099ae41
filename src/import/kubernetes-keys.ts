/**
 * @module kubernetes-keys: the fields the Kubernetes API gives each object the import reads, and the
 * maps below it that hold sizes, replicas, placement and scaling (docs/import.md#kubernetes-fields). A
 * field the API does not have is a problem at its line, with the nearest field when it is a likely typo:
 * `resources: { requets: { cpu: "2" } }` or `replica: 3` would otherwise leave a workload at the default
 * size or one replica without a word. Labels, annotations and nodeSelector are free-form maps.
 */
import type { FieldReader } from './field-reader.js';
import { checkShape, type KeyShape, type UnknownKeyMessage } from './key-check.js';
import { KUBERNETES_FIELDS, type KubernetesType } from './kubernetes-fields.js';

type Below = NonNullable<KeyShape['below']>;

/** The shape of API type `type` (`apps/v1 DeploymentSpec`), with the shapes checked below it. */
function shape(type: KubernetesType, below?: Below): KeyShape {
  const [api = '', name = ''] = type.split(' ');
  return {
    keys: new Set(KUBERNETES_FIELDS[type]),
    what: `${name} (${api === 'v1' ? 'core/v1' : api})`,
    ...(below === undefined ? {} : { below }),
  };
}

/**
 * The keys of a container's `requests` and `limits`: a standard resource (`cpu`, `memory`,
 * `ephemeral-storage`, `hugepages-<size>`) or an extended one, named with a domain prefix
 * (`nvidia.com/gpu`); the API refuses any other name.
 */
const STANDARD_RESOURCES: ReadonlySet<string> = new Set(['cpu', 'memory', 'ephemeral-storage']);
const RESOURCE_NAMES: KeyShape = {
  keys: STANDARD_RESOURCES,
  what: 'a container resource',
  allows: (key) => key.startsWith('hugepages-') || key.includes('/'),
  message: (key, _what, near) =>
    `unknown Kubernetes resource "${key}": a container asks for cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource named with a domain (nvidia.com/gpu)${near ? ` (did you mean ${near}?)` : ''}`,
};

const METADATA = shape('meta/v1 ObjectMeta');

const CONTAINER = shape('v1 Container', {
  resources: shape('v1 ResourceRequirements', { requests: RESOURCE_NAMES, limits: RESOURCE_NAMES }),
  ports: { each: shape('v1 ContainerPort') },
  securityContext: shape('v1 SecurityContext'),
  volumeMounts: { each: shape('v1 VolumeMount') },
});

const POD_SPEC = shape('v1 PodSpec', {
  containers: { each: CONTAINER },
  initContainers: { each: CONTAINER },
  affinity: shape('v1 Affinity', {
    nodeAffinity: shape('v1 NodeAffinity', {
      requiredDuringSchedulingIgnoredDuringExecution: shape('v1 NodeSelector', {
        nodeSelectorTerms: {
          each: shape('v1 NodeSelectorTerm', {
            matchExpressions: { each: shape('v1 NodeSelectorRequirement') },
          }),
        },
      }),
    }),
    // One pod per node (kubernetes-pod.ts, readOnePodPerNode).
    podAntiAffinity: shape('v1 PodAntiAffinity', {
      requiredDuringSchedulingIgnoredDuringExecution: {
        each: shape('v1 PodAffinityTerm', {
          labelSelector: shape('v1 LabelSelector', {
            matchExpressions: { each: shape('v1 LabelSelectorRequirement') },
          }),
        }),
      },
    }),
  }),
  volumes: {
    each: shape('v1 Volume', { persistentVolumeClaim: shape('v1 PersistentVolumeClaimVolumeSource') }),
  },
});

const POD_TEMPLATE = shape('v1 PodTemplateSpec', { metadata: METADATA, spec: POD_SPEC });

const CLAIM = shape('v1 PersistentVolumeClaim', {
  metadata: METADATA,
  spec: shape('v1 PersistentVolumeClaimSpec', { resources: shape('v1 VolumeResourceRequirements') }),
});

const JOB_SPEC = shape('batch/v1 JobSpec', { template: POD_TEMPLATE });

const INGRESS_BACKEND = shape('networking.k8s.io/v1 IngressBackend', {
  service: shape('networking.k8s.io/v1 IngressServiceBackend'),
});

const METRIC_TARGET = shape('autoscaling/v2 MetricTarget');
const METRIC_IDENTIFIER = shape('autoscaling/v2 MetricIdentifier');

/** The objects whose fields are checked, by `apiVersion kind`: the versions Kubernetes serves today. */
const OBJECTS: Readonly<Record<string, KeyShape>> = {
  'apps/v1 Deployment': shape('apps/v1 Deployment', {
    metadata: METADATA,
    spec: shape('apps/v1 DeploymentSpec', { template: POD_TEMPLATE }),
  }),
  'apps/v1 StatefulSet': shape('apps/v1 StatefulSet', {
    metadata: METADATA,
    spec: shape('apps/v1 StatefulSetSpec', { template: POD_TEMPLATE, volumeClaimTemplates: { each: CLAIM } }),
  }),
  'apps/v1 DaemonSet': shape('apps/v1 DaemonSet', {
    metadata: METADATA,
    spec: shape('apps/v1 DaemonSetSpec', { template: POD_TEMPLATE }),
  }),
  'apps/v1 ReplicaSet': shape('apps/v1 ReplicaSet', {
    metadata: METADATA,
    spec: shape('apps/v1 ReplicaSetSpec', { template: POD_TEMPLATE }),
  }),
  'batch/v1 Job': shape('batch/v1 Job', { metadata: METADATA, spec: JOB_SPEC }),
  'batch/v1 CronJob': shape('batch/v1 CronJob', {
    metadata: METADATA,
    spec: shape('batch/v1 CronJobSpec', {
      jobTemplate: shape('batch/v1 JobTemplateSpec', { metadata: METADATA, spec: JOB_SPEC }),
    }),
  }),
  'v1 Pod': shape('v1 Pod', { metadata: METADATA, spec: POD_SPEC }),
  'v1 PersistentVolumeClaim': CLAIM,
  'v1 Service': shape('v1 Service', {
    metadata: METADATA,
    spec: shape('v1 ServiceSpec', { ports: { each: shape('v1 ServicePort') } }),
  }),
  'networking.k8s.io/v1 Ingress': shape('networking.k8s.io/v1 Ingress', {
    metadata: METADATA,
    spec: shape('networking.k8s.io/v1 IngressSpec', {
      defaultBackend: INGRESS_BACKEND,
      rules: {
        each: shape('networking.k8s.io/v1 IngressRule', {
          http: shape('networking.k8s.io/v1 HTTPIngressRuleValue', {
            paths: { each: shape('networking.k8s.io/v1 HTTPIngressPath', { backend: INGRESS_BACKEND }) },
          }),
        }),
      },
    }),
  }),
  'autoscaling/v1 HorizontalPodAutoscaler': shape('autoscaling/v1 HorizontalPodAutoscaler', {
    metadata: METADATA,
    spec: shape('autoscaling/v1 HorizontalPodAutoscalerSpec', {
      scaleTargetRef: shape('autoscaling/v1 CrossVersionObjectReference'),
    }),
  }),
  'autoscaling/v2 HorizontalPodAutoscaler': shape('autoscaling/v2 HorizontalPodAutoscaler', {
    metadata: METADATA,
    spec: shape('autoscaling/v2 HorizontalPodAutoscalerSpec', {
      scaleTargetRef: shape('autoscaling/v2 CrossVersionObjectReference'),
      metrics: {
        each: shape('autoscaling/v2 MetricSpec', {
          resource: shape('autoscaling/v2 ResourceMetricSource', { target: METRIC_TARGET }),
          containerResource: shape('autoscaling/v2 ContainerResourceMetricSource', { target: METRIC_TARGET }),
          pods: shape('autoscaling/v2 PodsMetricSource', {
            metric: METRIC_IDENTIFIER,
            target: METRIC_TARGET,
          }),
          object: shape('autoscaling/v2 ObjectMetricSource', {
            metric: METRIC_IDENTIFIER,
            target: METRIC_TARGET,
          }),
          external: shape('autoscaling/v2 ExternalMetricSource', {
            metric: METRIC_IDENTIFIER,
            target: METRIC_TARGET,
          }),
        }),
      },
    }),
  }),
};

/** The API versions whose fields Berth holds for `kind`, for the note on any other version. */
export function checkedVersions(kind: string): string[] {
  return Object.keys(OBJECTS)
    .filter((key) => key.endsWith(` ${kind}`))
    .map((key) => key.slice(0, -kind.length - 1));
}

const unknownField: UnknownKeyMessage = (key, what, near) =>
  `unknown Kubernetes field "${key}": not a field of ${what} in the Kubernetes API${near ? ` (did you mean ${near}?)` : ''}`;

/**
 * Problems for the fields of a `kind` object of `apiVersion` that the API does not have; false when Berth
 * does not hold that version's fields (an older or a custom API), so nothing was checked.
 */
export function checkKubernetesFields(reader: FieldReader, apiVersion: string, kind: string): boolean {
  const found = OBJECTS[`${apiVersion} ${kind}`];
  if (found === undefined) return false;
  checkShape(reader, [], found, unknownField);
  return true;
}
