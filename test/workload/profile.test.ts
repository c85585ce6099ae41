import { describe, expect, it } from 'vitest';
import { expandProfile, replicasByMinute, summariseProfile } from '../../src/workload/profile.js';
import { DAYS } from '../../src/workload/schema.js';

const range = { min: 2, max: 10 };

describe('expandProfile', () => {
  it('keeps a steady workload at its maximum every hour', () => {
    const profile = expandProfile({ pattern: 'steady' }, range, false);
    expect(profile).toHaveLength(168);
    expect(new Set(profile)).toEqual(new Set([10]));
  });

  it('runs diurnal peaks on weekdays only unless asked', () => {
    const p = expandProfile(
      { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20, weekendPeak: false },
      range,
      false,
    );
    expect(p[8]).toBe(10); // Monday 08:00
    expect(p[7]).toBe(2);
    expect(p[20]).toBe(2);
    expect(p[5 * 24 + 12]).toBe(2); // Saturday noon
    // 5 days × 12 peak hours at 10, the other 108 hours at 2: 600 + 216 = 816 replica-hours.
    expect(summariseProfile(p).replicaHoursPerWeek).toBe(816);
  });

  it('averages a 30-minute spike into its hour', () => {
    const p = expandProfile({ pattern: 'spiky', spikesPerDay: 1, spikeMinutes: 30 }, range, false);
    // One spike per day centred at 12:00 covers 11:45-12:15: 15 minutes in hour 11 and 15 in hour 12.
    expect(p[11]).toBeCloseTo(2 + 8 * (15 / 60));
    expect(p[12]).toBeCloseTo(2 + 8 * (15 / 60));
    expect(p[13]).toBe(2);
    expect(summariseProfile(p).replicaHoursPerWeek).toBeCloseTo(7 * (2 * 24 + 8 * 0.5));
  });

  it('runs a fixed-size batch only in its window, spilling past midnight', () => {
    const p = expandProfile(
      { pattern: 'batch', startHour: 23, durationHours: 2, daysPerWeek: 1 },
      { min: 20, max: 20 },
      true,
    );
    expect(p[23]).toBe(20); // Monday 23:00
    expect(p[24]).toBe(20); // Tuesday 00:00 continues Monday's run
    expect(p[25]).toBe(0);
    expect(p[47]).toBe(0); // Tuesday 23:00: only one day a week
    expect(summariseProfile(p).replicaHoursPerWeek).toBe(40);
  });

  it('keeps the minimum outside the window of a ranged batch', () => {
    const p = expandProfile(
      { pattern: 'batch', startHour: 1, durationHours: 3, daysPerWeek: 7 },
      range,
      false,
    );
    expect(p[0]).toBe(2);
    expect(p[1]).toBe(10);
    expect(summariseProfile(p).replicaHoursPerWeek).toBe(7 * (21 * 2 + 3 * 10));
  });

  it('applies scheduled windows on their days only', () => {
    const p = expandProfile(
      { pattern: 'scheduled', windows: [{ days: ['sat'], startHour: 10, endHour: 12, replicas: 7 }] },
      range,
      false,
    );
    expect(p[5 * 24 + 10]).toBe(7);
    expect(p[10]).toBe(2);
  });

  it('runs a diurnal peak whose end is before its start past midnight, from the days it starts on', () => {
    const p = expandProfile(
      { pattern: 'diurnal', peakStartHour: 20, peakEndHour: 8, weekendPeak: false },
      { min: 1, max: 10 },
      false,
    );
    expect(p[20]).toBe(10); // Monday 20:00: Monday's peak starts
    expect(p[24 + 7]).toBe(10); // Tuesday 07:00: Monday's peak continues
    expect(p[24 + 8]).toBe(1); // Tuesday 08:00: it has ended
    expect(p[7]).toBe(1); // Monday 07:00 would continue Sunday's peak, and Sunday does not peak
    expect(p[5 * 24 + 7]).toBe(10); // Saturday 07:00 continues Friday's peak
    expect(p[5 * 24 + 20]).toBe(1); // Saturday 20:00: no weekend peak
    // By hand, peak hours per day: Mon 20-24 (4), Tue-Fri 00-08 and 20-24 (4 × 12 = 48), Sat 00-08 (8),
    // Sun none: 60 hours at 10 and the other 108 at 1, 600 + 108 = 708 replica-hours.
    expect(summariseProfile(p)).toMatchObject({ peak: 10, replicaHoursPerWeek: 708 });
    // With weekend peaks, every day has 12 peak hours: 84 × 10 + 84 × 1 = 924.
    const everyDay = expandProfile(
      { pattern: 'diurnal', peakStartHour: 20, peakEndHour: 8, weekendPeak: true },
      { min: 1, max: 10 },
      false,
    );
    expect(everyDay[0]).toBe(10); // Monday 00:00 continues Sunday's peak: the week repeats
    expect(summariseProfile(everyDay).replicaHoursPerWeek).toBe(924);
  });

  it('runs a scheduled window whose end is before its start past midnight, Sunday into Monday', () => {
    const p = expandProfile(
      { pattern: 'scheduled', windows: [{ days: ['sun'], startHour: 22, endHour: 2, replicas: 5 }] },
      range,
      false,
    );
    expect([p[166], p[167], p[0], p[1], p[2], p[165]]).toEqual([5, 5, 5, 5, 2, 2]); // Sun 22-24, Mon 0-2
    // By hand: 4 hours at 5 and 164 at the minimum 2: 20 + 328 = 348 replica-hours.
    expect(summariseProfile(p).replicaHoursPerWeek).toBe(348);
    const daily = expandProfile(
      { pattern: 'scheduled', windows: [{ days: [...DAYS], startHour: 22, endHour: 2, replicas: 5 }] },
      range,
      false,
    );
    // Every day 4 hours at 5 (22-24 and the next day's 00-02): 28 × 5 + 140 × 2 = 420.
    expect(summariseProfile(daily).replicaHoursPerWeek).toBe(420);
  });

  it('repeats a 24-hour explicit profile for every day', () => {
    const hourly = Array.from({ length: 24 }, (_, h) => h);
    const p = expandProfile({ pattern: 'profile', hourly }, range, false);
    expect(p[24 * 3 + 5]).toBe(5);
    expect(summariseProfile(p)).toMatchObject({
      peak: 23,
      replicaHoursPerWeek: 7 * 276,
      activeHours: 7 * 23,
    });
  });
});

describe('replicasByMinute', () => {
  const spiky = { pattern: 'spiky' as const, spikesPerDay: 4, spikeMinutes: 30 };

  it('expands a week once per traffic and range, and tells ranges apart', () => {
    const first = replicasByMinute(spiky, { min: 2, max: 10 }, false);
    expect(replicasByMinute(spiky, { min: 2, max: 10 }, false)).toBe(first);
    const wider = replicasByMinute(spiky, { min: 2, max: 12 }, false);
    expect(wider).not.toBe(first);
    // 4 spikes a day, centred in 6-hour slots: the first runs 02:45-03:15.
    expect([first[2 * 60 + 44], first[2 * 60 + 45], first[3 * 60 + 14], first[3 * 60 + 15]]).toEqual([
      2, 10, 10, 2,
    ]);
    expect(wider[2 * 60 + 45]).toBe(12);
  });

  it('holds an overnight diurnal peak minute by minute, as the EC2 fleet sizes it', () => {
    const traffic = { pattern: 'diurnal' as const, peakStartHour: 20, peakEndHour: 8, weekendPeak: false };
    const m = replicasByMinute(traffic, { min: 1, max: 10 }, false);
    // Monday 19:59 off-peak, 20:00 peak; Tuesday 07:59 still Monday's peak, 08:00 off-peak.
    expect([m[20 * 60 - 1], m[20 * 60], m[(24 + 8) * 60 - 1], m[(24 + 8) * 60]]).toEqual([1, 10, 10, 1]);
  });
});
