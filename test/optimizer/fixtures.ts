/** Hand-made instance types for the optimizer tests: a few families, prices chosen by hand. */
import type { FleetTaskGroup, PricedInstanceType } from '../../src/optimizer/fleet-types.js';

interface Spec {
  name: string;
  vcpu: number;
  gib: number;
  usd: string;
  architecture?: 'x86_64' | 'arm64';
  gpuCount?: number;
  gpuModel?: string | null;
  burstable?: boolean;
  maxPodsEks?: number;
  enis?: number | null;
  ipv4PerEni?: number | null;
}

export function instanceType(spec: Spec): PricedInstanceType {
  const [family = spec.name, size = 'large'] = spec.name.split('.');
  return {
    name: spec.name,
    family,
    size,
    vcpu: spec.vcpu,
    memoryMiB: spec.gib * 1024,
    architecture: spec.architecture ?? 'x86_64',
    gpuCount: spec.gpuCount ?? 0,
    gpuModel: spec.gpuModel ?? null,
    acceleratorCount: 0,
    maxPodsEks: spec.maxPodsEks ?? 58,
    enis: spec.enis === undefined ? 4 : spec.enis,
    ipv4PerEni: spec.ipv4PerEni === undefined ? 15 : spec.ipv4PerEni,
    burstable: spec.burstable ?? false,
    currentGeneration: true,
    usdPerHour: spec.usd,
  };
}

/** EKS max pods and ENIs follow the real values of these sizes (amazon-eks-ami eni-max-pods.txt). */
export const C6I_XLARGE = instanceType({
  name: 'c6i.xlarge',
  vcpu: 4,
  gib: 8,
  usd: '0.17',
  maxPodsEks: 58,
  enis: 4,
});
export const C6I_2XLARGE = instanceType({
  name: 'c6i.2xlarge',
  vcpu: 8,
  gib: 16,
  usd: '0.34',
  maxPodsEks: 58,
  enis: 4,
});
/** Priced below twice the 2xlarge on purpose, so one node is the unique optimum for six 2 vCPU tasks. */
export const C6I_4XLARGE = instanceType({
  name: 'c6i.4xlarge',
  vcpu: 16,
  gib: 32,
  usd: '0.65',
  maxPodsEks: 234,
  enis: 8,
});
export const M6I_4XLARGE = instanceType({
  name: 'm6i.4xlarge',
  vcpu: 16,
  gib: 64,
  usd: '0.768',
  maxPodsEks: 234,
  enis: 8,
});
export const C7G_2XLARGE = instanceType({
  name: 'c7g.2xlarge',
  vcpu: 8,
  gib: 16,
  usd: '0.29',
  architecture: 'arm64',
  maxPodsEks: 58,
  enis: 4,
});
export const T3_2XLARGE = instanceType({
  name: 't3.2xlarge',
  vcpu: 8,
  gib: 32,
  usd: '0.10',
  burstable: true,
  maxPodsEks: 58,
});
export const G5_XLARGE = instanceType({
  name: 'g5.xlarge',
  vcpu: 4,
  gib: 16,
  usd: '0.50',
  gpuCount: 1,
  gpuModel: 'NVIDIA A10G',
  maxPodsEks: 58,
});
export const G4DN_XLARGE = instanceType({
  name: 'g4dn.xlarge',
  vcpu: 4,
  gib: 16,
  usd: '0.526',
  gpuCount: 1,
  gpuModel: 'NVIDIA T4',
  maxPodsEks: 29,
});

export const SMALL_CATALOG: PricedInstanceType[] = [
  C6I_XLARGE,
  C6I_2XLARGE,
  C6I_4XLARGE,
  M6I_4XLARGE,
  C7G_2XLARGE,
  T3_2XLARGE,
  G5_XLARGE,
  G4DN_XLARGE,
];

const LEVEL_SHAPES: [number, number][] = [
  [0.25, 0.5],
  [0.5, 1],
  [1, 2],
  [1, 4],
  [2, 4],
  [2, 8],
];

/**
 * One traffic level of twelve services of mixed shapes (vCPU, GiB), 1 + ((7s + scale) mod 6) + scale
 * tasks each (50 and more): large enough for column generation and the solver threads, not the LP-free
 * quick path. Service s runs `architectures[s mod length]`.
 */
export function mixedLevel(
  scale: number,
  architectures: readonly FleetTaskGroup['architecture'][] = ['any'],
): FleetTaskGroup[] {
  return Array.from({ length: 12 }, (_, s) => {
    const [vcpu, gib] = LEVEL_SHAPES[s % LEVEL_SHAPES.length]!;
    return {
      service: `svc-${s}`,
      count: 1 + ((s * 7 + scale) % 6) + scale,
      vcpu,
      memoryMiB: gib * 1024,
      gpus: 0,
      architecture: architectures[s % architectures.length]!,
    };
  });
}

/** Five families at four sizes, priced linearly in size from their large size's hand-set price. */
const FAMILIES = [
  ['c6i', 2, 0.085, 'x86_64'],
  ['m6i', 4, 0.096, 'x86_64'],
  ['r6i', 8, 0.126, 'x86_64'],
  ['c7g', 2, 0.0725, 'arm64'],
  ['m7g', 4, 0.0816, 'arm64'],
] as const;
const SIZES = [
  ['large', 2],
  ['xlarge', 4],
  ['2xlarge', 8],
  ['4xlarge', 16],
] as const;
export const FIVE_FAMILIES: PricedInstanceType[] = FAMILIES.flatMap(
  ([family, gibPerVcpu, large, architecture]) =>
    SIZES.map(([size, vcpu]) =>
      instanceType({
        name: `${family}.${size}`,
        vcpu,
        gib: vcpu * gibPerVcpu,
        usd: ((large * vcpu) / 2).toFixed(4),
        architecture,
      }),
    ),
);
