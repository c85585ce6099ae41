/** @module ecs-queue: the SQS work queue of a fan-out worker or Spot batch job in CloudFormation, and backlog scaling. */
import {
  BACKLOG_PERIOD_SECONDS,
  backlogSteps,
  DLQ_RETENTION_SECONDS,
  EMPTY_QUEUE_MINUTES,
  MAX_RECEIVES,
  MESSAGE_RETENTION_SECONDS,
  producerNote,
  QUEUE_CONSUMER_ACTIONS,
  QUEUE_COST_NOTE,
  type QueueRole,
  queueName,
  VISIBILITY_TIMEOUT_SECONDS,
} from '../queue-workers.js';
import { CPU_TARGET_PERCENT, SCALE_IN_COOLDOWN_SECONDS, SCALE_OUT_COOLDOWN_SECONDS } from '../scaling.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { type CfnResource, getAtt, ref } from './cfn.js';

/** The queue, its dead-letter queue, and the task role's permission to work the queue. */
export function queueResources(
  plan: StackPlan,
  service: ServicePlan,
  id: string,
  role: QueueRole,
): Record<string, CfnResource> {
  const name = queueName(plan, service);
  return {
    [`${id}DeadLetterQueue`]: {
      Type: 'AWS::SQS::Queue',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      comment: [
        `Work items of ${service.name} that failed ${MAX_RECEIVES} times, kept for inspection and redrive.`,
      ],
      Properties: {
        QueueName: `${name}-dlq`,
        MessageRetentionPeriod: DLQ_RETENTION_SECONDS,
        SqsManagedSseEnabled: true,
      },
    },
    [`${id}Queue`]: {
      Type: 'AWS::SQS::Queue',
      // Work items are transient: deleting the stack deletes what is still queued (drain it first).
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      comment: [
        role === 'fan-out'
          ? `Work queue of ${service.name}: its backlog starts the worker from zero and scales it out.`
          : `Work queue of ${service.name}: each task takes items until the queue is empty; an item whose Spot task is interrupted reappears after the visibility timeout and another task of the run takes it.`,
        `An item received ${MAX_RECEIVES} times without being deleted moves to the dead-letter queue; long polling (20 s) keeps idle requests few.`,
        producerNote(role),
        QUEUE_COST_NOTE,
      ],
      Properties: {
        QueueName: name,
        VisibilityTimeout: VISIBILITY_TIMEOUT_SECONDS,
        MessageRetentionPeriod: MESSAGE_RETENTION_SECONDS,
        ReceiveMessageWaitTimeSeconds: 20,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: getAtt(`${id}DeadLetterQueue`, 'Arn'),
          maxReceiveCount: MAX_RECEIVES,
        },
      },
    },
    [`${id}QueuePolicy`]: {
      Type: 'AWS::IAM::RolePolicy',
      Properties: {
        RoleName: ref(`${id}TaskRole`),
        PolicyName: 'work-queue',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: QUEUE_CONSUMER_ACTIONS,
              Resource: getAtt(`${id}Queue`, 'Arn'),
            },
          ],
        },
      },
    },
  };
}

/**
 * Backlog scaling of a fan-out worker, as the Terraform stack does it (see terraform/ecs-queue.ts), on the
 * service's scalable target (ecs-scalable-target.ts).
 */
export function backlogScalingResources(service: ServicePlan, id: string): Record<string, CfnResource> {
  const queueName = getAtt(`${id}Queue`, 'QueueName');
  const queueMetric = (metricId: string, metric: string) => ({
    Id: metricId,
    ReturnData: false,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/SQS',
        MetricName: metric,
        Dimensions: [{ Name: 'QueueName', Value: queueName }],
      },
      Period: BACKLOG_PERIOD_SECONDS,
      Stat: 'Maximum',
    },
  });
  return {
    [`${id}BacklogScaleOut`]: {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      comment: [
        'Adds tasks while items wait, more the longer the backlog (bands relative to the alarm threshold of 1).',
      ],
      Properties: {
        PolicyName: `${service.name}-backlog-out`,
        PolicyType: 'StepScaling',
        ScalingTargetId: ref(`${id}ScalableTarget`),
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ChangeInCapacity',
          Cooldown: SCALE_OUT_COOLDOWN_SECONDS,
          MetricAggregationType: 'Maximum',
          StepAdjustments: backlogSteps(service.replicas.max).map((step) => ({
            MetricIntervalLowerBound: step.lower,
            ...(step.upper === null ? {} : { MetricIntervalUpperBound: step.upper }),
            ScalingAdjustment: step.add,
          })),
        },
      },
    },
    [`${id}BacklogAlarm`]: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: `Items wait in the work queue of ${service.name}`,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: queueName }],
        Statistic: 'Maximum',
        Period: BACKLOG_PERIOD_SECONDS,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [ref(`${id}BacklogScaleOut`)],
      },
    },
    [`${id}QueueEmptyScaleIn`]: {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      comment: ['Back to the minimum once no item is visible or in flight: every task is idle.'],
      Properties: {
        PolicyName: `${service.name}-queue-empty`,
        PolicyType: 'StepScaling',
        ScalingTargetId: ref(`${id}ScalableTarget`),
        StepScalingPolicyConfiguration: {
          AdjustmentType: 'ExactCapacity',
          Cooldown: SCALE_IN_COOLDOWN_SECONDS,
          MetricAggregationType: 'Maximum',
          StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: service.replicas.min }],
        },
      },
    },
    [`${id}QueueEmptyAlarm`]: {
      Type: 'AWS::CloudWatch::Alarm',
      comment: ['SQS stops sending metrics for a queue idle for hours: no data means an empty queue.'],
      Properties: {
        AlarmDescription: `Nothing waits or is being worked on in the queue of ${service.name}`,
        EvaluationPeriods: EMPTY_QUEUE_MINUTES,
        Threshold: 0,
        ComparisonOperator: 'LessThanOrEqualToThreshold',
        TreatMissingData: 'breaching',
        AlarmActions: [ref(`${id}QueueEmptyScaleIn`)],
        Metrics: [
          queueMetric('visible', 'ApproximateNumberOfMessagesVisible'),
          queueMetric('in_flight', 'ApproximateNumberOfMessagesNotVisible'),
          {
            Id: 'backlog',
            Expression: 'visible + in_flight',
            Label: 'Items visible or in flight',
            ReturnData: true,
          },
        ],
      },
    },
    [`${id}CpuScaling`]: {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      comment: ['The second signal: busy tasks add tasks; scale-in is left to the empty-queue alarm.'],
      Properties: {
        PolicyName: `${service.name}-cpu`,
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: ref(`${id}ScalableTarget`),
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: CPU_TARGET_PERCENT,
          ScaleOutCooldown: SCALE_OUT_COOLDOWN_SECONDS,
          DisableScaleIn: true,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      },
    },
  };
}
