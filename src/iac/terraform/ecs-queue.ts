/** @module ecs-queue: the SQS work queue of a fan-out worker or Spot batch job in Terraform, and backlog scaling. */
import { attr, comment, expr, type HclBlock, nested } from '../hcl.js';
import { toAwsName } from '../names.js';
import {
  BACKLOG_PERIOD_SECONDS,
  backlogSteps,
  EMPTY_QUEUE_MINUTES,
  type QueueRole,
} from '../queue-workers.js';
import { CPU_TARGET_PERCENT, SCALE_IN_COOLDOWN_SECONDS, SCALE_OUT_COOLDOWN_SECONDS } from '../scaling.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { scalableTargetRefs } from './ecs-scalable-target.js';
import { resource, rolePolicy } from './terraform-blocks.js';
import { queueConsumerStatement, workQueueBlocks } from './work-queue.js';

/** The queue, its dead-letter queue, and the task role's permission to work the queue. */
export function queueBlocks(plan: StackPlan, service: ServicePlan, id: string, role: QueueRole): HclBlock[] {
  return [
    ...workQueueBlocks(plan, service, id, role, 'task'),
    rolePolicy(`${id}_queue`, `${id}_task`, 'work-queue', [queueConsumerStatement(id)]),
  ];
}

/**
 * Backlog scaling of a fan-out worker: a step policy adds tasks while items wait (it works at zero tasks, where
 * CPU has no datapoints), CPU target tracking adds tasks when the running ones are busy but never removes any,
 * and the service returns to zero once nothing is visible or in flight for EMPTY_QUEUE_MINUTES. The scalable
 * target they act on is the service's (ecs-scalable-target.ts).
 */
export function backlogScalingBlocks(plan: StackPlan, service: ServicePlan, id: string): HclBlock[] {
  const scalable = scalableTargetRefs(id);
  const queueMetric = (metric: string) =>
    nested('metric_query', [
      attr('id', metric === 'ApproximateNumberOfMessagesVisible' ? 'visible' : 'in_flight'),
      nested('metric', [
        attr('namespace', 'AWS/SQS'),
        attr('metric_name', metric),
        attr('dimensions', { QueueName: expr(`aws_sqs_queue.${id}.name`) }),
        attr('period', BACKLOG_PERIOD_SECONDS),
        attr('stat', 'Maximum'),
      ]),
    ]);
  return [
    resource(
      'aws_appautoscaling_policy',
      `${id}_backlog_out`,
      [
        attr('name', `${service.name}-backlog-out`),
        attr('policy_type', 'StepScaling'),
        ...scalable,
        nested('step_scaling_policy_configuration', [
          attr('adjustment_type', 'ChangeInCapacity'),
          attr('cooldown', SCALE_OUT_COOLDOWN_SECONDS),
          attr('metric_aggregation_type', 'Maximum'),
          ...backlogSteps(service.replicas.max).map((step) =>
            nested('step_adjustment', [
              attr('metric_interval_lower_bound', String(step.lower)),
              step.upper !== null && attr('metric_interval_upper_bound', String(step.upper)),
              attr('scaling_adjustment', step.add),
            ]),
          ),
        ]),
      ],
      [
        'Adds tasks while items wait, more the longer the backlog (bands relative to the alarm threshold of 1).',
      ],
    ),
    resource('aws_cloudwatch_metric_alarm', `${id}_backlog`, [
      // Alarm names are unique per account and Region: the workload's name keeps two stacks apart.
      attr('alarm_name', toAwsName([plan.name, service.name, 'backlog'], 255)),
      attr('alarm_description', `Items wait in the work queue of ${service.name}`),
      attr('namespace', 'AWS/SQS'),
      attr('metric_name', 'ApproximateNumberOfMessagesVisible'),
      attr('dimensions', { QueueName: expr(`aws_sqs_queue.${id}.name`) }),
      attr('statistic', 'Maximum'),
      attr('period', BACKLOG_PERIOD_SECONDS),
      attr('evaluation_periods', 1),
      attr('threshold', 1),
      attr('comparison_operator', 'GreaterThanOrEqualToThreshold'),
      attr('alarm_actions', [expr(`aws_appautoscaling_policy.${id}_backlog_out.arn`)]),
    ]),
    resource(
      'aws_appautoscaling_policy',
      `${id}_backlog_in`,
      [
        attr('name', `${service.name}-queue-empty`),
        attr('policy_type', 'StepScaling'),
        ...scalable,
        nested('step_scaling_policy_configuration', [
          attr('adjustment_type', 'ExactCapacity'),
          attr('cooldown', SCALE_IN_COOLDOWN_SECONDS),
          attr('metric_aggregation_type', 'Maximum'),
          nested('step_adjustment', [
            attr('metric_interval_upper_bound', '0'),
            attr('scaling_adjustment', service.replicas.min),
          ]),
        ]),
      ],
      ['Back to the minimum once no item is visible or in flight: every task is idle.'],
    ),
    resource('aws_cloudwatch_metric_alarm', `${id}_queue_empty`, [
      attr('alarm_name', toAwsName([plan.name, service.name, 'queue-empty'], 255)),
      attr('alarm_description', `Nothing waits or is being worked on in the queue of ${service.name}`),
      attr('evaluation_periods', EMPTY_QUEUE_MINUTES),
      attr('threshold', 0),
      attr('comparison_operator', 'LessThanOrEqualToThreshold'),
      comment('SQS stops sending metrics for a queue idle for hours: no data means an empty queue.'),
      attr('treat_missing_data', 'breaching'),
      attr('alarm_actions', [expr(`aws_appautoscaling_policy.${id}_backlog_in.arn`)]),
      queueMetric('ApproximateNumberOfMessagesVisible'),
      queueMetric('ApproximateNumberOfMessagesNotVisible'),
      nested('metric_query', [
        attr('id', 'backlog'),
        attr('expression', 'visible + in_flight'),
        attr('label', 'Items visible or in flight'),
        attr('return_data', true),
      ]),
    ]),
    resource(
      'aws_appautoscaling_policy',
      `${id}_cpu`,
      [
        attr('name', `${service.name}-cpu`),
        attr('policy_type', 'TargetTrackingScaling'),
        ...scalable,
        nested('target_tracking_scaling_policy_configuration', [
          attr('target_value', CPU_TARGET_PERCENT),
          attr('scale_out_cooldown', SCALE_OUT_COOLDOWN_SECONDS),
          attr('disable_scale_in', true),
          nested('predefined_metric_specification', [
            attr('predefined_metric_type', 'ECSServiceAverageCPUUtilization'),
          ]),
        ]),
      ],
      ['The second signal: busy tasks add tasks; scale-in is left to the empty-queue alarm.'],
    ),
  ];
}
