/** @module schedule: when a batch service runs, as EventBridge Scheduler and Kubernetes cron expressions. */
import { toAwsName } from './names.js';
import type { BatchSchedule, ServicePlan, StackPlan } from './stack-plan.js';

const DAY_NAMES = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/**
 * `cron(minutes hours day-of-month month day-of-week year)`; one of the two day fields must be `?`.
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
 */
export function toEventBridgeCron(batch: BatchSchedule): string {
  const days = batch.daysPerWeek >= 7 ? null : `MON-${DAY_NAMES[batch.daysPerWeek - 1] ?? 'SUN'}`;
  return days === null
    ? `cron(0 ${batch.startHour} * * ? *)`
    : batch.daysPerWeek === 1
      ? `cron(0 ${batch.startHour} ? * MON *)`
      : `cron(0 ${batch.startHour} ? * ${days} *)`;
}

/** Five-field cron with Sunday = 0: https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax */
export function toKubernetesCron(batch: BatchSchedule): string {
  if (batch.daysPerWeek >= 7) return `0 ${batch.startHour} * * *`;
  return batch.daysPerWeek === 1
    ? `0 ${batch.startHour} * * 1`
    : `0 ${batch.startHour} * * 1-${batch.daysPerWeek}`;
}

/** EventBridge Scheduler starts at most 10 ECS tasks per invocation, so larger runs take several schedules. */
export const MAX_TASKS_PER_SCHEDULE = 10;

/** The task count of each schedule: 20 → [10, 10], 25 → [10, 10, 5]. */
export function splitTaskCount(tasks: number): number[] {
  const counts: number[] = [];
  for (let left = tasks; left > 0; left -= MAX_TASKS_PER_SCHEDULE)
    counts.push(Math.min(left, MAX_TASKS_PER_SCHEDULE));
  return counts;
}

/**
 * The name of a batch service's schedule `index` (from 0) of `count`: numbered from 1 when a run takes
 * several. EventBridge Scheduler names allow 64 characters
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
 */
export function scheduleName(plan: StackPlan, service: ServicePlan, index: number, count: number): string {
  return toAwsName([plan.name, count === 1 ? service.name : `${service.name}-${index + 1}`], 64);
}

/** "01:00 UTC, every day" / "01:00 UTC, Monday to Friday". */
export function describeSchedule(batch: BatchSchedule): string {
  const time = `${String(batch.startHour).padStart(2, '0')}:00 UTC`;
  const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  if (batch.daysPerWeek >= 7) return `${time}, every day`;
  if (batch.daysPerWeek === 1) return `${time}, Mondays`;
  return `${time}, Monday to ${names[batch.daysPerWeek - 1]}`;
}
