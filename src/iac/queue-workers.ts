/**
 * @module queue-workers: which generated services take their work from an SQS queue, and how they scale on
 * its backlog, the same in Terraform and CloudFormation.
 */
import { hasPodIdentity, isFanOutWorker } from '../deployment/kept-pod.js';
import { toAwsName } from './names.js';
import type { ServicePlan, StackPlan } from './stack-plan.js';

/**
 * `fan-out`: a worker that scales from zero (minimum 0 replicas, no load balancer). At zero tasks there is no
 * CPU metric, so CPU target tracking alone never starts it; the queue's backlog does, as AWS CDK's
 * queue-processing service pattern does. `spot-batch`: a scheduled job on Spot; its tasks take work items
 * from the queue, so an item whose task is interrupted returns to the queue and another task of the run
 * takes it. `null`: neither.
 */
export type QueueRole = 'fan-out' | 'spot-batch';

export function queueRole(service: ServicePlan): QueueRole | null {
  if (service.kind === 'batch') return service.spot ? 'spot-batch' : null;
  return isFanOutWorker(service) ? 'fan-out' : null;
}

/**
 * On EKS a queue worker reads its queue with the IAM role of its service account, through EKS Pod Identity,
 * which works on Linux EC2 nodes, not on Fargate or Windows nodes
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html). So only workers there get a queue;
 * a worker on Fargate or Windows keeps its CPU autoscaler and one pod, which the recommendation prices
 * (deployment/kept-pod.ts).
 */
export function eksQueueRole(service: ServicePlan): QueueRole | null {
  return hasPodIdentity(service) ? queueRole(service) : null;
}

/** The SQS name of a worker's queue (its dead-letter queue adds `-dlq`), the same in every target. */
export function queueName(plan: Pick<StackPlan, 'name'>, service: Pick<ServicePlan, 'name'>): string {
  return toAwsName([plan.name, service.name], 70);
}

/** What a worker does with its queue: take items, delete the ones done, extend the ones in progress. */
export const QUEUE_CONSUMER_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
];

/**
 * An item received this many times without being deleted (its task failed or was interrupted each time)
 * moves to the dead-letter queue instead of being retried for ever.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
export const MAX_RECEIVES = 3;

/**
 * How long a received item stays hidden from other tasks (the SQS default is 30 s). A task that needs longer
 * extends it with ChangeMessageVisibility while it works; an interrupted task stops extending it, and the
 * item reappears this long after its last extension.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 */
export const VISIBILITY_TIMEOUT_SECONDS = 300;

/** The work queue keeps an item 4 days (the SQS default, written out so the stack states it). */
export const MESSAGE_RETENTION_SECONDS = 345_600;

/** The dead-letter queue keeps failed items 14 days, the SQS maximum, for inspection and redrive. */
export const DLQ_RETENTION_SECONDS = 1_209_600;

/**
 * Step scale-out on the visible backlog, as tasks to add per backlog band (lower bound inclusive): a backlog
 * of 1 to 9 items adds one task, 10 to 99 adds 10, and so on, so a burst of thousands reaches the service's
 * maximum within a few steps instead of one task per cooldown. Bounds are relative to the alarm threshold of
 * one visible item. https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html
 */
export function backlogSteps(maxTasks: number): { lower: number; upper: number | null; add: number }[] {
  const steps: { lower: number; upper: number | null; add: number }[] = [];
  let lower = 0;
  for (let add = 1; ; add *= 10) {
    const upper = add * 10 - 1;
    if (add * 10 > maxTasks || add >= 1000) {
      steps.push({ lower, upper: null, add: Math.min(add, Math.max(1, maxTasks)) });
      return steps;
    }
    steps.push({ lower, upper, add });
    lower = upper;
  }
}

/** The backlog alarms sample SQS's one-minute metrics; scale-in waits until the queue has been empty this many minutes. */
export const BACKLOG_PERIOD_SECONDS = 60;
export const EMPTY_QUEUE_MINUTES = 5;

/**
 * What the queue adds to the bill, which the recommendation does not price because the message volume is not
 * part of the workload: standard-queue requests beyond the free first million a month, and the CloudWatch
 * alarm metrics of a fan-out worker (one for the backlog, two for the empty-queue alarm). docs/starter-code.md
 */
/**
 * Nothing Berth generates sends work items: the queue starts empty, and a worker or batch run that finds it
 * empty does nothing. Said in every queue's comment so the producer is not forgotten.
 */
export function producerNote(role: 'fan-out' | 'spot-batch', worker: 'task' | 'pod' = 'task'): string {
  return role === 'fan-out'
    ? `You provide the producer: nothing in this stack sends items to the queue (SQS SendMessage), and the worker stays at zero ${worker}s until something does.`
    : `You provide the producer: nothing in this stack sends items to the queue (SQS SendMessage); send a run’s items before its schedule starts it, or its ${worker}s find the queue empty and stop.`;
}

export const QUEUE_COST_NOTE =
  'SQS bills $0.40 per million requests beyond the first million a month (https://aws.amazon.com/sqs/pricing/); not in the recommendation, which does not know the message volume.';
