/** @module workloads: the controller of each service: Deployment, StatefulSet, DaemonSet or CronJob. */
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import { serviceNamespace } from '../eks.js';
import { eksQueueRole } from '../queue-workers.js';
import { toKubernetesCron } from '../schedule.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { podTemplate, selectorLabels, serviceLabels } from './pod-spec.js';

/** The storage class the StatefulSets claim volumes from (see storage.ts). */
export const STORAGE_CLASS = 'gp3';

/**
 * A pod drained for a Spot interruption (an eviction, which marks it DisruptionTarget) is replaced without
 * counting against the backoff limit; its unfinished item returns to the queue after the visibility timeout.
 * https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
 */
const SPOT_INTERRUPTION_IS_NO_FAILURE = {
  rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
};

export type WorkloadObject = Deployment | StatefulSet | DaemonSet | CronJob;

export function workloadObject(plan: StackPlan, service: ServicePlan, mixedFargate: boolean): WorkloadObject {
  const metadata = {
    name: service.name,
    namespace: serviceNamespace(plan, service),
    labels: serviceLabels(plan, service),
  };
  const template = podTemplate(plan, service, mixedFargate);
  const selector = { matchLabels: selectorLabels(service) };
  if (service.kind === 'daemon') {
    return {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata,
      spec: {
        selector,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template,
      },
    };
  }
  if (service.kind === 'batch' && service.batch !== null) {
    const batch = service.batch;
    return {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: {
        schedule: toKubernetesCron(batch),
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: serviceLabels(plan, service) },
          spec: {
            parallelism: batch.tasks,
            completions: batch.tasks,
            backoffLimit: 3,
            ...(eksQueueRole(service) === 'spot-batch'
              ? { podFailurePolicy: SPOT_INTERRUPTION_IS_NO_FAILURE }
              : {}),
            // Twice the expected run, so a stuck run cannot run into the next one.
            activeDeadlineSeconds: Math.ceil(batch.durationHours * 2 * 3600),
            ttlSecondsAfterFinished: 86400,
            template,
          },
        },
      },
    };
  }
  if (service.persistentVolume !== null) {
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata,
      spec: {
        serviceName: `${service.name}-headless`,
        ...(service.replicas.autoscaled ? {} : { replicas: service.replicas.desired }),
        selector,
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: STORAGE_CLASS,
              resources: { requests: { storage: `${Math.ceil(service.persistentVolume.sizeGiB)}Gi` } },
            },
          },
        ],
      },
    };
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      // With an autoscaler the HPA owns the replica count; setting it here would reset it on every apply.
      ...(service.replicas.autoscaled ? {} : { replicas: service.replicas.desired }),
      revisionHistoryLimit: 5,
      selector,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template,
    },
  };
}
