/**
 * @module coredns: the cluster DNS every EKS cluster runs. CoreDNS runs two replicas by default,
 * requesting 100m CPU and 70Mi memory each
 * (https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html): on the system node group when
 * the cluster has one, on the fleet's EC2 nodes when it has EC2 nodes but no such group, as Fargate pods
 * otherwise.
 */
import type { Orchestrator } from '../model/vocabulary.js';
import type { NormalisedService } from '../workload/normalised-schema.js';

export const COREDNS = { replicas: 2, vcpu: 0.1, memoryMiB: 70 } as const;

/**
 * Whether CoreDNS must be sized into the EKS fleet of these EC2 services: only when the cluster gets no
 * system node group, whose own cost line already holds it. deployment/system-nodes.ts gives one to every
 * EKS cluster whose EC2 services have node pools; services of two OSes get no node pools, so no system
 * group either: CoreDNS then stays on the fleet.
 */
export function coreDnsOnFleet(
  orchestrator: Orchestrator,
  services: readonly Pick<NormalisedService, 'os'>[],
): boolean {
  if (orchestrator !== 'eks' || services.length === 0) return false;
  return new Set(services.map((s) => s.os)).size > 1;
}
