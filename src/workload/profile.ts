/** @module profile: expands a traffic pattern into average replicas per hour over one week. */
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
        const weekend = day >= 5;
        const peak =
          h >= traffic.peakStartHour && h < traffic.peakEndHour && (!weekend || traffic.weekendPeak);
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
    case 'scheduled':
      return week((day, h) => {
        const dayName = DAYS[day];
        let level = replicas.min;
        for (const window of traffic.windows) {
          if (
            dayName !== undefined &&
            window.days.includes(dayName) &&
            h >= window.startHour &&
            h < window.endHour
          ) {
            level = Math.max(level, window.replicas);
          }
        }
        return level;
      });
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

/** Share of hour `h` (0..47) covered by the interval [from, to) in hours. */
function coverage(h: number, from: number, to: number): number {
  return Math.max(0, Math.min(h + 1, to) - Math.max(h, from));
}

function spiky(spikesPerDay: number, spikeMinutes: number, replicas: ReplicaRange): number[] {
  // Spikes are spread evenly over the day, each centred in its slot; minutes at peak per hour of the day.
  const peakMinutes = new Array<number>(24).fill(0);
  const slot = MINUTES_PER_DAY / spikesPerDay;
  const length = Math.min(spikeMinutes, slot);
  for (let i = 0; i < spikesPerDay; i++) {
    const start = Math.round(i * slot + (slot - length) / 2);
    for (let m = start; m < start + length; m++) {
      const hourOfDay = Math.floor((((m % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY) / 60);
      peakMinutes[hourOfDay] = (peakMinutes[hourOfDay] ?? 0) + 1;
    }
  }
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
