/**
 * @module work-queue: the SQS work queue of a queue worker and its dead-letter queue in Terraform, the same
 * for ECS tasks and EKS pods (queue-workers.ts decides who has one).
 */
import { attr, comment, expr, fn, type HclBlock, type HclValue } from '../hcl.js';
import {
  DLQ_RETENTION_SECONDS,
  MAX_RECEIVES,
  MESSAGE_RETENTION_SECONDS,
  producerNote,
  QUEUE_CONSUMER_ACTIONS,
  QUEUE_COST_NOTE,
  type QueueRole,
  queueName,
  VISIBILITY_TIMEOUT_SECONDS,
} from '../queue-workers.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { resource } from './terraform-blocks.js';

/** `aws_sqs_queue.<id>` and `aws_sqs_queue.<id>_dlq`, with the redrive from one to the other. */
export function workQueueBlocks(
  plan: StackPlan,
  service: ServicePlan,
  id: string,
  role: QueueRole,
  worker: 'task' | 'pod',
): HclBlock[] {
  const name = queueName(plan, service);
  return [
    resource(
      'aws_sqs_queue',
      `${id}_dlq`,
      [
        attr('name', `${name}-dlq`),
        attr('message_retention_seconds', DLQ_RETENTION_SECONDS),
        attr('sqs_managed_sse_enabled', true),
      ],
      [`Work items of ${service.name} that failed ${MAX_RECEIVES} times, kept for inspection and redrive.`],
    ),
    resource(
      'aws_sqs_queue',
      id,
      [
        attr('name', name),
        attr('visibility_timeout_seconds', VISIBILITY_TIMEOUT_SECONDS),
        attr('message_retention_seconds', MESSAGE_RETENTION_SECONDS),
        comment(
          `Long polling: a receive waits up to 20 s for an item, so idle ${worker}s make few (billed) requests.`,
        ),
        attr('receive_wait_time_seconds', 20),
        attr('sqs_managed_sse_enabled', true),
        attr(
          'redrive_policy',
          fn('jsonencode', {
            deadLetterTargetArn: expr(`aws_sqs_queue.${id}_dlq.arn`),
            maxReceiveCount: MAX_RECEIVES,
          }),
        ),
      ],
      [
        role === 'fan-out'
          ? `Work queue of ${service.name}: its backlog starts the worker from zero and scales it out.`
          : `Work queue of ${service.name}: each ${worker} takes items until the queue is empty; an item whose Spot ${worker} is interrupted reappears after the visibility timeout and another ${worker} of the run takes it.`,
        `An item received ${MAX_RECEIVES} times without being deleted moves to the dead-letter queue. The ${worker} extends the visibility timeout (ChangeMessageVisibility) while it works on an item longer than ${VISIBILITY_TIMEOUT_SECONDS} s.`,
        producerNote(role, worker),
        QUEUE_COST_NOTE,
      ],
    ),
  ];
}

/** The statement that lets a worker's role work its queue. */
export function queueConsumerStatement(id: string): HclValue {
  return {
    Effect: 'Allow',
    Action: QUEUE_CONSUMER_ACTIONS,
    Resource: expr(`aws_sqs_queue.${id}.arn`),
  };
}
