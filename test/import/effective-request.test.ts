import { describe, expect, it } from 'vitest';
import { effectiveRequest } from '../../src/import/kubernetes-pod.js';
import { scheduleToTraffic } from '../../src/import/schedule.js';

const cpu = (n: number) => ({ cpu: n, memory: 0, 'ephemeral-storage': 0, 'nvidia.com/gpu': 0 });

describe('effectiveRequest (kubernetes.io effective Pod requests and limits)', () => {
  it('is the sum of app containers and sidecars when initialisation needs less', () => {
    expect(effectiveRequest([cpu(0.5), cpu(0.25)], [{ amounts: cpu(0.1), sidecar: true }]).cpu).toBeCloseTo(
      0.85,
    );
  });

  it('is the largest init container plus the sidecars listed before it, when that is more', () => {
    // Sidecar 0.5 starts first; init 2 then runs beside it: 2.5 > 1 + 0.5.
    const init = [
      { amounts: cpu(0.5), sidecar: true },
      { amounts: cpu(2), sidecar: false },
    ];
    expect(effectiveRequest([cpu(1)], init).cpu).toBe(2.5);
    // Listed the other way round, the init container runs alone: max(2, 1 + 0.5) = 2.
    expect(effectiveRequest([cpu(1)], [...init].reverse()).cpu).toBe(2);
  });
});

describe('scheduleToTraffic', () => {
  it('makes a daily cron a batch, and counts the weekdays', () => {
    expect(scheduleToTraffic('30 2 * * 1-5', 0.5, 3)).toEqual({
      ok: true,
      traffic: { pattern: 'batch', startHour: 2, durationHours: 0.5, daysPerWeek: 5 },
      notes: [],
    });
    expect(scheduleToTraffic('@weekly', 1, 1)).toMatchObject({
      traffic: { pattern: 'batch', daysPerWeek: 1 },
    });
  });

  it('makes several runs a day schedule windows, and hourly runs always-on', () => {
    expect(scheduleToTraffic('0 6,18 * * MON-FRI', 2, 4)).toEqual({
      ok: true,
      traffic: {
        pattern: 'scheduled',
        windows: [
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 6, endHour: 8, replicas: 4 },
          { days: ['mon', 'tue', 'wed', 'thu', 'fri'], startHour: 18, endHour: 20, replicas: 4 },
        ],
      },
      notes: [],
    });
    expect(scheduleToTraffic('*/15 * * * *', 1, 1)).toMatchObject({ ok: true, traffic: null });
  });

  it('refuses what is not a cron schedule', () => {
    expect(scheduleToTraffic('0 25 * * *', 1, 1).ok).toBe(false);
    expect(scheduleToTraffic('every night', 1, 1).ok).toBe(false);
  });
});
