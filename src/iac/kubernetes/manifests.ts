/** @module manifests: the Kubernetes manifests of an EKS candidate, one file per service plus shared objects. */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { Document } from 'yaml';
import type { IacFile } from '../../model/iac.js';
import { eksNamespace, eksNodePools } from '../eks.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import {
  autoscaler,
  disruptionBudget,
  ingress,
  PLACEHOLDER_DOMAIN,
  serviceAccount,
  services,
} from './service-objects.js';
import { STORAGE_CLASS, workloadObject } from './workloads.js';

/** Any Kubernetes object this module writes. */
type KubernetesObject = { apiVersion?: string; kind?: string };

export function renderKubernetes(plan: StackPlan): IacFile[] {
  const files: IacFile[] = [
    manifestFile(
      'namespace.yaml',
      [namespace(plan)],
      [
        `Berth: ${plan.candidate.label} for ${plan.name}. Apply after the Terraform stack: kubectl apply -f .`,
        'Prerequisites: the AWS Load Balancer Controller (for the Ingresses) and, for GPU pods, the NVIDIA device plugin.',
      ],
    ),
  ];
  if (plan.services.some((s) => s.persistentVolume !== null && s.kind === 'service'))
    files.push(
      manifestFile(
        'storage-class.yaml',
        [storageClass()],
        ['gp3 volumes from the EBS CSI driver (an add-on of the Terraform stack).'],
      ),
    );
  if (eksNodePools(plan).some((p) => p.os === 'windows'))
    files.push(
      manifestFile(
        'windows-ipam.yaml',
        [windowsIpam()],
        [
          'Windows pods get IP addresses only with Windows IPAM enabled in the VPC CNI:',
          'https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html',
        ],
      ),
    );
  const mixedFargate =
    plan.services.some((s) => s.compute === 'ec2') && plan.services.some((s) => s.compute === 'fargate');
  const ingressCount = (exposure: ServicePlan['exposure']) =>
    plan.services.filter((s) => s.exposure === exposure).length;
  for (const service of plan.services) {
    const objects: KubernetesObject[] = [
      serviceAccount(plan, service),
      workloadObject(plan, service, mixedFargate),
      ...services(plan, service),
    ];
    const route = ingress(plan, service, ingressCount(service.exposure) > 1);
    const hpa = autoscaler(plan, service);
    const pdb = disruptionBudget(plan, service);
    for (const object of [route, hpa, pdb]) if (object !== null) objects.push(object);
    files.push(manifestFile(`${service.name}.yaml`, objects, describe(service)));
  }
  return files;
}

/** What a reviewer should know about a service's manifests, written at the top of its file. */
function describe(service: ServicePlan): string[] {
  const lines = [
    `${service.name}: ${service.requested.vcpu} vCPU / ${service.requested.memoryMiB} MiB per pod, as the workload asks.`,
  ];
  if (service.compute === 'fargate' && service.fargateSize !== null)
    lines.push(
      `Runs on Fargate, which bills ${service.fargateSize.vcpu} vCPU / ${service.fargateSize.memoryMiB} MiB per pod (requests + 256 MiB, rounded up to a Fargate size).`,
    );
  else
    lines.push(`Runs on the ${service.pools.join(', ')} node pool${service.pools.length === 1 ? '' : 's'}.`);
  if (service.replicas.autoscaled)
    lines.push(`Scales between ${service.replicas.min} and ${service.replicas.max} pods on CPU.`);
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

/**
 * Pod Security Admission: restricted, unless a service needs privileges (then privileged) or runs on
 * Windows (baseline: the restricted profile's Linux checks do not apply there); warnings always at restricted.
 */
function namespace(plan: StackPlan): Namespace {
  const privileged = plan.services.some((s) => s.privileged || s.hostNetworking);
  const windows = plan.services.some((s) => s.os === 'windows');
  const level = privileged ? 'privileged' : windows ? 'baseline' : 'restricted';
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: eksNamespace(plan),
      labels: {
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  };
}

/** Retained on delete: the data must outlive the pods and, by choice, the claims. */
function storageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: STORAGE_CLASS },
    provisioner: 'ebs.csi.aws.com',
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
