/**
 * @module queue-scaling: how a fan-out worker on EKS scales from zero on its SQS backlog: a KEDA
 * ScaledObject with the `aws-sqs-queue` trigger and CPU as the second signal, and the TriggerAuthentication
 * that lets KEDA's operator read the queue with its own IAM role. KEDA creates the HorizontalPodAutoscaler
 * itself, so such a worker gets no HPA of Berth's: two autoscalers on one Deployment would fight.
 * https://keda.sh/docs/latest/concepts/scaling-deployments/
 */
import { serviceNamespace } from '../eks.js';
import { EMPTY_QUEUE_MINUTES, eksQueueRole, queueName } from '../queue-workers.js';
import { CPU_TARGET_PERCENT, SCALE_IN_COOLDOWN_SECONDS } from '../scaling.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { serviceLabels } from './pod-spec.js';

/** KEDA's install (platform/keda.tf) and the service account its operator runs as, which EKS Pod Identity maps to a role. */
export const KEDA_NAMESPACE = 'keda';
export const KEDA_OPERATOR_SERVICE_ACCOUNT = 'keda-operator';

/**
 * KEDA 2.21, tested on Kubernetes 1.34 to 1.36 (https://keda.sh/docs/2.22/operate/cluster/), so on the
 * stacks' 1.35: chart 2.21.1 of https://kedacore.github.io/charts
 * (https://github.com/kedacore/charts/releases/tag/v2.21.1).
 */
export const KEDA_CHART_VERSION = '2.21.1';

/**
 * Items waiting or in flight per worker pod that KEDA aims at: one, so a backlog of n items runs up to n
 * pods (within the maximum), as the ECS stacks add a task per waiting item.
 */
export const ITEMS_PER_WORKER = 1;

/** How often KEDA reads the queue's length, in seconds (KEDA's default, written out). */
export const POLLING_INTERVAL_SECONDS = 30;

const KEDA_API = 'keda.sh/v1alpha1';

/** True when some worker of the stack scales from zero on its queue, through KEDA. */
export function usesKeda(plan: StackPlan): boolean {
  return plan.services.some((s) => eksQueueRole(s) === 'fan-out');
}

/** The name of a worker's TriggerAuthentication. */
export function triggerAuthenticationName(service: Pick<ServicePlan, 'name'>): string {
  return `${service.name}-sqs`;
}

/**
 * KEDA reads the queue with the role of its operator (identityOwner `keda`, the default of the `aws`
 * provider), which the main stack gives sqs:GetQueueAttributes on the work queues through EKS Pod Identity.
 * https://keda.sh/docs/latest/authentication-providers/aws/
 */
export function triggerAuthentication(plan: StackPlan, service: ServicePlan) {
  return {
    apiVersion: KEDA_API,
    kind: 'TriggerAuthentication',
    metadata: {
      name: triggerAuthenticationName(service),
      namespace: serviceNamespace(plan, service),
      labels: serviceLabels(plan, service),
    },
    spec: { podIdentity: { provider: 'aws' } },
  };
}

/**
 * From zero to the workload's maximum on the queue's backlog (items visible plus in flight, so running
 * items keep their pods), and on CPU once pods run: KEDA scales to zero with a CPU trigger only beside
 * another trigger, as here (https://keda.sh/docs/2.15/scalers/cpu/). Back to zero when the queue has
 * been empty for the cooldown, as the ECS stacks do after EMPTY_QUEUE_MINUTES.
 * The queue is named rather than given by URL, which needs the account id: KEDA accepts the short name
 * with the region (https://keda.sh/docs/latest/scalers/aws-sqs/).
 */
export function scaledObject(plan: StackPlan, service: ServicePlan) {
  return {
    apiVersion: KEDA_API,
    kind: 'ScaledObject',
    metadata: {
      name: service.name,
      namespace: serviceNamespace(plan, service),
      labels: serviceLabels(plan, service),
    },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: service.persistentVolume === null ? 'Deployment' : 'StatefulSet',
        name: service.name,
      },
      pollingInterval: POLLING_INTERVAL_SECONDS,
      cooldownPeriod: EMPTY_QUEUE_MINUTES * 60,
      minReplicaCount: service.replicas.min,
      maxReplicaCount: service.replicas.max,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: { scaleDown: { stabilizationWindowSeconds: SCALE_IN_COOLDOWN_SECONDS } },
        },
      },
      triggers: [
        {
          type: 'aws-sqs-queue',
          metadata: {
            queueURL: queueName(plan, service),
            awsRegion: plan.region,
            queueLength: String(ITEMS_PER_WORKER),
            scaleOnInFlight: 'true',
          },
          authenticationRef: { name: triggerAuthenticationName(service) },
        },
        { type: 'cpu', metricType: 'Utilization', metadata: { value: String(CPU_TARGET_PERCENT) } },
      ],
    },
  };
}
