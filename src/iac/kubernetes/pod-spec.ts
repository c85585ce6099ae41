/** @module pod-spec: the pod template of a service on EKS: requests, probes, security, placement. */
import type {
  Container,
  EnvVar,
  PodSpec,
  PodTemplateSpec,
  Probe,
  Toleration,
} from 'kubernetes-types/core/v1.js';
import { FARGATE_LABEL, GPU_TAINT, POOL_LABEL, WINDOWS_TAINT } from '../eks.js';
import { manifestContainerPort, manifestImage } from '../images.js';
import { toDnsLabel } from '../names.js';
import { eksQueueRole, queueName } from '../queue-workers.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';

export const NAME_LABEL = 'app.kubernetes.io/name';
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';

/** Labels every object of a service carries; the selector uses the name label only. */
export function serviceLabels(plan: StackPlan, service: ServicePlan): Record<string, string> {
  return {
    [NAME_LABEL]: service.name,
    [PART_OF_LABEL]: toDnsLabel([plan.name]),
    'app.kubernetes.io/managed-by': 'berth',
  };
}

export function selectorLabels(service: ServicePlan): Record<string, string> {
  return { [NAME_LABEL]: service.name };
}

/** CPU as Kubernetes writes it: whole cores as a number, fractions in millicores. */
export function toCpuQuantity(vcpu: number): string {
  return Number.isInteger(vcpu) ? String(vcpu) : `${Math.round(vcpu * 1000)}m`;
}

export function toMemoryQuantity(mib: number): string {
  return `${Math.ceil(mib)}Mi`;
}

/** True when the pod speaks HTTP on its port and can be probed there. */
export function servesHttp(service: ServicePlan): boolean {
  return service.exposure !== 'none';
}

/**
 * The pod template. Requests are the workload's (Fargate sizes the pod from them; the HPA measures
 * against them); the memory limit equals the request so a pod cannot take a neighbour's memory; no CPU
 * limit, so pods may burst into idle CPU instead of being throttled.
 */
export function podTemplate(plan: StackPlan, service: ServicePlan, mixedFargate: boolean): PodTemplateSpec {
  const windows = service.os === 'windows';
  const labels: Record<string, string> = { ...serviceLabels(plan, service) };
  if (service.compute === 'fargate' && mixedFargate) labels[FARGATE_LABEL] = 'true';
  const spec: PodSpec = {
    serviceAccountName: service.name,
    automountServiceAccountToken: false,
    ...(windows
      ? { os: { name: 'windows' }, securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } } }
      : {
          securityContext: {
            ...(service.privileged ? {} : { runAsNonRoot: true }),
            seccompProfile: { type: 'RuntimeDefault' },
            // The volume's files get this group, which the container's user joins, so a non-root user can write.
            ...(service.persistentVolume === null
              ? {}
              : { fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch' }),
          },
        }),
    ...(service.hostNetworking ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
    ...placement(service),
    ...(service.kind === 'daemon' || service.kind === 'batch'
      ? {}
      : {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selectorLabels(service) },
            },
          ],
        }),
    ...(service.kind === 'batch' ? { restartPolicy: batchRestartPolicy(service) } : {}),
    containers: [container(service, queueEnv(plan, service))],
    ...(windows ? {} : { volumes: [{ name: 'tmp', emptyDir: {} }] }),
  };
  return { metadata: { labels }, spec };
}

/**
 * A Spot batch job that takes its items from a queue restarts nothing in place (`Never`): its Job's pod
 * failure policy, which needs `Never`, replaces an interrupted pod without counting it as a failure
 * (workloads.ts). https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-failure-policy
 */
function batchRestartPolicy(service: ServicePlan): 'Never' | 'OnFailure' {
  return eksQueueRole(service) === 'spot-batch' ? 'Never' : 'OnFailure';
}

/**
 * A queue worker finds its queue by name (GetQueueUrl; the URL holds the account id, which the manifests do
 * not know). The region is given because nodes let pods no IMDS hop to look it up (eks-compute.ts).
 */
function queueEnv(plan: StackPlan, service: ServicePlan): EnvVar[] {
  if (eksQueueRole(service) === null) return [];
  return [
    { name: 'QUEUE_NAME', value: queueName(plan, service) },
    { name: 'AWS_REGION', value: plan.region },
  ];
}

/**
 * EC2 pods go to their node pool (by its label) and architecture; Fargate pods are placed by the Fargate
 * profile, which ignores node selectors. GPU and Windows nodes are tainted, so the pods Berth priced on
 * them (GPU services, and any other the optimizer packed beside them) tolerate that.
 */
function placement(service: ServicePlan): Partial<PodSpec> {
  if (service.compute === 'fargate') return {};
  const tolerations: Toleration[] = [];
  if (service.gpus > 0 || service.onGpuPool)
    tolerations.push({ key: GPU_TAINT.key, operator: 'Exists', effect: 'NoSchedule' });
  if (service.os === 'windows')
    tolerations.push({
      key: WINDOWS_TAINT.key,
      operator: 'Equal',
      value: WINDOWS_TAINT.value,
      effect: 'NoSchedule',
    });
  if (service.kind === 'daemon') {
    // A per-node agent runs on every EC2 node its architecture fits, never on Fargate (no DaemonSets there).
    return {
      tolerations: [{ operator: 'Exists' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
                  { key: POOL_LABEL, operator: 'In', values: service.pools },
                ],
              },
            ],
          },
        },
      },
      nodeSelector: { 'kubernetes.io/os': service.os },
    };
  }
  const pool = service.pools[0];
  return {
    nodeSelector: {
      'kubernetes.io/os': service.os,
      'kubernetes.io/arch': service.architecture === 'arm64' ? 'arm64' : 'amd64',
      ...(pool === undefined ? {} : { [POOL_LABEL]: pool }),
    },
    ...(tolerations.length > 0 ? { tolerations } : {}),
    ...(service.onePerNode ? { affinity: onePodPerNode(service) } : {}),
  };
}

/**
 * At most one of the service's pods on a node, as the optimizer priced it (`needs.onePerNode`): a required
 * anti-affinity to its own pods over the node's hostname, which the scheduler, Cluster Autoscaler and
 * Karpenter all honour, so a pod with no free node waits for a new one (docs/starter-code.md#one-task-per-node).
 */
function onePodPerNode(service: ServicePlan): NonNullable<PodSpec['affinity']> {
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: selectorLabels(service) }, topologyKey: 'kubernetes.io/hostname' },
      ],
    },
  };
}

function container(service: ServicePlan, env: EnvVar[]): Container {
  const windows = service.os === 'windows';
  const memory = toMemoryQuantity(service.requested.memoryMiB);
  const limits: Record<string, string> = { memory };
  if (service.gpus > 0) limits['nvidia.com/gpu'] = String(service.gpus);
  const requests: Record<string, string> = { cpu: toCpuQuantity(service.requested.vcpu), memory };
  if (service.ephemeralStorageGiB !== null)
    requests['ephemeral-storage'] = `${Math.ceil(service.ephemeralStorageGiB)}Gi`;
  const http = servesHttp(service);
  const probe = (extra: Partial<Probe>): Probe => ({ httpGet: { path: '/', port: 'http' }, ...extra });
  return {
    name: service.name,
    image: manifestImage(service),
    ...(http || service.persistentVolume !== null || service.hostNetworking
      ? {
          ports: [
            { name: http ? 'http' : 'app', containerPort: manifestContainerPort(service), protocol: 'TCP' },
          ],
        }
      : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: { requests, limits },
    ...(http
      ? {
          startupProbe: probe({ periodSeconds: 5, failureThreshold: 30 }),
          readinessProbe: probe({ periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }),
          livenessProbe: probe({ periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 3 }),
        }
      : {}),
    ...(windows
      ? {}
      : {
          securityContext: service.privileged
            ? { privileged: true }
            : {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
        }),
    volumeMounts: [
      ...(windows ? [] : [{ name: 'tmp', mountPath: '/tmp' }]),
      ...(service.persistentVolume === null ? [] : [{ name: 'data', mountPath: '/data' }]),
    ],
  };
}
