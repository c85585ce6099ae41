/** Seeded generator of whole workloads (services, traffic, exposure) for the advise() benchmarks. */
import type { ServiceInput, WorkloadInput } from '../src/workload/schema.js';
import { createRandom } from './lib-workload.js';

const CPUS = [0.25, 0.5, 1, 2, 4];
const RATIOS = [2, 2, 4, 4, 8];
const TRAFFIC: ServiceInput['traffic'][] = [
  { pattern: 'steady' },
  { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20, weekendPeak: false },
  { pattern: 'spiky', spikesPerDay: 4, spikeMinutes: 30 },
];

/** A workload of `count` services: mixed sizes, autoscaling ranges, traffic shapes and exposure. */
export function generateWorkload(count: number, seed: number): WorkloadInput {
  const rand = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const services: ServiceInput[] = Array.from({ length: count }, (_, i) => {
    const cpu = pick(CPUS);
    const min = 1 + Math.floor(rand() * 3);
    return {
      name: `svc-${String(i).padStart(3, '0')}`,
      cpu,
      memory: `${cpu * pick(RATIOS)} GiB`,
      replicas: rand() < 0.5 ? min : { min, max: min + Math.floor(rand() * 8) },
      architecture: pick(['any', 'any', 'x86_64', 'arm64'] as const),
      exposure: pick(['public', 'internal', 'none', 'none'] as const),
      traffic: pick(TRAFFIC),
    };
  });
  return { name: `generated-${count}`, region: 'us-east-1', services };
}
