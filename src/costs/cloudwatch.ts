/**
 * @module cloudwatch: what the starter code sends to CloudWatch: container logs (awslogs, ECS), the EKS
 * control plane's logs, both kept for the starter code's retention, and ECS Container Insights metrics.
 */
import { HOURS_PER_MONTH, type Money, sumMoney, toMoney } from '../pricing/money.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * Days the log groups keep their logs: the default of the starter code's `log_retention_days` (Terraform)
 * and `LogRetentionDays` (CloudFormation); test/costs/cloudwatch.test.ts holds the two to this figure.
 */
export const LOG_RETENTION_DAYS = 30;

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/**
 * Container Insights metrics, per cluster and per service: the Container Insights metric names AWS lists
 * for ECS (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/appinsights-metrics-ecs.html), 16,
 * each counted once for the cluster, and the 13 of them a service reports (all but ContainerInstanceCount,
 * ServiceCount and TaskCount). Metrics "are charged as custom metrics"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html). The per-service
 * count is Berth's reading of the metric list, not a figure AWS states.
 */
export const CONTAINER_INSIGHTS_METRICS = { perCluster: 16, perService: 13 } as const;

/** GB a month the ECS tasks write (tasks on average × GB per task-month); the EKS starter code ships none. */
export function containerLogGBPerMonth(services: readonly NormalisedService[]): Money {
  return sumMoney(
    services.map((s) =>
      toMoney(s.stats.replicaHoursPerWeek).dividedBy(HOURS_PER_WEEK).times(s.logGBPerTaskMonth),
    ),
  );
}

/**
 * Ingestion of a month's logs and the storage they hold once the retention is full: a month's logs ×
 * retention / days in a month, as GB-months. Storage is priced on the size ingested (CloudWatch stores logs
 * compressed, by a ratio no AWS page states), so it is an upper bound.
 */
export function logLines(what: string, gbPerMonth: Money): LineSpec[] {
  if (gbPerMonth.isZero()) return [];
  const stored = gbPerMonth.times(LOG_RETENTION_DAYS).dividedBy(DAYS_PER_MONTH);
  return [
    {
      category: 'observability',
      service: null,
      description: `CloudWatch Logs ingestion: ${what} (${formatQuantity(gbPerMonth)} GB a month)`,
      quantity: gbPerMonth,
      priceId: 'logs:ingest-gb',
    },
    {
      category: 'observability',
      service: null,
      description: `CloudWatch Logs storage: ${what}, kept ${LOG_RETENTION_DAYS} days as the starter code sets (at the size ingested)`,
      quantity: stored,
      priceId: 'logs:storage-gb-month',
    },
  ];
}

/** The metrics of ECS Container Insights, which the starter code enables on the cluster. */
export function containerInsightsLines(services: number): LineSpec[] {
  const metrics = CONTAINER_INSIGHTS_METRICS.perCluster + CONTAINER_INSIGHTS_METRICS.perService * services;
  return [
    {
      category: 'observability',
      service: null,
      description: `Container Insights metrics (${CONTAINER_INSIGHTS_METRICS.perCluster} for the cluster, ${CONTAINER_INSIGHTS_METRICS.perService} per service × ${services}; counts read from AWS's metric list)`,
      quantity: toMoney(metrics),
      priceId: 'cloudwatch:metric-month',
    },
  ];
}
