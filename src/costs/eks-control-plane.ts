/**
 * @module eks-control-plane: what an EKS cluster costs before any workload: the control plane, and on an
 * all-Fargate cluster the CoreDNS pods that then run on Fargate too.
 */
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import { fargatePriceId } from '../pricing/price-ids.js';
import type { LineSpec } from './line.js';

/** Standard support, or extended support (the extended price is the total per cluster-hour). */
export function eksControlPlaneLines(extendedSupport: boolean): LineSpec[] {
  return [
    {
      category: 'control-plane',
      service: null,
      description: `EKS cluster control plane, ${extendedSupport ? 'extended' : 'standard'} support, ${HOURS_PER_MONTH} hours`,
      quantity: toMoney(HOURS_PER_MONTH),
      priceId: extendedSupport ? 'eks:cluster-extended' : 'eks:cluster-standard',
    },
  ];
}

/** CoreDNS pods billed on Fargate at their pod size, always on. */
export function coreDnsOnFargateLines(
  replicas: number,
  pod: { vcpu: number; memoryMiB: number },
): LineSpec[] {
  const hours = toMoney(replicas * HOURS_PER_MONTH);
  const size = `${pod.vcpu} vCPU / ${pod.memoryMiB / 1024} GB billed`;
  return [
    {
      category: 'control-plane',
      service: null,
      description: `CoreDNS pods on Fargate (${replicas} replicas), vCPU, ${size}`,
      quantity: hours.times(pod.vcpu),
      priceId: fargatePriceId('fargate', 'x86_64', 'linux', 'vcpu'),
    },
    {
      category: 'control-plane',
      service: null,
      description: `CoreDNS pods on Fargate (${replicas} replicas), memory, ${size}`,
      quantity: hours.times(pod.memoryMiB).dividedBy(1024),
      priceId: fargatePriceId('fargate', 'x86_64', 'linux', 'gb'),
    },
  ];
}
