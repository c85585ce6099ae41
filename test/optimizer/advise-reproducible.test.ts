/**
 * The fleets advise() returns must not depend on how busy the machine is: the optimizer's work is
 * bounded by counts, not by the clock. This runs the same workload on an idle process and while two
 * worker threads keep both cores busy, and compares the whole JSON answer.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import type { ServiceInput, WorkloadInput } from '../../src/workload/schema.js';

const TRAFFIC: ServiceInput['traffic'][] = [
  { pattern: 'steady' },
  { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20, weekendPeak: false },
  { pattern: 'spiky', spikesPerDay: 4, spikeMinutes: 30 },
];

/** Twelve services of mixed sizes, architectures and traffic: several traffic levels, each solved with the LP. */
const WORKLOAD: WorkloadInput = {
  name: 'reproducible',
  region: 'us-east-1',
  services: Array.from({ length: 12 }, (_, i) => ({
    name: `svc-${i}`,
    cpu: [0.25, 0.5, 1, 2][i % 4]!,
    memory: `${[0.5, 1, 2, 4, 8][i % 5]} GiB`,
    replicas: { min: 1 + (i % 3), max: 3 + (i % 5) * 2 },
    architecture: (['any', 'x86_64', 'arm64'] as const)[i % 3],
    traffic: TRAFFIC[i % 3],
  })),
};

/** Threads that spin until told to stop: a machine with both cores busy. */
function busyThreads(count: number): { stop: () => Promise<void> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const code = `
    const { workerData } = require('node:worker_threads');
    let x = 0;
    while (Atomics.load(workerData, 0) === 0) x = (x * 31 + 7) % 1000003;
  `;
  const workers = Array.from({ length: count }, () => new Worker(code, { eval: true, workerData: flag }));
  return {
    stop: async () => {
      Atomics.store(flag, 0, 1);
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

afterAll(async () => {
  await stopSolverThread();
});

describe('advise() under load', () => {
  it('returns the same JSON on an idle and on a busy machine', async () => {
    const idle = JSON.stringify(await advise(WORKLOAD));
    const busy = busyThreads(2);
    let loaded: string;
    try {
      loaded = JSON.stringify(await advise(WORKLOAD));
    } finally {
      await busy.stop();
    }
    expect(loaded).toBe(idle);
    // The EC2 fleets were sized by the optimizer, not cut short by its safety limit.
    const rec = JSON.parse(idle);
    const fleets = rec.candidates.filter((c: { cost: { fleet: unknown } | null }) => c.cost?.fleet);
    expect(fleets.length).toBeGreaterThan(0);
    expect(idle).not.toContain('safety time limit reached');
  });
});
