import { describe, expect, it } from 'vitest';
import { loadFargateSizes } from '../../src/pricing/fargate-sizes.js';
import { billedFargateSeconds, fargateUsage } from '../../src/sizing/fargate-usage.js';
import { makeService, normalised } from '../helpers/workloads.js';

const sizes = loadFargateSizes();

describe('billedFargateSeconds', () => {
  it('rounds up to the second with a one-minute minimum', () => {
    expect(billedFargateSeconds(30)).toBe(60);
    expect(billedFargateSeconds(90)).toBe(90);
    expect(billedFargateSeconds(90.2)).toBe(91);
  });
});

describe('fargateUsage', () => {
  it('bills a steady service for replicas × 730 hours at the rounded-up size', () => {
    const [s] = normalised({
      services: [makeService({ cpu: 0.3, memory: '700 MiB', replicas: 3 })],
    }).services;
    const usage = fargateUsage(s!, 'ecs', sizes);
    expect(usage?.billed).toMatchObject({ vcpu: 0.5, memoryMiB: 1024 });
    expect(usage?.taskHoursPerMonth.toString()).toBe('2190');
  });

  it('adds the EKS pod overhead', () => {
    const [s] = normalised({ services: [makeService({ cpu: 1, memory: '8 GiB' })] }).services;
    expect(fargateUsage(s!, 'eks', sizes)?.billed).toMatchObject({ vcpu: 2, memoryMiB: 9216 });
    expect(fargateUsage(s!, 'ecs', sizes)?.billed).toMatchObject({ vcpu: 1, memoryMiB: 8192 });
  });

  it('bills short batch runs a full minute per task', () => {
    const [s] = normalised({
      services: [
        makeService({
          replicas: 10,
          traffic: { pattern: 'batch', durationHours: 30 / 3600, daysPerWeek: 7 },
        }),
      ],
    }).services;
    // 10 tasks × 7 runs × 60 s = 4200 s = 7/6 h a week; × 730/168 a month = 5.0694... h.
    const hours = fargateUsage(s!, 'ecs', sizes)?.taskHoursPerMonth;
    expect(hours?.times(168).dividedBy(730).toString()).toBe('1.166666666666666666666666666666666666667');
    expect(hours?.toDecimalPlaces(6).toString()).toBe('5.069444');
  });

  it('counts a nightly batch from its window: S4 is 20 tasks × 3 h × 7 days a week', () => {
    const [s] = normalised({
      services: [
        makeService({
          cpu: 4,
          memory: '16 GiB',
          replicas: 20,
          traffic: { pattern: 'batch', startHour: 1, durationHours: 3 },
        }),
      ],
    }).services;
    // 420 task-hours a week × 730 / 168 = 1825 task-hours a month.
    expect(fargateUsage(s!, 'ecs', sizes)?.taskHoursPerMonth.toString()).toBe('1825');
  });

  it('returns null when no size holds the task', () => {
    const [s] = normalised({ services: [makeService({ cpu: 32, memory: '64 GiB' })] }).services;
    expect(fargateUsage(s!, 'ecs', sizes)).toBeNull();
  });
});
