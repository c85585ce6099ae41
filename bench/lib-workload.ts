/** @module lib-workload: a seeded generator of realistic container workloads for the fleet benchmark. */
import type { FleetTaskGroup } from '../src/optimizer/fleet-types.js';

/** mulberry32: a tiny, well-mixed 32-bit PRNG, so every run of the benchmark sees the same workloads. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

const VCPU = [0.25, 0.5, 1, 2, 4, 8] as const;
/** GiB per vCPU: the compute-, general- and memory-optimised ratios of EC2 families. */
const GIB_PER_VCPU = [2, 4, 8] as const;
const ARCHITECTURES = ['any', 'any', 'x86_64', 'arm64'] as const;
const GPU_MODELS = ['A10G', 'T4', 'L4', null] as const;

/**
 * `services` services: 1–20 tasks each (small services are more common), 0.25–8 vCPU, 0.5–32 GiB,
 * half multi-arch images and a quarter each x86-only and arm-only; about 1 in 16 is a GPU service
 * (1 GPU, x86, one of A10G / T4 / L4 / any model).
 */
export function generateWorkload(services: number, seed: number): FleetTaskGroup[] {
  const random = createRandom(seed);
  const groups: FleetTaskGroup[] = [];
  for (let s = 0; s < services; s++) {
    const count = 1 + Math.floor(random() ** 1.5 * 20);
    if (random() < 1 / 16) {
      groups.push({
        service: `gpu-${s}`,
        count: 1 + Math.floor(random() * 4),
        vcpu: pick(random, [2, 4, 8]),
        memoryMiB: pick(random, [8, 16, 24]) * 1024,
        gpus: 1,
        gpuModel: pick(random, GPU_MODELS),
        architecture: 'x86_64',
      });
      continue;
    }
    const vcpu = pick(random, VCPU);
    const gib = Math.min(32, Math.max(0.5, vcpu * pick(random, GIB_PER_VCPU)));
    groups.push({
      service: `svc-${s}`,
      count,
      vcpu,
      memoryMiB: gib * 1024,
      gpus: 0,
      architecture: pick(random, ARCHITECTURES),
    });
  }
  return groups;
}
