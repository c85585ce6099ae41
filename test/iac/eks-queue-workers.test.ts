/**
 * Queue workers on EKS: a fan-out worker that scales from zero gets an SQS queue and a dead-letter queue, a
 * role for its service account through EKS Pod Identity, and a KEDA ScaledObject on the queue's backlog
 * with CPU as the second signal, in place of a HorizontalPodAutoscaler; KEDA's operator reads the queue
 * with a role of its own. The S4 Spot batch job takes its items from a queue, and interrupted pods are
 * replaced without counting as failures. Checked against the provider schema, the Kubernetes and KEDA
 * field checks, and terraform validate where it is installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import { eksQueueRole, MAX_RECEIVES } from '../../src/iac/queue-workers.js';
import { planStack } from '../../src/iac/stack-plan.js';
import { OFFLINE_PROVIDER_OVERRIDE } from '../../src/iac/terraform/terraform-blocks.js';
import type { IacFile } from '../../src/model/iac.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';
import { checkManifests, type Manifest, parseManifests } from './helpers/kubernetes-check.js';
import { checkTerraform, parseTerraform } from './helpers/terraform-check.js';
import {
  dummyInputs,
  planOffline,
  terraformUnavailable,
  validateWithTerraform,
} from './helpers/terraform-cli.js';

/** Like the review's s14: a worker fanned out from 0 to 5,000 pods, tolerant of Spot. */
const FAN_OUT: WorkloadInput = {
  name: 'fan-out',
  requirements: { spotTolerant: true },
  services: [{ name: 'worker', cpu: 0.5, memory: '954 MiB', replicas: { min: 0, max: 5000 } }],
};

const fanOut = await advise(FAN_OUT, { fleetSolver: heuristicFleetSolver });

/** The same worker from 0 to 4 pods, busy 09:00–17:00 UTC on weekdays: 40 hours at 4 pods, 128 at none. */
const DIURNAL_FAN_OUT: WorkloadInput = {
  name: 'fan-out-diurnal',
  services: [
    {
      name: 'worker',
      cpu: 0.5,
      memory: '954 MiB',
      replicas: { min: 0, max: 4 },
      traffic: { pattern: 'diurnal', peakStartHour: 9, peakEndHour: 17 },
    },
  ],
};
const diurnal = await advise(DIURNAL_FAN_OUT, { fleetSolver: heuristicFleetSolver });
const batch = await advise(readWorkloadFile(`${EXAMPLES_DIR}/s04-nightly-batch.yaml`), {
  fleetSolver: heuristicFleetSolver,
});

/** The EKS candidates whose worker runs on Linux EC2 nodes, where EKS Pod Identity works. */
const NODE_CANDIDATES: CandidateId[] = ['eks-ec2', 'eks-auto-mode'];

// biome-ignore lint/suspicious/noExplicitAny: parsed generated code, read by path; every value read is asserted
type Tree = any;

/** `${expression}`, as hcl2json writes a Terraform reference. */
const tfRef = (expression: string) => `\${${expression}}`;

async function terraformResources(files: readonly IacFile[]): Promise<Record<string, Record<string, Tree>>> {
  const resources: Record<string, Record<string, Tree>> = {};
  for (const doc of (await parseTerraform(files)).values())
    for (const [type, byLabel] of Object.entries(
      (doc.resource ?? {}) as Record<string, Record<string, Tree[]>>,
    ))
      for (const [label, [body]] of Object.entries(byLabel))
        resources[type] = { ...resources[type], [label]: body };
  return resources;
}

function manifests(files: readonly IacFile[]): Manifest[] {
  return files.flatMap((f) => parseManifests(f.contents, f.path));
}

function generate(rec: typeof fanOut, candidate: CandidateId) {
  const terraform = generateIac(rec, 'terraform', { candidate }).files;
  const kubernetes = generateIac(rec, 'kubernetes', { candidate }).files;
  return {
    terraform,
    root: terraform.filter((f) => !f.path.includes('/')),
    platform: terraform.filter((f) => f.path.startsWith('platform/')),
    kubernetes,
  };
}

describe('eksQueueRole', () => {
  const candidate = fanOut.candidates.find((c) => c.id === 'eks-ec2');
  if (candidate === undefined) throw new Error('the fan-out fixture has no eks-ec2 candidate');
  const [worker] = planStack(fanOut, candidate).services;
  if (worker === undefined) throw new Error('the fan-out plan has no service');

  it('gives a queue to a worker on Linux EC2 nodes only, where EKS Pod Identity works', () => {
    expect(eksQueueRole(worker)).toBe('fan-out');
    expect(eksQueueRole({ ...worker, compute: 'fargate' })).toBeNull();
    expect(eksQueueRole({ ...worker, os: 'windows' })).toBeNull();
    // A worker behind a load balancer, or one that never goes below one pod, is no fan-out worker.
    expect(eksQueueRole({ ...worker, exposure: 'internal' })).toBeNull();
    expect(eksQueueRole({ ...worker, replicas: { ...worker.replicas, min: 1 } })).toBeNull();
  });
});

describe.each(NODE_CANDIDATES)('a fan-out worker from zero on %s', (candidate) => {
  const stack = generate(fanOut, candidate);

  it('gets a work queue with a dead-letter queue after 3 receives, in a stack the provider schema accepts', async () => {
    expect(checkTerraform(await parseTerraform(stack.root))).toEqual([]);
    const sqs = (await terraformResources(stack.root)).aws_sqs_queue;
    expect(sqs?.worker_queue).toMatchObject({ name: 'fan-out-worker', visibility_timeout_seconds: 300 });
    expect(sqs?.worker_queue.redrive_policy).toContain(`maxReceiveCount     = ${MAX_RECEIVES}`);
    expect(sqs?.worker_queue.redrive_policy).toContain('aws_sqs_queue.worker_queue_dlq.arn');
    expect(sqs?.worker_queue_dlq).toMatchObject({
      name: 'fan-out-worker-dlq',
      message_retention_seconds: 1_209_600,
    });
  });

  it('works the queue with its service account’s role, and KEDA’s operator reads it with its own', async () => {
    const resources = await terraformResources(stack.root);
    expect(resources.aws_eks_pod_identity_association?.worker_queue).toEqual({
      cluster_name: tfRef('aws_eks_cluster.this.name'),
      namespace: 'fan-out',
      service_account: 'worker',
      role_arn: tfRef('aws_iam_role.worker_queue.arn'),
    });
    expect(resources.aws_iam_role?.worker_queue.assume_role_policy).toContain('pods.eks.amazonaws.com');
    const workerPolicy = resources.aws_iam_role_policy?.worker_queue.policy;
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'])
      expect(workerPolicy).toContain(action);
    expect(workerPolicy).toContain('Resource = aws_sqs_queue.worker_queue.arn');
    expect(resources.aws_eks_pod_identity_association?.keda_operator).toEqual({
      cluster_name: tfRef('aws_eks_cluster.this.name'),
      namespace: 'keda',
      service_account: 'keda-operator',
      role_arn: tfRef('aws_iam_role.keda_operator.arn'),
    });
    const kedaPolicy = resources.aws_iam_role_policy?.keda_operator.policy;
    expect(kedaPolicy).toContain('Action   = "sqs:GetQueueAttributes"');
    expect(kedaPolicy).toContain('Resource = [aws_sqs_queue.worker_queue.arn]');
    expect(kedaPolicy).not.toContain('sqs:ReceiveMessage');
  });

  it('installs KEDA from its chart, pinned, in the platform module', async () => {
    const release = (await terraformResources(stack.platform)).helm_release?.keda;
    expect(release).toMatchObject({
      namespace: 'keda',
      repository: 'https://kedacore.github.io/charts',
      chart: 'keda',
      version: tfRef('var.keda_chart_version'),
    });
    const variables = stack.platform.find((f) => f.path === 'platform/variables.tf')?.contents;
    expect(variables).toMatch(/variable "keda_chart_version" \{[^}]*default\s+= "2\.21\.1"/s);
    // On EKS with EC2 node groups KEDA runs on the system node group, beside Karpenter and CoreDNS.
    const comment = stack.platform.find((f) => f.path === 'platform/keda.tf')?.contents;
    if (candidate === 'eks-ec2') {
      expect(release.values[0]).toContain('"berth.dev/pool" = "system"');
      expect(comment).toContain('fit on the priced system node group beside Karpenter');
    } else {
      // Auto Mode has no system node group: KEDA's pods take room the recommendation did not price.
      expect(release.depends_on).toEqual([tfRef('helm_release.node_pools')]);
      expect(release.values).toBeUndefined();
      expect(comment).toContain('# Not priced: with no system node group its three pods');
    }
  });

  it('scales on a ScaledObject: from 0 to 5,000 pods on the queue’s backlog, CPU as the second signal', () => {
    const objects = manifests(stack.kubernetes);
    expect(objects.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    const scaled = objects.filter((m) => m.kind === 'ScaledObject') as Tree[];
    expect(scaled).toHaveLength(1);
    expect(scaled[0].metadata).toMatchObject({ name: 'worker', namespace: 'fan-out' });
    expect(scaled[0].spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' },
      minReplicaCount: 0,
      maxReplicaCount: 5000,
      cooldownPeriod: 300,
    });
    expect(scaled[0].spec.triggers).toEqual([
      {
        type: 'aws-sqs-queue',
        metadata: {
          queueURL: 'fan-out-worker',
          awsRegion: 'us-east-1',
          queueLength: '1',
          scaleOnInFlight: 'true',
        },
        authenticationRef: { name: 'worker-sqs' },
      },
      { type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } },
    ]);
    const auth = objects.find((m) => m.kind === 'TriggerAuthentication') as Tree;
    expect(auth.metadata).toMatchObject({ name: 'worker-sqs', namespace: 'fan-out' });
    expect(auth.spec).toEqual({ podIdentity: { provider: 'aws' } });
    const deployment = objects.find((m) => m.kind === 'Deployment') as Tree;
    // KEDA's HPA owns the replica count.
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.template.spec.serviceAccountName).toBe('worker');
    expect(deployment.spec.template.spec.containers[0].env).toEqual([
      { name: 'QUEUE_NAME', value: 'fan-out-worker' },
      { name: 'AWS_REGION', value: 'us-east-1' },
    ]);
    expect(
      stack.kubernetes.flatMap((f) => checkManifests(parseManifests(f.contents, f.path), f.path)),
    ).toEqual([]);
  });

  it('names the queue the ScaledObject watches as Terraform creates it, and says who sends items', async () => {
    const sqs = (await terraformResources(stack.root)).aws_sqs_queue;
    const scaled = manifests(stack.kubernetes).find((m) => m.kind === 'ScaledObject') as Tree;
    expect(scaled.spec.triggers[0].metadata.queueURL).toBe(sqs?.worker_queue.name);
    const queues = stack.root.find((f) => f.path === 'queues.tf')?.contents ?? '';
    const worker = stack.kubernetes.find((f) => f.path === 'worker.yaml')?.contents ?? '';
    for (const text of [queues, worker])
      expect(text).toMatch(/You provide the producer: nothing in this stack sends items to the queue/);
    // The apply order at the top of the manifests names KEDA, which the ScaledObjects need first.
    expect(stack.kubernetes.find((f) => f.path === '00-namespace.yaml')?.contents).toMatch(
      /KEDA, which scales the queue workers from zero/,
    );
    const outputs = stack.root.find((f) => f.path === 'outputs.tf')?.contents;
    expect(outputs).toContain('worker = aws_sqs_queue.worker_queue.url');
  });
});

describe('a fan-out worker on EKS Fargate', () => {
  it('keeps its CPU autoscaler and gets no queue: EKS Pod Identity does not work on Fargate', async () => {
    const stack = generate(fanOut, 'eks-fargate');
    expect((await terraformResources(stack.root)).aws_sqs_queue).toBeUndefined();
    const objects = manifests(stack.kubernetes);
    expect(objects.map((m) => m.kind)).not.toContain('ScaledObject');
    expect(objects.find((m) => m.kind === 'HorizontalPodAutoscaler')).toMatchObject({
      spec: { minReplicas: 1, maxReplicas: 5000 },
    });
    // Its comment says so, rather than claiming a minimum of 0 the HPA does not keep.
    expect(stack.kubernetes.find((f) => f.path === 'worker.yaml')?.contents).toContain(
      '# Scales between 1 and 5000 pods on CPU: an HPA cannot scale to zero',
    );
  });
});

describe('the pod an EKS Fargate worker keeps is priced, as launched', () => {
  /** The worker's Fargate vCPU and memory lines of a candidate: [quantity, monthly USD] each. */
  const fargateLines = (id: CandidateId) =>
    diurnal.candidates
      .find((c) => c.id === id)
      ?.cost?.lineItems.filter((l) => l.service === 'worker' && l.description.includes('Fargate'))
      .map((l) => [l.unit, l.quantity, l.monthlyUsd]);

  it('eks-fargate: 0.5 vCPU / 2 GB billed (954 MiB + 256 MiB) for 40 h × 4 + 128 h × 1 = 288 pod-hours a week', () => {
    // 288 × 730 / 168 = 1,251.43 pod-hours a month; × 0.5 vCPU × $0.04048 = $25.33; × 2 GB × $0.004445 = $11.13.
    expect(fargateLines('eks-fargate')).toEqual([
      ['vCPU-hour', '625.7142857142857142857142857142857142855', '25.3289142857'],
      ['GB-hour', '2502.857142857142857142857142857142857142', '11.1252'],
    ]);
  });

  it('eks-fargate says why: its cost notes name the 128 pod-hours a week the kept pod adds', () => {
    const notes = diurnal.candidates.find((c) => c.id === 'eks-fargate')?.cost?.notes ?? [];
    expect(notes.filter((n) => n.startsWith('worker is priced with one pod'))).toEqual([
      expect.stringContaining('(128 more pod-hours a week)'),
    ]);
    for (const id of ['ecs-fargate', 'eks-ec2'] as const)
      expect(diurnal.candidates.find((c) => c.id === id)?.cost?.notes.join(' ')).not.toContain('one pod');
  });

  it('ecs-fargate is unchanged: its backlog alarm starts the worker from zero, 160 pod-hours a week', () => {
    // 160 × 730 / 168 = 695.24 task-hours a month of 0.5 vCPU / 1 GB (ECS adds no 256 MiB to the task):
    // × 0.5 × $0.04048 = $14.07; × 1 GB × $0.004445 = $3.09.
    expect(fargateLines('ecs-fargate')).toEqual([
      ['vCPU-hour', '347.6190476190476190476190476190476190476', '14.0716190476'],
      ['GB-hour', '695.2380952380952380952380952380952380952', '3.0903333333'],
    ]);
  });

  it('eks-ec2 is unchanged: KEDA starts the worker from zero, so no node runs all week', () => {
    expect(diurnal.candidates.find((c) => c.id === 'eks-ec2')?.cost?.fleet?.floor).toEqual([]);
  });

  it('the manifest keeps the HPA at minimum 1 and says that pod is priced', async () => {
    const stack = generate(diurnal, 'eks-fargate');
    expect(manifests(stack.kubernetes).find((m) => m.kind === 'HorizontalPodAutoscaler')).toMatchObject({
      spec: { minReplicas: 1, maxReplicas: 4 },
    });
    const comment = stack.kubernetes.find((f) => f.path === 'worker.yaml')?.contents;
    expect(comment).toContain(
      'The recommendation prices the one pod kept in the hours the workload runs none.',
    );
    expect(comment).not.toContain('not priced');
  });
});

describe('the S4 Spot batch job on EKS', () => {
  it.each(NODE_CANDIDATES)(
    '%s: pods take items from the queue; an interrupted pod is replaced without counting as a failure',
    async (candidate) => {
      const stack = generate(batch, candidate);
      const resources = await terraformResources(stack.root);
      expect(resources.aws_sqs_queue?.etl_queue.redrive_policy).toContain('aws_sqs_queue.etl_queue_dlq.arn');
      expect(resources.aws_eks_pod_identity_association?.etl_queue).toMatchObject({
        namespace: 'nightly-batch',
        service_account: 'etl',
      });
      // A schedule starts the run; nothing scales a batch job on its queue, so KEDA is not installed.
      expect(resources.aws_eks_pod_identity_association?.keda_operator).toBeUndefined();
      expect(stack.platform.map((f) => f.path)).not.toContain('platform/keda.tf');

      const cron = manifests(stack.kubernetes).find((m) => m.kind === 'CronJob') as Tree;
      const job = cron.spec.jobTemplate.spec;
      expect(job).toMatchObject({ parallelism: 20, completions: 20, backoffLimit: 3 });
      expect(job.podFailurePolicy).toEqual({
        rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
      });
      // A pod failure policy needs restartPolicy Never.
      expect(job.template.spec.restartPolicy).toBe('Never');
      expect(job.template.spec.containers[0].env).toEqual([
        { name: 'QUEUE_NAME', value: 'nightly-batch-etl' },
        { name: 'AWS_REGION', value: 'us-east-1' },
      ]);
      expect(
        stack.kubernetes.flatMap((f) => checkManifests(parseManifests(f.contents, f.path), f.path)),
      ).toEqual([]);
    },
  );
});

describe('terraform validate and an offline plan of the EKS queue stacks, where installed', () => {
  it('validates and plans the main stacks of the fan-out worker and the S4 batch job', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED terraform validate of the EKS queue stacks: ${why}. ***\n`);
      ctx.skip();
    }
    const stacks = await Promise.all(
      NODE_CANDIDATES.flatMap((candidate) =>
        [fanOut, batch].map(async (rec) => {
          const files = generate(rec, candidate).root;
          return {
            name: `${rec.workload.name}-${candidate}`,
            files,
            inputs: dummyInputs(await parseTerraform(files)),
          };
        }),
      ),
    );
    const verdict = await validateWithTerraform(stacks);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.unformatted).toEqual([]);
    const plan = await planOffline(stacks, OFFLINE_PROVIDER_OVERRIDE);
    expect(plan.error).toBeNull();
    for (const candidate of NODE_CANDIDATES) {
      expect(plan.planned[`fan-out-${candidate}`]).toEqual(
        expect.arrayContaining([
          'aws_sqs_queue.worker_queue',
          'aws_sqs_queue.worker_queue_dlq',
          'aws_iam_role_policy.worker_queue',
          'aws_eks_pod_identity_association.worker_queue',
          'aws_eks_pod_identity_association.keda_operator',
        ]),
      );
      expect(plan.planned[`nightly-batch-${candidate}`]).toEqual(
        expect.arrayContaining(['aws_sqs_queue.etl_queue', 'aws_eks_pod_identity_association.etl_queue']),
      );
    }
  }, 600_000);

  it('writes KEDA’s platform files terraform fmt clean (validating them needs the Helm provider)', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED terraform fmt of the KEDA platform files: ${why}. ***\n`);
      ctx.skip();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-keda-'));
    try {
      for (const candidate of NODE_CANDIDATES)
        for (const f of generate(fanOut, candidate).platform.filter((f) => f.path.endsWith('.tf'))) {
          const target = path.join(dir, candidate, f.path);
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, f.contents);
        }
      // -check exits non-zero and lists the files fmt would change.
      const listed = execFileSync('terraform', ['fmt', '-check', '-recursive', '-list=true', dir], {
        encoding: 'utf8',
      });
      expect(listed).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
