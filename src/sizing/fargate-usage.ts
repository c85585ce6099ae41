/** @module fargate-usage: billed task size and billed task-hours per month of a service on Fargate. */

import type { Orchestrator } from '../model/vocabulary.js';
import type { FargateSize } from '../pricing/fargate-sizes.js';
import { HOURS_PER_MONTH, type Money, toMoney } from '../pricing/money.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { type BilledSize, eksFargatePodSize, roundUpFargateSize } from './fargate-size.js';

/**
 * Fargate bills "from the time your container images are pulled until the Amazon ECS Task terminates,
 * rounded up to the nearest second. A minimum charge of one minute applies." https://aws.amazon.com/ecs/faqs/
 */
export const FARGATE_MINIMUM_BILLED_SECONDS = 60;

export function billedFargateSeconds(seconds: number): number {
  return Math.max(FARGATE_MINIMUM_BILLED_SECONDS, Math.ceil(seconds));
}

export interface FargateUsage {
  service: string;
  requested: { vcpu: number; memoryMiB: number };
  billed: BilledSize;
  /** Task-hours per month (730 h months), exact. */
  taskHoursPerMonth: Money;
  /** Hours a month with at least one task running: what one always-on base task bills. */
  baseTaskHoursPerMonth: Money;
}

/** Billed size and task-hours of one service, or null when no Fargate size holds it. */
export function fargateUsage(
  service: NormalisedService,
  orchestrator: Orchestrator,
  sizes: readonly FargateSize[],
): FargateUsage | null {
  const billed =
    orchestrator === 'eks'
      ? eksFargatePodSize(service.vcpu, service.memoryMiB, sizes)
      : roundUpFargateSize(service.vcpu, service.memoryMiB, service.os, sizes);
  if (billed === null) return null;
  return {
    service: service.name,
    requested: { vcpu: service.vcpu, memoryMiB: service.memoryMiB },
    billed,
    taskHoursPerMonth: weeklyTaskHours(service).times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK),
    baseTaskHoursPerMonth: baseTaskHoursPerMonth(service),
  };
}

/**
 * Task-hours per week. A batch run shorter than a minute is billed a full minute per task, which the
 * hourly profile cannot show, so batch runs are counted from their duration.
 */
function weeklyTaskHours(service: NormalisedService): Money {
  const traffic = service.traffic;
  if (traffic.pattern !== 'batch') return toMoney(service.stats.replicaHoursPerWeek);
  const idle = service.replicas.fixed ? 0 : service.replicas.min;
  const perRun = toMoney(billedFargateSeconds(traffic.durationHours * 3600)).dividedBy(3600);
  return toMoney(idle)
    .times(HOURS_PER_WEEK)
    .plus(
      toMoney(service.replicas.max - idle)
        .times(traffic.daysPerWeek)
        .times(perRun),
    );
}

/** Hours a month with at least one task running: what one always-on base task of the service bills. */
function baseTaskHoursPerMonth(service: NormalisedService): Money {
  const weekly = service.profile.reduce((acc, replicas) => acc + Math.min(1, replicas), 0);
  return toMoney(weekly).times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK);
}
