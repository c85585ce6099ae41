/**
 * @module profile: expands a traffic pattern over one week: average replicas per hour (what Fargate bills)
 * and replicas at each minute (what EC2 capacity must hold).
 */

import { keptIn } from '../memo.js';
import { DAYS, type Traffic } from './schema.js';

export const HOURS_PER_WEEK = 168;
const MINUTES_PER_DAY = 1440;

export interface ReplicaRange {
  min: number;
  max: number;
}

/**
 * Returns 168 values, hour 0 being Monday 00:00 (UTC). A value is the average number of replicas running
 * in that hour, so a 30-minute spike to 10 over a baseline of 2 gives 6 for that hour; replica-hours are
 * the sum. `fixed` says the replica count was given as one number rather than a range.
 */
export function expandProfile(traffic: Traffic, replicas: ReplicaRange, fixed: boolean): number[] {
  switch (traffic.pattern) {
    case 'steady':
      return week(() => replicas.max);
    case 'diurnal':
      return week((day, h) => {
        const peaksOn = (d: number) => d < 5 || traffic.weekendPeak;
        const peak = inDailyWindow(day, h, traffic.peakStartHour, traffic.peakEndHour, peaksOn);
        return peak ? replicas.max : replicas.min;
      });
    case 'spiky':
      return spiky(traffic.spikesPerDay, traffic.spikeMinutes, replicas);
    case 'batch': {
      // A batch with a fixed count runs nothing outside its window; a range keeps its minimum.
      const idle = fixed ? 0 : replicas.min;
      return week((day, h) => {
        const start = traffic.startHour;
        const inWindow = coverage(h, start, start + traffic.durationHours);
        const active = day < traffic.daysPerWeek ? inWindow : 0;
        // A window that runs past midnight continues on the next day.
        const prevDay = (day + 6) % 7;
        const spill =
          prevDay < traffic.daysPerWeek ? coverage(h + 24, start, start + traffic.durationHours) : 0;
        const share = Math.min(1, active + spill);
        return idle + (replicas.max - idle) * share;
      });
    }
    case 'scheduled': {
      const windows = traffic.windows.map((window) => ({
        ...window,
        startsOn: (d: number) => {
          const name = DAYS[d];
          return name !== undefined && window.days.includes(name);
        },
      }));
      return week((day, h) => {
        let level = replicas.min;
        for (const w of windows) {
          if (inDailyWindow(day, h, w.startHour, w.endHour, w.startsOn)) level = Math.max(level, w.replicas);
        }
        return level;
      });
    }
    case 'profile':
      return traffic.hourly.length === HOURS_PER_WEEK
        ? [...traffic.hourly]
        : week((_day, h) => traffic.hourly[h] ?? 0);
  }
}

function week(level: (day: number, hour: number) => number): number[] {
  const out: number[] = [];
  for (let day = 0; day < 7; day++) for (let h = 0; h < 24; h++) out.push(level(day, h));
  return out;
}

/**
 * Whether hour `h` of day `day` (0 = Monday) is inside a daily window from hour `start` to hour `end` that
 * starts on the days `startsOn` accepts. A window whose end is before its start runs past midnight: its
 * hours before `end` belong to the day before, and Sunday's continue into Monday (the week repeats), as a
 * batch run that passes midnight does. A window whose end equals its start covers no hour (the schema
 * refuses one).
 */
function inDailyWindow(
  day: number,
  h: number,
  start: number,
  end: number,
  startsOn: (day: number) => boolean,
): boolean {
  if (start <= end) return h >= start && h < end && startsOn(day);
  return (h >= start && startsOn(day)) || (h < end && startsOn((day + 6) % 7));
}

/** Share of hour `h` (0..47) covered by the interval [from, to) in hours. */
function coverage(h: number, from: number, to: number): number {
  return Math.max(0, Math.min(h + 1, to) - Math.max(h, from));
}

function spiky(spikesPerDay: number, spikeMinutes: number, replicas: ReplicaRange): number[] {
  // Minutes at peak per hour of the day, from the same spike placement as replicasByMinute.
  const inSpike = spikeMinutesOfDay(spikesPerDay, spikeMinutes);
  const peakMinutes = new Array<number>(24).fill(0);
  for (let m = 0; m < MINUTES_PER_DAY; m++) if (inSpike[m]) peakMinutes[Math.floor(m / 60)]! += 1;
  return week((_day, h) => replicas.min + ((replicas.max - replicas.min) * (peakMinutes[h] ?? 0)) / 60);
}

export interface ProfileStats {
  peak: number;
  mean: number;
  replicaHoursPerWeek: number;
  /** Hours of the week with at least one replica running (partially counts as running). */
  activeHours: number;
}

export function summariseProfile(profile: readonly number[]): ProfileStats {
  let peak = 0;
  let total = 0;
  let activeHours = 0;
  for (const v of profile) {
    peak = Math.max(peak, v);
    total += v;
    if (v > 0) activeHours++;
  }
  return { peak, mean: total / profile.length, replicaHoursPerWeek: total, activeHours };
}

export const MINUTES_PER_WEEK = HOURS_PER_WEEK * 60;

/**
 * Minute profiles already expanded, by traffic object and replica range: one recommendation reads the same
 * service's minutes for every fleet it sizes and for its image pulls. Weak, so it lives as long as the
 * workload it was read from.
 */
const minuteProfiles = new WeakMap<Traffic, Map<string, Int32Array>>();

/**
 * Replicas running at each minute of the week (10,080 values, minute 0 = Monday 00:00 UTC): the level the
 * capacity must hold at that moment, where the hourly profile holds the average. A 30-minute spike to 100
 * is 100 for those 30 minutes here, and about 52 for its hour in the hourly profile. Fractional levels of
 * an explicit profile round up. The array is shared between callers with the same arguments: read it only.
 */
export function replicasByMinute(traffic: Traffic, replicas: ReplicaRange, fixed: boolean): Int32Array {
  const byRange = keptIn(minuteProfiles, traffic, () => new Map());
  const key = `${replicas.min}|${replicas.max}|${fixed}`;
  return keptIn(byRange, key, () => expandMinutes(traffic, replicas, fixed));
}

function expandMinutes(traffic: Traffic, replicas: ReplicaRange, fixed: boolean): Int32Array {
  const out = new Int32Array(MINUTES_PER_WEEK);
  switch (traffic.pattern) {
    case 'spiky': {
      const peak = spikeMinutesOfDay(traffic.spikesPerDay, traffic.spikeMinutes);
      for (let m = 0; m < MINUTES_PER_WEEK; m++)
        out[m] = peak[m % MINUTES_PER_DAY] ? replicas.max : replicas.min;
      return out;
    }
    case 'batch': {
      const idle = fixed ? 0 : replicas.min;
      const start = traffic.startHour * 60;
      const length = Math.max(1, Math.ceil(traffic.durationHours * 60));
      out.fill(idle);
      for (let day = 0; day < traffic.daysPerWeek; day++) {
        // A window that runs past midnight continues on the next day (and past Sunday, into Monday).
        for (let m = 0; m < length; m++)
          out[(day * MINUTES_PER_DAY + start + m) % MINUTES_PER_WEEK] = replicas.max;
      }
      return out;
    }
    default: {
      const hourly = expandProfile(traffic, replicas, fixed);
      // Every minute of an hour holds the hour's level: one value an hour, filled in.
      for (let h = 0; h < HOURS_PER_WEEK; h++)
        out.fill(Math.ceil((hourly[h] ?? 0) - 1e-9), h * 60, h * 60 + 60);
      return out;
    }
  }
}

/** The minutes of a day that are inside a spike, with spikes spread evenly and centred in their slots. */
function spikeMinutesOfDay(spikesPerDay: number, spikeMinutes: number): Uint8Array {
  const inSpike = new Uint8Array(MINUTES_PER_DAY);
  const slot = MINUTES_PER_DAY / spikesPerDay;
  const length = Math.min(spikeMinutes, slot);
  for (let i = 0; i < spikesPerDay; i++) {
    const start = Math.round(i * slot + (slot - length) / 2);
    for (let m = start; m < start + length; m++)
      inSpike[((m % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY] = 1;
  }
  return inSpike;
}
