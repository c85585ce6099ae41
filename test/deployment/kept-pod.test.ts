import { describe, expect, it } from 'vitest';
import {
  describeKeptPod,
  keepsOnePod,
  keptMinimum,
  pricedService,
  toWorkerShape,
} from '../../src/deployment/kept-pod.js';
import type { ServiceInput } from '../../src/workload/schema.js';
import { makeService, normalised } from '../helpers/workloads.js';

/** A worker from 0 to 4 pods, busy 09:00–17:00 UTC on weekdays: 40 hours at 4 pods, 128 hours at none. */
const WORKER: Partial<ServiceInput> = {
  name: 'worker',
  cpu: 0.5,
  memory: '954 MiB',
  replicas: { min: 0, max: 4 },
  traffic: { pattern: 'diurnal', peakStartHour: 9, peakEndHour: 17 },
};

function service(overrides: Partial<ServiceInput> = {}) {
  const [s] = normalised({ services: [makeService({ ...WORKER, ...overrides })] }).services;
  if (s === undefined) throw new Error('the test workload has no service');
  return s;
}

describe('keepsOnePod', () => {
  const worker = service();

  it('holds for an EKS fan-out worker on Fargate or on Windows nodes, where EKS Pod Identity does not work', () => {
    expect(keepsOnePod('eks', toWorkerShape(worker, 'fargate'))).toBe(true);
    expect(keepsOnePod('eks', toWorkerShape(service({ os: 'windows' }), 'ec2'))).toBe(true);
  });

  it('holds for an EKS service from 0 behind a load balancer on any compute: its HPA cannot scale to zero', () => {
    const api = service({ exposure: 'internal' });
    expect(keepsOnePod('eks', toWorkerShape(api, 'fargate'))).toBe(true);
    expect(keepsOnePod('eks', toWorkerShape(api, 'ec2'))).toBe(true);
    expect(describeKeptPod(api, 'eks', 'ec2')).toBe(
      'worker is priced with one pod in the hours the workload runs none (128 more pod-hours a week): the HorizontalPodAutoscaler the starter code gives it cannot scale to zero, so it keeps at least 1 pod.',
    );
  });

  it('holds on ECS for a service from 0 behind a load balancer: at zero tasks it has no CPU metric to scale out on', () => {
    const api = service({ exposure: 'internal' });
    expect(keepsOnePod('ecs', toWorkerShape(api, 'fargate'))).toBe(true);
    expect(keptMinimum('ecs', toWorkerShape(api, 'fargate'))).toBe(1);
    expect(describeKeptPod(api, 'ecs', 'fargate')).toBe(
      'worker is priced with one task in the hours the workload runs none (128 more task-hours a week): at zero tasks it has no CPU metric to scale out on, so the starter code keeps at least 1 task.',
    );
  });

  it('does not hold for an ECS fan-out worker or one on Linux EKS nodes (a queue starts them from zero), or above 0', () => {
    expect(keepsOnePod('ecs', toWorkerShape(worker, 'fargate'))).toBe(false);
    expect(keepsOnePod('ecs', toWorkerShape(service({ os: 'windows' }), 'ec2'))).toBe(false);
    expect(keptMinimum('ecs', toWorkerShape(worker, 'fargate'))).toBe(0);
    expect(keepsOnePod('eks', toWorkerShape(worker, 'ec2'))).toBe(false);
    expect(keepsOnePod('eks', toWorkerShape(service({ replicas: { min: 1, max: 4 } }), 'fargate'))).toBe(
      false,
    );
    expect(keepsOnePod('eks', toWorkerShape(service({ replicas: 4 }), 'fargate'))).toBe(false);
  });
});

describe('pricedService', () => {
  it('returns the service itself where no pod is kept', () => {
    const worker = service();
    expect(pricedService(worker, 'ecs', 'fargate')).toBe(worker);
    expect(pricedService(worker, 'eks', 'ec2')).toBe(worker);
  });

  it('counts the kept pod in every hour the profile has none: 40 h × 4 + 128 h × 1 = 288 pod-hours a week, not 160', () => {
    const worker = service();
    expect(worker.stats.replicaHoursPerWeek).toBe(160);
    const priced = pricedService(worker, 'eks', 'fargate');
    expect(priced.replicas).toEqual({ min: 1, max: 4, fixed: false });
    expect(Math.min(...priced.profile)).toBe(1);
    expect(priced.profile.filter((r) => r === 4)).toHaveLength(40);
    expect(priced.profile.filter((r) => r === 1)).toHaveLength(128);
    expect(priced.stats).toEqual({
      peak: 4,
      mean: 288 / 168,
      replicaHoursPerWeek: 288,
      activeHours: 168,
      peakReplicas: 4,
    });
  });

  it('keeps the pod beneath spikes too: a 30-minute spike to 4 across two hours is 1.75 pods in each, not 1', () => {
    // 4 spikes a day, centred in 6-hour slots: minutes 165–194 of each slot, 15 minutes in each of two hours.
    const spiky = service({
      os: 'windows',
      traffic: { pattern: 'spiky', spikesPerDay: 4, spikeMinutes: 30 },
    });
    expect(spiky.profile.slice(0, 4)).toEqual([0, 0, 1, 1]);
    const priced = pricedService(spiky, 'eks', 'ec2');
    expect(priced.profile.slice(0, 4)).toEqual([1, 1, 1.75, 1.75]);
    // 168 h × 1 pod, plus 3 more pods for 30 minutes, 4 times a day, 7 days: 168 + 42.
    expect(priced.stats.replicaHoursPerWeek).toBe(210);
  });

  it('raises an explicit hourly profile to one pod where it is below', () => {
    const hourly = [0, 0.5, 2.5, 4, ...new Array<number>(20).fill(0)];
    const priced = pricedService(service({ traffic: { pattern: 'profile', hourly } }), 'eks', 'fargate');
    expect(priced.profile.slice(0, 5)).toEqual([1, 1, 2.5, 4, 1]);
    // Each day: 1 + 1 + 2.5 + 4 + 20 × 1 = 28.5 pod-hours, where the workload gives 7.
    expect(priced.stats.replicaHoursPerWeek).toBe(7 * 28.5);
  });
});

describe('describeKeptPod', () => {
  it('says how many pod-hours the kept pod adds, and why, only where one is kept', () => {
    const worker = service();
    expect(describeKeptPod(worker, 'eks', 'fargate')).toBe(
      'worker is priced with one pod in the hours the workload runs none (128 more pod-hours a week): EKS Pod Identity does not work on Fargate pods, so no SQS queue or KEDA can start it from zero, and the CPU autoscaler the starter code gives it keeps at least 1 pod.',
    );
    expect(describeKeptPod(service({ os: 'windows' }), 'eks', 'ec2')).toContain(
      'does not work on Windows pods',
    );
    expect(describeKeptPod(worker, 'ecs', 'fargate')).toBeNull();
    expect(describeKeptPod(worker, 'eks', 'ec2')).toBeNull();
  });
});
