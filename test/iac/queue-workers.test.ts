/**
 * Queue-driven workers: a fan-out worker that scales from zero gets an SQS queue, a dead-letter queue and
 * backlog scaling with CPU as a second signal; a Spot batch job takes its work items from a queue so an
 * interrupted task's items are retried. Checked in both ECS targets, and with terraform and cfn-lint where
 * they are installed.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import { backlogSteps, MAX_RECEIVES } from '../../src/iac/queue-workers.js';
import { targetsFor } from '../../src/iac/targets.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';
import { cfnLintUnavailable, lintTemplates, parseTemplate } from './helpers/cloudformation-check.js';
import { fileOf } from './helpers/scenarios.js';
import { checkTerraform, parseTerraform } from './helpers/terraform-check.js';
import { dummyInputs, terraformUnavailable, validateWithTerraform } from './helpers/terraform-cli.js';

/** Like the review's s14: a worker fanned out from 0 to 5,000 tasks, tolerant of Spot. */
const FAN_OUT: WorkloadInput = {
  name: 'fan-out',
  requirements: { spotTolerant: true },
  services: [{ name: 'worker', cpu: 0.5, memory: '954 MiB', replicas: { min: 0, max: 5000 } }],
};

const fanOut = await advise(FAN_OUT, { fleetSolver: heuristicFleetSolver });
const batch = await advise(readWorkloadFile(`${EXAMPLES_DIR}/s04-nightly-batch.yaml`), {
  fleetSolver: heuristicFleetSolver,
});
// Candidates whose starter code has a Terraform stack (ECS Managed Instances on Spot has CloudFormation only).
const fanOutCandidates = fanOut.candidates
  .filter((c) => c.orchestrator === 'ecs' && c.feasible && c.cost !== null && c.redundantWith === null)
  .filter((c) => targetsFor(c).includes('terraform'))
  .map((c) => c.id);

// biome-ignore lint/suspicious/noExplicitAny: parsed generated code, read by path
type Tree = any;
async function terraformResources(rec: typeof fanOut, candidate: (typeof fanOutCandidates)[number]) {
  const output = generateIac(rec, 'terraform', { candidate });
  const resources: Record<string, Record<string, Tree>> = {};
  for (const doc of (await parseTerraform(output.files)).values())
    for (const [type, byLabel] of Object.entries(
      (doc.resource ?? {}) as Record<string, Record<string, Tree[]>>,
    ))
      for (const [label, [body]] of Object.entries(byLabel))
        resources[type] = { ...resources[type], [label]: body };
  return { output, resources };
}

describe('backlogSteps', () => {
  it('adds 1, 10, 100 and 1,000 tasks as the backlog grows by tenfold bands, for a 5,000-task worker', () => {
    expect(backlogSteps(5000)).toEqual([
      { lower: 0, upper: 9, add: 1 },
      { lower: 9, upper: 99, add: 10 },
      { lower: 99, upper: 999, add: 100 },
      { lower: 999, upper: null, add: 1000 },
    ]);
  });

  it('stops at the band whose step would pass the maximum, so a 50-task worker adds at most 10 at once', () => {
    expect(backlogSteps(50)).toEqual([
      { lower: 0, upper: 9, add: 1 },
      { lower: 9, upper: null, add: 10 },
    ]);
  });
});

describe('a fan-out worker from zero', () => {
  it('is generated for at least the ECS Fargate and EC2 candidates', () => {
    expect(fanOutCandidates).toContain('ecs-fargate');
    expect(fanOutCandidates.length).toBeGreaterThanOrEqual(2);
  });

  it.each(fanOutCandidates)(
    '%s: starts on the queue backlog, scales out on CPU too, returns to zero when idle',
    async (candidate) => {
      const { output, resources } = await terraformResources(fanOut, candidate);
      // Every argument exists in the AWS provider schema (the check that runs without terraform).
      expect(checkTerraform(await parseTerraform(output.files))).toEqual([]);
      expect(resources.aws_sqs_queue?.worker_dlq).toMatchObject({ message_retention_seconds: 1_209_600 });
      expect(resources.aws_sqs_queue?.worker.redrive_policy).toContain(
        `maxReceiveCount     = ${MAX_RECEIVES}`,
      );
      expect(resources.aws_appautoscaling_target?.worker).toMatchObject({
        min_capacity: 0,
        max_capacity: 5000,
      });
      const out =
        resources.aws_appautoscaling_policy?.worker_backlog_out.step_scaling_policy_configuration[0];
      expect(out.adjustment_type).toBe('ChangeInCapacity');
      expect(out.step_adjustment.map((s: Tree) => s.scaling_adjustment)).toEqual([1, 10, 100, 1000]);
      expect(resources.aws_cloudwatch_metric_alarm?.worker_backlog).toMatchObject({
        metric_name: 'ApproximateNumberOfMessagesVisible',
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
      });
      expect(resources.aws_cloudwatch_metric_alarm?.worker_queue_empty).toMatchObject({
        evaluation_periods: 5,
        threshold: 0,
        treat_missing_data: 'breaching',
      });
      const cpu =
        resources.aws_appautoscaling_policy?.worker_cpu.target_tracking_scaling_policy_configuration[0];
      expect(cpu).toMatchObject({ target_value: 60, disable_scale_in: true });
      expect(resources.aws_ecs_task_definition?.worker.container_definitions).toContain('QUEUE_URL');

      const cfn = parseTemplate(
        fileOf(generateIac(fanOut, 'cloudformation', { candidate }), 'template.yaml'),
      );
      expect(cfn.Resources.WorkerQueue?.Properties.RedrivePolicy).toMatchObject({
        maxReceiveCount: MAX_RECEIVES,
      });
      expect(cfn.Resources.WorkerBacklogAlarm?.Properties).toMatchObject({ Threshold: 1 });
      expect(cfn.Resources.WorkerScalableTarget?.Properties).toMatchObject({
        MinCapacity: 0,
        MaxCapacity: 5000,
      });
      expect(cfn.Resources.WorkerCpuScaling?.Properties).toMatchObject({
        TargetTrackingScalingPolicyConfiguration: { DisableScaleIn: true },
      });
    },
  );
});

describe('the S4 Spot batch job', () => {
  it('takes its work from a queue with a dead-letter queue, so an interrupted task’s items run again', async () => {
    expect(batch.candidates.find((c) => c.id === 'ecs-fargate')?.cost?.fargate[0]?.spot).toBe(true);
    const { resources } = await terraformResources(batch, 'ecs-fargate');
    expect(resources.aws_sqs_queue?.etl.redrive_policy).toContain('aws_sqs_queue.etl_dlq.arn');
    expect(resources.aws_iam_role_policy?.etl_queue.policy).toContain('sqs:ChangeMessageVisibility');
    // A schedule starts the run; the queue does not scale a batch job.
    expect(resources.aws_appautoscaling_policy).toBeUndefined();
    expect(Object.keys(resources.aws_scheduler_schedule ?? {})).toEqual(['etl_1', 'etl_2']);
  });

  it('says above its queue, in Terraform and CloudFormation, that the user provides the producer', () => {
    const tf = fileOf(generateIac(batch, 'terraform', { candidate: 'ecs-fargate' }), 'service-etl.tf');
    const cfn = fileOf(generateIac(batch, 'cloudformation', { candidate: 'ecs-fargate' }), 'template.yaml');
    for (const text of [tf, cfn])
      expect(text).toMatch(/You provide the producer: nothing in this stack sends items to the queue/);
  });
});

describe('terraform validate and cfn-lint on the queue workers, where installed', () => {
  it('validates the fan-out stacks with terraform', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED terraform validate of the fan-out stacks: ${why}. ***\n`);
      ctx.skip();
    }
    const stacks = await Promise.all(
      fanOutCandidates.map(async (candidate) => {
        const files = generateIac(fanOut, 'terraform', { candidate }).files;
        return { name: `fan-out-${candidate}`, files, inputs: dummyInputs(await parseTerraform(files)) };
      }),
    );
    const verdict = await validateWithTerraform(stacks);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.unformatted).toEqual([]);
  }, 300_000);

  it('lints the fan-out templates with cfn-lint, informational checks included', async (ctx) => {
    const why = await cfnLintUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED cfn-lint of the fan-out templates: ${why}. ***\n`);
      ctx.skip();
    }
    const findings = await lintTemplates(
      fanOutCandidates.map((candidate) => ({
        name: `fan-out-${candidate}.yaml`,
        text: fileOf(generateIac(fanOut, 'cloudformation', { candidate }), 'template.yaml'),
      })),
    );
    expect(findings).toEqual([]);
  }, 300_000);
});
