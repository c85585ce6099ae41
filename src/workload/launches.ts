/**
 * @module launches: how often a service starts tasks over the week, from its replicas minute by minute, and
 * how often the capacity under it grows hour by hour: what image pulls are counted from.
 */

import { keptIn } from '../memo.js';
import type { NormalisedService } from './normalised-schema.js';
import { HOURS_PER_WEEK, replicasByMinute } from './profile.js';

/**
 * Tasks started in one week: every rise of the replica count from one minute to the next, the week read as
 * a loop (Sunday 23:59 is followed by Monday 00:00). A steady service starts none; deployments and
 * replaced tasks are not in the profile and are not counted.
 */
export function taskLaunchesPerWeek(service: NormalisedService): number {
  const minutes = replicasByMinute(service.traffic, service.replicas, service.replicas.fixed);
  return keptIn(launchesByProfile, minutes, () => risesOf(minutes));
}

/**
 * What each minute profile gives, worked out once: every candidate of a recommendation prices the image
 * pulls of the same services, and replicasByMinute shares one array per service's traffic and replicas.
 */
const launchesByProfile = new WeakMap<Int32Array, number>();
const hourlyRisesByProfile = new WeakMap<Int32Array, readonly number[]>();

/**
 * Rises of the capacity EC2 nodes hold for a service, in tasks, per week: the highest replica count of each
 * hour, as the fleet is sized (instances are not stopped and started between the spikes of one hour).
 */
export function hourlyCapacityRisesPerWeek(service: NormalisedService): readonly number[] {
  const minutes = replicasByMinute(service.traffic, service.replicas, service.replicas.fixed);
  return keptIn(hourlyRisesByProfile, minutes, () => hourlyRises(minutes));
}

function hourlyRises(minutes: Int32Array): readonly number[] {
  const hourly: number[] = [];
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    let high = 0;
    for (let m = h * 60; m < h * 60 + 60; m++) high = Math.max(high, minutes[m] ?? 0);
    hourly.push(high);
  }
  const rises: number[] = [];
  hourly.forEach((level, h) => {
    const before = hourly[(h + HOURS_PER_WEEK - 1) % HOURS_PER_WEEK] ?? 0;
    if (level > before) rises.push(level - before);
  });
  return rises;
}

function risesOf(levels: ArrayLike<number>): number {
  let rises = 0;
  for (let i = 0; i < levels.length; i++) {
    const before = levels[(i + levels.length - 1) % levels.length] ?? 0;
    const now = levels[i] ?? 0;
    if (now > before) rises += now - before;
  }
  return rises;
}
