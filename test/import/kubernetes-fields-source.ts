/**
 * The text of src/import/kubernetes-fields.ts, made from @kubernetes/client-node's generated models: each
 * model's attribute map names the JSON field of every property the Kubernetes OpenAPI specification gives
 * the type. Only the generated models are imported: the package root needs Node 22.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as models from '@kubernetes/client-node/dist/gen/models/all.js';

/** The API types the import reads from: the model's name → the type's API group/version and name. */
export const KUBERNETES_TYPES: Record<string, [api: string, type: string]> = {
  V1Deployment: ['apps/v1', 'Deployment'],
  V1DeploymentSpec: ['apps/v1', 'DeploymentSpec'],
  V1StatefulSet: ['apps/v1', 'StatefulSet'],
  V1StatefulSetSpec: ['apps/v1', 'StatefulSetSpec'],
  V1DaemonSet: ['apps/v1', 'DaemonSet'],
  V1DaemonSetSpec: ['apps/v1', 'DaemonSetSpec'],
  V1ReplicaSet: ['apps/v1', 'ReplicaSet'],
  V1ReplicaSetSpec: ['apps/v1', 'ReplicaSetSpec'],
  V1Job: ['batch/v1', 'Job'],
  V1JobSpec: ['batch/v1', 'JobSpec'],
  V1CronJob: ['batch/v1', 'CronJob'],
  V1CronJobSpec: ['batch/v1', 'CronJobSpec'],
  V1JobTemplateSpec: ['batch/v1', 'JobTemplateSpec'],
  V1Pod: ['v1', 'Pod'],
  V1PodTemplateSpec: ['v1', 'PodTemplateSpec'],
  V1PodSpec: ['v1', 'PodSpec'],
  V1ObjectMeta: ['meta/v1', 'ObjectMeta'],
  V1Container: ['v1', 'Container'],
  V1ResourceRequirements: ['v1', 'ResourceRequirements'],
  V1ContainerPort: ['v1', 'ContainerPort'],
  V1SecurityContext: ['v1', 'SecurityContext'],
  V1VolumeMount: ['v1', 'VolumeMount'],
  V1Volume: ['v1', 'Volume'],
  V1PersistentVolumeClaimVolumeSource: ['v1', 'PersistentVolumeClaimVolumeSource'],
  V1Affinity: ['v1', 'Affinity'],
  V1NodeAffinity: ['v1', 'NodeAffinity'],
  V1NodeSelector: ['v1', 'NodeSelector'],
  V1NodeSelectorTerm: ['v1', 'NodeSelectorTerm'],
  V1NodeSelectorRequirement: ['v1', 'NodeSelectorRequirement'],
  V1PodAntiAffinity: ['v1', 'PodAntiAffinity'],
  V1PodAffinityTerm: ['v1', 'PodAffinityTerm'],
  V1LabelSelector: ['v1', 'LabelSelector'],
  V1LabelSelectorRequirement: ['v1', 'LabelSelectorRequirement'],
  V1PersistentVolumeClaim: ['v1', 'PersistentVolumeClaim'],
  V1PersistentVolumeClaimSpec: ['v1', 'PersistentVolumeClaimSpec'],
  V1VolumeResourceRequirements: ['v1', 'VolumeResourceRequirements'],
  V1Service: ['v1', 'Service'],
  V1ServiceSpec: ['v1', 'ServiceSpec'],
  V1ServicePort: ['v1', 'ServicePort'],
  V1Ingress: ['networking.k8s.io/v1', 'Ingress'],
  V1IngressSpec: ['networking.k8s.io/v1', 'IngressSpec'],
  V1IngressRule: ['networking.k8s.io/v1', 'IngressRule'],
  V1HTTPIngressRuleValue: ['networking.k8s.io/v1', 'HTTPIngressRuleValue'],
  V1HTTPIngressPath: ['networking.k8s.io/v1', 'HTTPIngressPath'],
  V1IngressBackend: ['networking.k8s.io/v1', 'IngressBackend'],
  V1IngressServiceBackend: ['networking.k8s.io/v1', 'IngressServiceBackend'],
  V1HorizontalPodAutoscaler: ['autoscaling/v1', 'HorizontalPodAutoscaler'],
  V1HorizontalPodAutoscalerSpec: ['autoscaling/v1', 'HorizontalPodAutoscalerSpec'],
  V1CrossVersionObjectReference: ['autoscaling/v1', 'CrossVersionObjectReference'],
  V2HorizontalPodAutoscaler: ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  V2HorizontalPodAutoscalerSpec: ['autoscaling/v2', 'HorizontalPodAutoscalerSpec'],
  V2CrossVersionObjectReference: ['autoscaling/v2', 'CrossVersionObjectReference'],
  V2MetricSpec: ['autoscaling/v2', 'MetricSpec'],
  V2ResourceMetricSource: ['autoscaling/v2', 'ResourceMetricSource'],
  V2ContainerResourceMetricSource: ['autoscaling/v2', 'ContainerResourceMetricSource'],
  V2PodsMetricSource: ['autoscaling/v2', 'PodsMetricSource'],
  V2ObjectMetricSource: ['autoscaling/v2', 'ObjectMetricSource'],
  V2ExternalMetricSource: ['autoscaling/v2', 'ExternalMetricSource'],
  V2MetricIdentifier: ['autoscaling/v2', 'MetricIdentifier'],
  V2MetricTarget: ['autoscaling/v2', 'MetricTarget'],
};

type Model = { getAttributeTypeMap(): { baseName: string }[] };

/** The JSON fields of a generated model, sorted. */
export function modelFields(model: string): string[] {
  const found = (models as unknown as Record<string, Model | undefined>)[model];
  if (found === undefined) throw new Error(`@kubernetes/client-node has no model ${model}`);
  return found
    .getAttributeTypeMap()
    .map((a) => a.baseName)
    .sort();
}

/** The OpenAPI specification version the models were generated from, from their header comment. */
export function specVersion(): string {
  const file = createRequire(import.meta.url).resolve('@kubernetes/client-node/dist/gen/models/V1PodSpec.js');
  const version = /OpenAPI spec version: (\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (version === undefined) throw new Error(`no OpenAPI spec version in ${file}`);
  return version;
}

export function kubernetesFieldsSource(): string {
  const lines = Object.entries(KUBERNETES_TYPES).map(([model, [api, type]]) => {
    const fields = modelFields(model)
      .map((f) => `'${f}'`)
      .join(', ');
    return `  '${api} ${type}': [${fields}],`;
  });
  return `/**
 * @module kubernetes-fields: the fields of each Kubernetes API type the Kubernetes import reads sizes,
 * replicas, placement and scaling from, as the Kubernetes OpenAPI specification (${specVersion()}) defines
 * them. Generated by scripts/build-kubernetes-fields.ts from @kubernetes/client-node's models; do not edit.
 */
export const KUBERNETES_FIELDS = {
${lines.join('\n')}
} as const satisfies Record<string, readonly string[]>;

export type KubernetesType = keyof typeof KUBERNETES_FIELDS;
`;
}
