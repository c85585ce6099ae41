/**
 * @module eks-queue: the AWS side of the queue workers of an EKS stack: each worker's SQS queue and
 * dead-letter queue, the role its service account gets through EKS Pod Identity to work the queue, and the
 * role of KEDA's operator, which reads the backlog of the fan-out queues to scale their workers from zero.
 * KEDA's install is in platform/keda.tf; the ScaledObjects are in the Kubernetes manifests.
 */
import { serviceNamespace } from '../eks.js';
import { attr, expr, type HclBlock } from '../hcl.js';
import { KEDA_NAMESPACE, KEDA_OPERATOR_SERVICE_ACCOUNT } from '../kubernetes/queue-scaling.js';
import { toAwsName, toTerraformLabel } from '../names.js';
import { eksQueueRole, type QueueRole } from '../queue-workers.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { output, resource, role, rolePolicy } from './terraform-blocks.js';
import { queueConsumerStatement, workQueueBlocks } from './work-queue.js';

export interface EksQueueWorker {
  service: ServicePlan;
  role: QueueRole;
  /** The label of the worker's queue, role and association: `<service>_queue` (the DLQ adds `_dlq`). */
  id: string;
}

/** The services of an EKS stack that take their work from a queue (queue-workers.ts). */
export function eksQueueWorkers(plan: StackPlan): EksQueueWorker[] {
  return plan.services.flatMap((service) => {
    const queue = eksQueueRole(service);
    return queue === null ? [] : [{ service, role: queue, id: `${toTerraformLabel(service.name)}_queue` }];
  });
}

/** The queues, the workers' roles and Pod Identity associations, and KEDA's operator role. */
export function eksQueueBlocks(plan: StackPlan): HclBlock[] {
  const workers = eksQueueWorkers(plan);
  const blocks = workers.flatMap((worker) => workerBlocks(plan, worker));
  const fanOut = workers.filter((w) => w.role === 'fan-out');
  if (fanOut.length > 0) blocks.push(...kedaOperatorBlocks(plan, fanOut));
  return blocks;
}

function workerBlocks(plan: StackPlan, { service, role: queueRole, id }: EksQueueWorker): HclBlock[] {
  return [
    ...workQueueBlocks(plan, service, id, queueRole, 'pod'),
    ...role(
      id,
      toAwsName([plan.name, service.name, 'queue'], 64),
      'pods.eks.amazonaws.com',
      [],
      [`The pods of ${service.name} work their queue with this role, through EKS Pod Identity.`],
      ['sts:AssumeRole', 'sts:TagSession'],
    ),
    rolePolicy(id, id, 'work-queue', [queueConsumerStatement(id)]),
    resource(
      'aws_eks_pod_identity_association',
      id,
      [
        attr('cluster_name', expr('aws_eks_cluster.this.name')),
        attr('namespace', serviceNamespace(plan, service)),
        attr('service_account', service.name),
        attr('role_arn', expr(`aws_iam_role.${id}.arn`)),
      ],
      [
        `Pods of the ${service.name} service account get the role above.`,
        'https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html',
      ],
    ),
  ];
}

/**
 * KEDA reads each fan-out queue's length (GetQueueAttributes) with its operator's role; it never takes or
 * deletes items. https://keda.sh/docs/latest/scalers/aws-sqs/
 */
function kedaOperatorBlocks(plan: StackPlan, fanOut: readonly EksQueueWorker[]): HclBlock[] {
  return [
    ...role(
      'keda_operator',
      toAwsName([plan.name, 'keda-operator'], 64),
      'pods.eks.amazonaws.com',
      [],
      ['KEDA’s operator assumes this role through EKS Pod Identity to read the backlog of the work queues.'],
      ['sts:AssumeRole', 'sts:TagSession'],
    ),
    rolePolicy('keda_operator', 'keda_operator', 'read-queue-backlog', [
      {
        Effect: 'Allow',
        Action: 'sqs:GetQueueAttributes',
        Resource: fanOut.map((w) => expr(`aws_sqs_queue.${w.id}.arn`)),
      },
    ]),
    resource('aws_eks_pod_identity_association', 'keda_operator', [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('namespace', KEDA_NAMESPACE),
      attr('service_account', KEDA_OPERATOR_SERVICE_ACCOUNT),
      attr('role_arn', expr('aws_iam_role.keda_operator.arn')),
    ]),
  ];
}

/** Where producers send work items: the URL of each worker's queue. */
export function eksQueueOutputs(plan: StackPlan): HclBlock[] {
  const workers = eksQueueWorkers(plan);
  if (workers.length === 0) return [];
  return [
    output(
      'queue_urls',
      Object.fromEntries(workers.map((w) => [w.service.name, expr(`aws_sqs_queue.${w.id}.url`)])),
      'URL of the SQS work queue of each queue worker: your producer sends work items here (SQS SendMessage).',
    ),
  ];
}
