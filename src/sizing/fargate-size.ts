/** @module fargate-size: the size Fargate bills for a task or pod, from the table of valid sizes. */
import type { OperatingSystem } from '../model/vocabulary.js';
import type { FargateSize } from '../pricing/fargate-sizes.js';

/**
 * EKS adds 256 MB to every pod's memory request for kubelet, kube-proxy and containerd before rounding:
 * https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html
 */
export const EKS_FARGATE_POD_OVERHEAD_MIB = 256;

export interface BilledSize {
  cpuUnits: number;
  vcpu: number;
  memoryMiB: number;
}

/**
 * The smallest valid size that holds the request: the fewest vCPU first, then the least memory at that
 * vCPU (never cheaper otherwise, since both are priced per unit). Null when no size is large enough.
 * Fargate "rounds up to the following compute configuration that most closely matches the sum of vCPU and
 * memory requests" (EKS) and only accepts the listed combinations (ECS):
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html
 */
export function roundUpFargateSize(
  vcpu: number,
  memoryMiB: number,
  os: OperatingSystem,
  sizes: readonly FargateSize[],
): BilledSize | null {
  let best: FargateSize | null = null;
  for (const size of sizes) {
    if (size.os !== os || size.vcpu < vcpu || size.memoryMiB < memoryMiB) continue;
    if (
      best === null ||
      size.vcpu < best.vcpu ||
      (size.vcpu === best.vcpu && size.memoryMiB < best.memoryMiB)
    ) {
      best = size;
    }
  }
  return best === null ? null : { cpuUnits: best.cpuUnits, vcpu: best.vcpu, memoryMiB: best.memoryMiB };
}

/** The billed size of an EKS pod on Fargate: requests + 256 MiB, then rounded up (Linux only). */
export function eksFargatePodSize(
  vcpu: number,
  memoryMiB: number,
  sizes: readonly FargateSize[],
): BilledSize | null {
  return roundUpFargateSize(vcpu, memoryMiB + EKS_FARGATE_POD_OVERHEAD_MIB, 'linux', sizes);
}
