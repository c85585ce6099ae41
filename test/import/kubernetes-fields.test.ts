import { readFileSync } from 'node:fs';
import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as autoscaling1 from 'kubernetes-types/autoscaling/v1.js';
import type * as autoscaling2 from 'kubernetes-types/autoscaling/v2.js';
import type * as batch from 'kubernetes-types/batch/v1.js';
import type * as core from 'kubernetes-types/core/v1.js';
import type * as meta from 'kubernetes-types/meta/v1.js';
import type * as networking from 'kubernetes-types/networking/v1.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { KUBERNETES_FIELDS, type KubernetesType } from '../../src/import/kubernetes-fields.js';
import { KUBERNETES_TYPES, modelFields, specVersion } from './kubernetes-fields-source.js';

/** The fields kubernetes-types (Kubernetes 1.30) gives type T that the list of K leaves out. */
type Missing<T, K extends KubernetesType> = Exclude<keyof T, (typeof KUBERNETES_FIELDS)[K][number]>;

/** Checked when the tests are type-checked: never, unless a 1.30 field is missing from a list. */
type Coverage = {
  'apps/v1 Deployment': Missing<apps.Deployment, 'apps/v1 Deployment'>;
  'apps/v1 DeploymentSpec': Missing<apps.DeploymentSpec, 'apps/v1 DeploymentSpec'>;
  'apps/v1 StatefulSet': Missing<apps.StatefulSet, 'apps/v1 StatefulSet'>;
  'apps/v1 StatefulSetSpec': Missing<apps.StatefulSetSpec, 'apps/v1 StatefulSetSpec'>;
  'apps/v1 DaemonSet': Missing<apps.DaemonSet, 'apps/v1 DaemonSet'>;
  'apps/v1 DaemonSetSpec': Missing<apps.DaemonSetSpec, 'apps/v1 DaemonSetSpec'>;
  'apps/v1 ReplicaSet': Missing<apps.ReplicaSet, 'apps/v1 ReplicaSet'>;
  'apps/v1 ReplicaSetSpec': Missing<apps.ReplicaSetSpec, 'apps/v1 ReplicaSetSpec'>;
  'batch/v1 Job': Missing<batch.Job, 'batch/v1 Job'>;
  'batch/v1 JobSpec': Missing<batch.JobSpec, 'batch/v1 JobSpec'>;
  'batch/v1 CronJob': Missing<batch.CronJob, 'batch/v1 CronJob'>;
  'batch/v1 CronJobSpec': Missing<batch.CronJobSpec, 'batch/v1 CronJobSpec'>;
  'batch/v1 JobTemplateSpec': Missing<batch.JobTemplateSpec, 'batch/v1 JobTemplateSpec'>;
  'v1 Pod': Missing<core.Pod, 'v1 Pod'>;
  'v1 PodTemplateSpec': Missing<core.PodTemplateSpec, 'v1 PodTemplateSpec'>;
  'v1 PodSpec': Missing<core.PodSpec, 'v1 PodSpec'>;
  'meta/v1 ObjectMeta': Missing<meta.ObjectMeta, 'meta/v1 ObjectMeta'>;
  'v1 Container': Missing<core.Container, 'v1 Container'>;
  'v1 ResourceRequirements': Missing<core.ResourceRequirements, 'v1 ResourceRequirements'>;
  'v1 ContainerPort': Missing<core.ContainerPort, 'v1 ContainerPort'>;
  'v1 SecurityContext': Missing<core.SecurityContext, 'v1 SecurityContext'>;
  'v1 VolumeMount': Missing<core.VolumeMount, 'v1 VolumeMount'>;
  'v1 Volume': Missing<core.Volume, 'v1 Volume'>;
  'v1 PersistentVolumeClaimVolumeSource': Missing<
    core.PersistentVolumeClaimVolumeSource,
    'v1 PersistentVolumeClaimVolumeSource'
  >;
  'v1 Affinity': Missing<core.Affinity, 'v1 Affinity'>;
  'v1 NodeAffinity': Missing<core.NodeAffinity, 'v1 NodeAffinity'>;
  'v1 NodeSelector': Missing<core.NodeSelector, 'v1 NodeSelector'>;
  'v1 NodeSelectorTerm': Missing<core.NodeSelectorTerm, 'v1 NodeSelectorTerm'>;
  'v1 NodeSelectorRequirement': Missing<core.NodeSelectorRequirement, 'v1 NodeSelectorRequirement'>;
  'v1 PersistentVolumeClaim': Missing<core.PersistentVolumeClaim, 'v1 PersistentVolumeClaim'>;
  'v1 PersistentVolumeClaimSpec': Missing<core.PersistentVolumeClaimSpec, 'v1 PersistentVolumeClaimSpec'>;
  'v1 VolumeResourceRequirements': Missing<core.VolumeResourceRequirements, 'v1 VolumeResourceRequirements'>;
  'v1 Service': Missing<core.Service, 'v1 Service'>;
  'v1 ServiceSpec': Missing<core.ServiceSpec, 'v1 ServiceSpec'>;
  'v1 ServicePort': Missing<core.ServicePort, 'v1 ServicePort'>;
  'networking.k8s.io/v1 Ingress': Missing<networking.Ingress, 'networking.k8s.io/v1 Ingress'>;
  'networking.k8s.io/v1 IngressSpec': Missing<networking.IngressSpec, 'networking.k8s.io/v1 IngressSpec'>;
  'networking.k8s.io/v1 IngressRule': Missing<networking.IngressRule, 'networking.k8s.io/v1 IngressRule'>;
  'networking.k8s.io/v1 HTTPIngressRuleValue': Missing<
    networking.HTTPIngressRuleValue,
    'networking.k8s.io/v1 HTTPIngressRuleValue'
  >;
  'networking.k8s.io/v1 HTTPIngressPath': Missing<
    networking.HTTPIngressPath,
    'networking.k8s.io/v1 HTTPIngressPath'
  >;
  'networking.k8s.io/v1 IngressBackend': Missing<
    networking.IngressBackend,
    'networking.k8s.io/v1 IngressBackend'
  >;
  'networking.k8s.io/v1 IngressServiceBackend': Missing<
    networking.IngressServiceBackend,
    'networking.k8s.io/v1 IngressServiceBackend'
  >;
  'autoscaling/v1 HorizontalPodAutoscaler': Missing<
    autoscaling1.HorizontalPodAutoscaler,
    'autoscaling/v1 HorizontalPodAutoscaler'
  >;
  'autoscaling/v1 HorizontalPodAutoscalerSpec': Missing<
    autoscaling1.HorizontalPodAutoscalerSpec,
    'autoscaling/v1 HorizontalPodAutoscalerSpec'
  >;
  'autoscaling/v1 CrossVersionObjectReference': Missing<
    autoscaling1.CrossVersionObjectReference,
    'autoscaling/v1 CrossVersionObjectReference'
  >;
  'autoscaling/v2 HorizontalPodAutoscaler': Missing<
    autoscaling2.HorizontalPodAutoscaler,
    'autoscaling/v2 HorizontalPodAutoscaler'
  >;
  'autoscaling/v2 HorizontalPodAutoscalerSpec': Missing<
    autoscaling2.HorizontalPodAutoscalerSpec,
    'autoscaling/v2 HorizontalPodAutoscalerSpec'
  >;
  'autoscaling/v2 CrossVersionObjectReference': Missing<
    autoscaling2.CrossVersionObjectReference,
    'autoscaling/v2 CrossVersionObjectReference'
  >;
  'autoscaling/v2 MetricSpec': Missing<autoscaling2.MetricSpec, 'autoscaling/v2 MetricSpec'>;
  'autoscaling/v2 ResourceMetricSource': Missing<
    autoscaling2.ResourceMetricSource,
    'autoscaling/v2 ResourceMetricSource'
  >;
  'autoscaling/v2 ContainerResourceMetricSource': Missing<
    autoscaling2.ContainerResourceMetricSource,
    'autoscaling/v2 ContainerResourceMetricSource'
  >;
  'autoscaling/v2 PodsMetricSource': Missing<
    autoscaling2.PodsMetricSource,
    'autoscaling/v2 PodsMetricSource'
  >;
  'autoscaling/v2 ObjectMetricSource': Missing<
    autoscaling2.ObjectMetricSource,
    'autoscaling/v2 ObjectMetricSource'
  >;
  'autoscaling/v2 ExternalMetricSource': Missing<
    autoscaling2.ExternalMetricSource,
    'autoscaling/v2 ExternalMetricSource'
  >;
  'autoscaling/v2 MetricIdentifier': Missing<
    autoscaling2.MetricIdentifier,
    'autoscaling/v2 MetricIdentifier'
  >;
  'autoscaling/v2 MetricTarget': Missing<autoscaling2.MetricTarget, 'autoscaling/v2 MetricTarget'>;
};

describe('src/import/kubernetes-fields.ts', () => {
  it('holds what scripts/build-kubernetes-fields.ts reads from the Kubernetes OpenAPI models', () => {
    const expected = Object.fromEntries(
      Object.entries(KUBERNETES_TYPES).map(([model, [api, type]]) => [`${api} ${type}`, modelFields(model)]),
    );
    expect(KUBERNETES_FIELDS).toEqual(expected);
    expect(readFileSync(new URL('../../src/import/kubernetes-fields.ts', import.meta.url), 'utf8')).toContain(
      `(${specVersion()})`,
    );
  });

  it('lists the fields of Kubernetes 1.30 (kubernetes-types) and of the newer specification', () => {
    expectTypeOf<Coverage[keyof Coverage]>().toEqualTypeOf<never>();
    expect(KUBERNETES_FIELDS['v1 PodSpec']).toEqual(expect.arrayContaining(['containers', 'resources']));
    expect(Object.keys(KUBERNETES_FIELDS)).toHaveLength(Object.keys(KUBERNETES_TYPES).length);
    expect(modelFields('V1ResourceRequirements')).toEqual(['claims', 'limits', 'requests']);
  });
});
