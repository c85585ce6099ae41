import { describe, expect, it } from 'vitest';
import type { InstanceType } from '../../src/pricing/instance-type.js';
import {
  deriveServiceFacts,
  deriveWorkloadFacts,
  instanceHolds,
  launchQueueSeconds,
  SERVICE_FACTS,
  WORKLOAD_FACTS,
} from '../../src/rules/facts.js';
import { makeService, normalised } from '../helpers/workloads.js';

const T4: InstanceType = {
  name: 'g4dn.xlarge',
  family: 'g4dn',
  size: 'xlarge',
  vcpu: 4,
  memoryMiB: 16384,
  architecture: 'x86_64',
  gpuCount: 1,
  gpuModel: 'NVIDIA T4',
  acceleratorCount: 0,
  maxPodsEks: 29,
  enis: 3,
  ipv4PerEni: 10,
  burstable: false,
  currentGeneration: true,
};
const GRAVITON: InstanceType = {
  ...T4,
  name: 'm7g.large',
  family: 'm7g',
  architecture: 'arm64',
  gpuCount: 0,
  gpuModel: null,
  vcpu: 2,
  memoryMiB: 8192,
};
const ctx = { instanceTypes: [T4, GRAVITON], launchQueueToleranceSeconds: 30 };

describe('workload facts', () => {
  it('derives sizes, needs and team levels from the normalised workload', () => {
    const w = normalised({
      services: [
        makeService({ name: 'a', cpu: 2, memory: '4 GiB', replicas: 3 }),
        makeService({ name: 'b', cpu: 0.5, memory: '1 GiB', replicas: { min: 1, max: 4 }, gpus: 1 }),
      ],
      team: { kubernetesExperience: 'expert', size: 12, operationsAppetite: 'low' },
      requirements: { ecosystem: ['helm'], savingsPlans: '3yr' },
      region: 'us-gov-east-1',
    });
    const f = deriveWorkloadFacts(w, ctx);
    expect(f).toMatchObject({
      serviceCount: 2,
      totalPeakVcpu: 2 * 3 + 0.5 * 4,
      totalPeakMemoryGiB: 4 * 3 + 1 * 4,
      maxTaskVcpu: 2,
      maxTaskMemoryGiB: 4,
      anyGpu: true,
      anyWindows: false,
      needsKubernetesApi: true,
      needsPortability: false,
      kubernetesExpertise: 2,
      teamSize: 12,
      operationsAppetite: 0,
      savingsPlanYears: 3,
      isGovCloudRegion: true,
      utilisation: 1,
      activeHoursShare: 1,
    });
  });

  it('measures utilisation as mean over peak of hourly vCPU demand', () => {
    const w = normalised({
      services: [
        makeService({ cpu: 1, replicas: 4, traffic: { pattern: 'batch', startHour: 0, durationHours: 6 } }),
      ],
    });
    const f = deriveWorkloadFacts(w, ctx);
    // 6 of 24 hours at 4 vCPU: mean 1, peak 4.
    expect(f.utilisation).toBeCloseTo(0.25);
    expect(f.peakToMeanRatio).toBeCloseTo(4);
    expect(f.activeHoursShare).toBeCloseTo(0.25);
  });

  it('times a launch burst against the Fargate token bucket, per second, not per minute', () => {
    const facts = (tasksPerMinute: number) =>
      deriveWorkloadFacts(normalised({ launchBurst: { tasksPerMinute } }), ctx);
    // 150 at once: 100 from the full bucket, the other 50 at 20 a second = 2.5 s.
    expect(facts(150)).toMatchObject({ fargateLaunchQueueSeconds: 2.5, launchQueueToleranceSeconds: 30 });
    // s05's 96 pods in an EKS-only account: 20 at once, 76 more at 20 a second = 3.8 s.
    expect(facts(96)).toMatchObject({ fargateLaunchQueueSeconds: 0, eksOnlyFargateLaunchQueueSeconds: 3.8 });
    // 1,300 at once: (1300 - 100) / 20 = 60 s, the whole minute.
    expect(facts(1300).fargateLaunchQueueSeconds).toBe(60);
    expect(launchQueueSeconds(0, 100)).toBe(0);
  });

  it('documents every fact', () => {
    for (const f of [...Object.values(WORKLOAD_FACTS), ...Object.values(SERVICE_FACTS)]) {
      expect(f.doc.length).toBeGreaterThan(5);
    }
  });
});

describe('service facts', () => {
  it('derives per-service needs', () => {
    const w = normalised({
      services: [
        makeService({
          cpu: '1500m',
          memory: '3 GiB',
          os: 'windows',
          architecture: 'x86_64',
          needs: { persistentVolume: { sizeGiB: 10, durable: true }, ephemeralStorageGiB: 40, daemon: true },
          exposure: 'internal',
        }),
      ],
    });
    const s = w.services[0]!;
    expect(deriveServiceFacts(s, w, ctx)).toMatchObject({
      taskVcpu: 1.5,
      taskMemoryGiB: 3,
      isWindows: true,
      isX86Only: true,
      isArm64Only: false,
      persistentVolume: true,
      durableVolume: true,
      ephemeralStorageGiB: 40,
      daemon: true,
      exposed: true,
      fitsSomeInstance: true,
    });
  });

  it('says when no instance type holds a task', () => {
    const w = normalised({ services: [makeService({ cpu: 8, architecture: 'arm64' })] });
    expect(deriveServiceFacts(w.services[0]!, w, ctx).fitsSomeInstance).toBe(false);
  });
});

describe('instanceHolds', () => {
  it('checks architecture, GPU count and model, vCPU and memory', () => {
    const [gpu] = normalised({
      services: [makeService({ cpu: 4, memory: '16 GiB', gpus: { count: 1, model: 't4' } })],
    }).services;
    expect(instanceHolds(T4, gpu!)).toBe(true);
    expect(instanceHolds(GRAVITON, gpu!)).toBe(false);
    const [a100] = normalised({ services: [makeService({ gpus: { count: 1, model: 'A100' } })] }).services;
    expect(instanceHolds(T4, a100!)).toBe(false);
    const [arm] = normalised({ services: [makeService({ architecture: 'arm64' })] }).services;
    expect(instanceHolds(T4, arm!)).toBe(false);
    expect(instanceHolds(GRAVITON, arm!)).toBe(true);
  });

  it("matches a GPU model by its words, as the fleet optimizer does: a node label's 'NVIDIA-T4' is a T4", () => {
    const model = (name: string) =>
      normalised({ services: [makeService({ gpus: { count: 1, model: name } })] }).services[0]!;
    expect(instanceHolds(T4, model('NVIDIA-T4'))).toBe(true);
    expect(instanceHolds(T4, model('nvidia t4'))).toBe(true);
    // Words, not substrings: a T4G (Graviton g5g's GPU) is not a T4, and "T" alone names no model.
    expect(instanceHolds({ ...T4, gpuModel: 'NVIDIA T4G' }, model('T4'))).toBe(false);
    expect(instanceHolds(T4, model('T'))).toBe(false);
  });
});
