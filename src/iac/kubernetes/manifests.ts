/** @module manifests: the Kubernetes manifests of an EKS candidate, one file per service plus shared objects. */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { Document } from 'yaml';
import { isFanOutWorker, keepsOnePod } from '../../deployment/kept-pod.js';
import { SERVICES_PER_LOAD_BALANCER } from '../../deployment/load-balancers.js';
import type { IacFile } from '../../model/iac.js';
import {
  agentNamespace,
  clusterAutoscalerPools,
  eksNamespace,
  eksNodePools,
  karpenterPools,
  needsPrivilege,
} from '../eks.js';
import { manifestContainerPort } from '../images.js';
import { loadBalancerOf } from '../load-balancers.js';
import { eksQueueRole, MAX_RECEIVES, producerNote } from '../queue-workers.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { autoModeIngressClasses } from './auto-mode-ingress.js';
import { isAutoMode } from './auto-mode-node-pools.js';
import { scaledObject, triggerAuthentication, usesKeda } from './queue-scaling.js';
import {
  autoscaler,
  disruptionBudget,
  ingress,
  PLACEHOLDER_DOMAIN,
  serviceAccount,
  services,
} from './service-objects.js';
import { STORAGE_CLASS, workloadObject } from './workloads.js';

/** The node autoscalers platform/ installs: Karpenter, Cluster Autoscaler (docs/starter-code.md#node-autoscaling), or both. */
function nodeAutoscalers(plan: StackPlan): string {
  const names = [
    ...(karpenterPools(plan).length > 0 ? ['Karpenter'] : []),
    ...(clusterAutoscalerPools(plan).length > 0 ? ['Cluster Autoscaler'] : []),
  ];
  return names.join(', ');
}

/** Any Kubernetes object this module writes. */
type KubernetesObject = { apiVersion?: string; kind?: string };

/**
 * Services that run a placeholder image on another port than their own: the user who sets the real image
 * must also set the container's port (the Service targets the named port, so nothing else changes).
 */
function placeholderNotes(plan: StackPlan): string[] {
  const moved = plan.services.filter(
    (s) => s.image === null && s.exposure !== 'none' && manifestContainerPort(s) !== s.port,
  );
  if (moved.length === 0) return [];
  const list = moved
    .map((s) => `${s.name} (port ${s.port}; the placeholder listens on ${manifestContainerPort(s)})`)
    .join(', ');
  return [
    `No image in the workload for ${list}: when you set the real image, set its containerPort to the service's port too.`,
  ];
}

export function renderKubernetes(plan: StackPlan): IacFile[] {
  // Only a cluster with EC2 nodes gets the platform/ module (Karpenter, the controller, the device plugin).
  const platform = plan.pools.length > 0;
  const files: IacFile[] = [
    manifestFile(NAMESPACE_FILE, namespaces(plan), [
      `Berth: ${plan.candidate.label} for ${plan.name}. Apply after the Terraform stack${platform ? ' and its platform/ module' : ''}:`,
      `kubectl apply -f . (files apply in name order, so ${NAMESPACE_FILE} comes first).`,
      isAutoMode(plan)
        ? `EKS Auto Mode runs the load balancer controller, the EBS CSI driver and the NVIDIA device plugin; platform/ adds the NodePools${usesKeda(plan) ? ' and KEDA, which scales the queue workers from zero' : ''}.`
        : platform
          ? `platform/ installs the AWS Load Balancer Controller (for the Ingresses), ${nodeAutoscalers(plan)} and, for GPU pods, the NVIDIA device plugin.${usesKeda(plan) ? ' It also installs KEDA, which scales the queue workers from zero: their ScaledObjects here need it first.' : ''}`
          : 'Prerequisite: the AWS Load Balancer Controller for the Ingresses; on Fargate it needs IAM roles for service accounts (EKS Pod Identity does not work there): https://docs.aws.amazon.com/eks/latest/userguide/lbc-helm.html',
      ...placeholderNotes(plan),
    ]),
  ];
  const autoMode = isAutoMode(plan);
  if (plan.services.some((s) => s.persistentVolume !== null && s.kind === 'service'))
    files.push(
      manifestFile(
        STORAGE_CLASS_FILE,
        [storageClass(autoMode)],
        [
          autoMode
            ? 'gp3 volumes from the block storage of EKS Auto Mode: https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html'
            : 'gp3 volumes from the EBS CSI driver (an add-on of the Terraform stack).',
        ],
      ),
    );
  const ingressClasses = autoMode ? autoModeIngressClasses(plan) : [];
  if (ingressClasses.length > 0)
    files.push(
      manifestFile(INGRESS_CLASSES_FILE, ingressClasses, [
        'EKS Auto Mode creates the ALBs: one IngressClass per load balancer, its scheme and group in the IngressClassParams.',
        'https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html',
      ]),
    );
  if (eksNodePools(plan).some((p) => p.os === 'windows'))
    files.push(
      manifestFile(
        WINDOWS_IPAM_FILE,
        [windowsIpam()],
        [
          'Windows pods get IP addresses only with Windows IPAM enabled in the VPC CNI:',
          'https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html',
        ],
      ),
    );
  const mixedFargate =
    plan.services.some((s) => s.compute === 'ec2') && plan.services.some((s) => s.compute === 'fargate');
  for (const service of plan.services) {
    const objects: KubernetesObject[] = [
      serviceAccount(plan, service),
      workloadObject(plan, service, mixedFargate),
      ...services(plan, service),
    ];
    const route = ingress(plan, service);
    const pdb = disruptionBudget(plan, service);
    for (const object of [route, ...scaling(plan, service), pdb]) if (object !== null) objects.push(object);
    const lines = describe(plan, service);
    const lb = loadBalancerOf(plan, service);
    if (route !== null && lb !== undefined && lb.ofScheme > 1)
      lines.push(
        `Its Ingress is in IngressGroup ${lb.index + 1} of the ${lb.ofScheme} of its scheme, one ALB each: an ALB holds at most ${SERVICES_PER_LOAD_BALANCER} target groups. Berth priced each ALB's hours.`,
      );
    files.push(manifestFile(`${service.name}.yaml`, objects, lines));
  }
  return files;
}

/** A fan-out worker scales on its queue through KEDA, which makes its own HPA; others get Berth's HPA, if any. */
function scaling(plan: StackPlan, service: ServicePlan): (KubernetesObject | null)[] {
  if (eksQueueRole(service) === 'fan-out')
    return [triggerAuthentication(plan, service), scaledObject(plan, service)];
  return [autoscaler(plan, service)];
}

/** What a reviewer should know about a service's manifests, written at the top of its file. */
function describe(plan: StackPlan, service: ServicePlan): string[] {
  const lines = [
    `${service.name}: ${service.requested.vcpu} vCPU / ${service.requested.memoryMiB} MiB per pod, as the workload asks.`,
  ];
  if (service.compute === 'fargate' && service.fargateSize !== null)
    lines.push(
      `Runs on Fargate, which bills ${service.fargateSize.vcpu} vCPU / ${service.fargateSize.memoryMiB} MiB per pod (requests + 256 MiB, rounded up to a Fargate size).`,
    );
  else
    lines.push(`Runs on the ${service.pools.join(', ')} node pool${service.pools.length === 1 ? '' : 's'}.`);
  const queue = eksQueueRole(service);
  if (queue === 'fan-out')
    lines.push(
      `Scales between ${service.replicas.min} and ${service.replicas.max} pods on the backlog of its SQS queue (QUEUE_NAME), and on CPU once pods run, through KEDA (platform/keda.tf).`,
    );
  else if (keepsOnePod(plan.orchestrator, service))
    lines.push(
      `Scales between 1 and ${service.replicas.max} pods on CPU: an HPA cannot scale to zero${isFanOutWorker(service) ? ', and the queue and KEDA that start a worker from zero need EKS Pod Identity, which Fargate and Windows pods lack' : ''}. The recommendation prices the one pod kept in the hours the workload runs none.`,
    );
  else if (service.replicas.autoscaled)
    lines.push(`Scales between ${service.replicas.min} and ${service.replicas.max} pods on CPU.`);
  if (queue === 'spot-batch')
    lines.push(
      'Each pod takes work items from its SQS queue (QUEUE_NAME) until it is empty; a pod drained for a Spot interruption is replaced, and its unfinished item returns to the queue.',
    );
  if (queue !== null)
    lines.push(
      `An item received ${MAX_RECEIVES} times without being deleted moves to the dead-letter queue. The queue and the role of the service account (EKS Pod Identity) are in the Terraform stack.`,
      producerNote(queue, 'pod'),
    );
  if (service.kind === 'service' && service.exposure === 'none')
    lines.push(
      'No probes: the workload declares no endpoint it serves; add one when the service has a health check.',
    );
  if (service.exposure === 'public')
    lines.push(
      `Replace ${PLACEHOLDER_DOMAIN} with your domain: the load balancer controller serves the ACM certificate for that host.`,
    );
  if (service.persistentVolume !== null && service.kind === 'service')
    lines.push(
      `Each pod keeps a ${service.persistentVolume.sizeGiB} GiB gp3 volume across restarts and rescheduling (StatefulSet).`,
    );
  if (service.spot) lines.push('Its nodes are Spot: pods are drained on the two-minute interruption notice.');
  return lines;
}

/** First in name order, so `kubectl apply -f .` creates the namespaces before what goes in them. */
export const NAMESPACE_FILE = '00-namespace.yaml';
/** Sorts right after the namespace, so the VPC CNI gives Windows pods addresses before any is created. */
export const WINDOWS_IPAM_FILE = '01-windows-ipam.yaml';
/**
 * Before every service file (service names start with a letter), so a StatefulSet's volume claims name a
 * StorageClass that already exists, and each Ingress an IngressClass that does.
 */
export const STORAGE_CLASS_FILE = '02-storage-class.yaml';
export const INGRESS_CLASSES_FILE = '03-ingress-classes.yaml';

/**
 * Pod Security Admission: the workload's namespace is restricted, or baseline where Windows runs (the
 * restricted profile's Linux checks do not apply there); services that need host access get a
 * namespace of their own at privileged. Warnings and audit are always at restricted.
 */
function namespaces(plan: StackPlan): Namespace[] {
  const windows = plan.services.some((s) => s.os === 'windows');
  const regular = plan.services.some((s) => !needsPrivilege(s));
  const out: Namespace[] = [];
  if (regular || !plan.services.some(needsPrivilege))
    out.push(namespaceObject(eksNamespace(plan), windows ? 'baseline' : 'restricted'));
  if (plan.services.some(needsPrivilege)) out.push(namespaceObject(agentNamespace(plan), 'privileged'));
  return out;
}

function namespaceObject(name: string, level: string): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  };
}

/**
 * Retained on delete: the data must outlive the pods and, by choice, the claims. Auto Mode provisions with
 * its own driver name. https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html
 */
function storageClass(autoMode: boolean): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: STORAGE_CLASS },
    provisioner: autoMode ? 'ebs.csi.eks.amazonaws.com' : 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'xfs' },
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  };
}

function windowsIpam(): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'amazon-vpc-cni', namespace: 'kube-system' },
    data: { 'enable-windows-ipam': 'true' },
  };
}

/**
 * Multi-document YAML. YAML 1.1 quoting keeps values such as "yes", "on" or "0755" strings for
 * Kubernetes' YAML 1.1 reader.
 */
function manifestFile(
  path: string,
  objects: readonly KubernetesObject[],
  header: readonly string[],
): IacFile {
  const docs = objects.map((object, index) => {
    const doc = new Document(object, { version: '1.1' });
    if (index === 0) doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
    return doc.toString({ lineWidth: 0 });
  });
  return { path, contents: docs.join('---\n') };
}
