/**
 * @module eks-karpenter: what Karpenter needs from AWS, in the main EKS stack: the role of the nodes it
 * launches and their access entry, its controller role (EKS Pod Identity), its interruption queue with the
 * EventBridge rules that feed it, and the subnet tags it discovers subnets by. Its install is in platform/.
 */
import { karpenterPools } from '../eks.js';
import { attr, comment, expr, fn, type HclBlock, type HclValue, template } from '../hcl.js';
import {
  DISCOVERY_TAG,
  KARPENTER_NAMESPACE,
  KARPENTER_SERVICE_ACCOUNT,
  karpenterNodeRoleName,
  karpenterQueueName,
} from '../kubernetes/karpenter-node-pools.js';
import { toAwsName } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { NODE_POLICIES } from './eks-compute.js';
import { resource, role, rolePolicy } from './terraform-blocks.js';

const DOCS = 'https://karpenter.sh/docs/reference/cloudformation/';

/** The EC2 events Karpenter acts on before AWS stops a node. https://karpenter.sh/docs/concepts/disruption/#interruption */
const INTERRUPTION_EVENTS: { label: string; source: string; detailType: string }[] = [
  { label: 'spot_interruption', source: 'aws.ec2', detailType: 'EC2 Spot Instance Interruption Warning' },
  { label: 'rebalance', source: 'aws.ec2', detailType: 'EC2 Instance Rebalance Recommendation' },
  { label: 'instance_state_change', source: 'aws.ec2', detailType: 'EC2 Instance State-change Notification' },
  { label: 'scheduled_change', source: 'aws.health', detailType: 'AWS Health Event' },
];

export function usesKarpenter(plan: StackPlan): boolean {
  return karpenterPools(plan).length > 0;
}

export function karpenterBlocks(plan: StackPlan): HclBlock[] {
  if (!usesKarpenter(plan)) return [];
  return [
    ...role('karpenter_nodes', karpenterNodeRoleName(plan), 'ec2.amazonaws.com', NODE_POLICIES, [
      'Nodes Karpenter launches use this role; EC2NodeClass objects in platform/ name it.',
      'Karpenter creates the instance profile itself.',
    ]),
    resource(
      'aws_eks_access_entry',
      'karpenter_nodes',
      [
        attr('cluster_name', expr('aws_eks_cluster.this.name')),
        attr('principal_arn', expr('aws_iam_role.karpenter_nodes.arn')),
        attr('type', 'EC2_LINUX'),
      ],
      [
        'Lets Karpenter nodes join the cluster (managed node groups get their entry from EKS).',
        'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html',
      ],
    ),
    ...role(
      'karpenter_controller',
      toAwsName([plan.name, 'karpenter-controller'], 64),
      'pods.eks.amazonaws.com',
      [],
      ['The Karpenter controller assumes this role through EKS Pod Identity.'],
      ['sts:AssumeRole', 'sts:TagSession'],
    ),
    rolePolicy(
      'karpenter_controller',
      'karpenter_controller',
      'karpenter-controller',
      controllerStatements(plan),
      [
        "Launches and terminates this cluster's nodes only (by the cluster tag Karpenter puts on what it creates),",
        `reads prices and instance types, and reads the interruption queue. Permissions as documented at ${DOCS}`,
      ],
    ),
    resource('aws_eks_pod_identity_association', 'karpenter', [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('namespace', KARPENTER_NAMESPACE),
      attr('service_account', KARPENTER_SERVICE_ACCOUNT),
      attr('role_arn', expr('aws_iam_role.karpenter_controller.arn')),
    ]),
    resource(
      'aws_sqs_queue',
      'karpenter',
      [
        attr('name', karpenterQueueName(plan)),
        comment('Events older than five minutes are past acting on.'),
        attr('message_retention_seconds', 300),
        attr('sqs_managed_sse_enabled', true),
      ],
      [
        'Interruption queue: Karpenter drains a node when EC2 warns of a Spot interruption, a rebalance, a stop',
        'or scheduled maintenance. https://karpenter.sh/docs/concepts/disruption/#interruption',
      ],
    ),
    resource('aws_sqs_queue_policy', 'karpenter', [
      attr('queue_url', expr('aws_sqs_queue.karpenter.url')),
      attr(
        'policy',
        fn('jsonencode', {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'EventBridgeSends',
              Effect: 'Allow',
              Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] },
              Action: 'sqs:SendMessage',
              Resource: expr('aws_sqs_queue.karpenter.arn'),
            },
            {
              Sid: 'TlsOnly',
              Effect: 'Deny',
              Principal: '*',
              Action: 'sqs:*',
              Resource: expr('aws_sqs_queue.karpenter.arn'),
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        }),
      ),
    ]),
    ...INTERRUPTION_EVENTS.flatMap((event) => [
      resource('aws_cloudwatch_event_rule', `karpenter_${event.label}`, [
        attr('name', toAwsName([plan.name, 'karpenter', event.label.replace(/_/g, '-')], 64)),
        attr(
          'event_pattern',
          fn('jsonencode', { source: [event.source], 'detail-type': [event.detailType] }),
        ),
      ]),
      resource('aws_cloudwatch_event_target', `karpenter_${event.label}`, [
        attr('rule', expr(`aws_cloudwatch_event_rule.karpenter_${event.label}.name`)),
        attr('arn', expr('aws_sqs_queue.karpenter.arn')),
      ]),
    ]),
    resource(
      'aws_ec2_tag',
      'karpenter_subnets',
      [
        attr('for_each', fn('toset', expr('var.private_subnet_ids'))),
        attr('resource_id', expr('each.value')),
        attr('key', DISCOVERY_TAG),
        attr('value', plan.name),
      ],
      ['Karpenter launches nodes into the subnets with this tag (EC2NodeClass subnetSelectorTerms).'],
    ),
  ];
}

/**
 * The controller's permissions, grouped as Karpenter documents them: launch (scoped to requests tagged for
 * this cluster), tag and terminate (scoped to this cluster's resources), read-only EC2 and pricing, the
 * interruption queue, passing the node role, instance profiles, and describing the cluster.
 */
function controllerStatements(plan: StackPlan): HclValue[] {
  const clusterTag = `kubernetes.io/cluster/${plan.name}`;
  const region = { StringEquals: { 'aws:RequestedRegion': expr('var.region') } };
  return [
    {
      Sid: 'LaunchNodes',
      Effect: 'Allow',
      Action: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
      Resource: '*',
      Condition: region,
    },
    {
      Sid: 'TagOnLaunch',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: {
        StringEquals: { 'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
      },
    },
    {
      Sid: 'ManageOwnNodes',
      Effect: 'Allow',
      Action: ['ec2:CreateTags', 'ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
      Resource: '*',
      Condition: { StringEquals: { [`aws:ResourceTag/${clusterTag}`]: 'owned' } },
    },
    {
      Sid: 'ReadEc2',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeImages',
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSpotPriceHistory',
        'ec2:DescribeSubnets',
      ],
      Resource: '*',
      Condition: region,
    },
    { Sid: 'ReadPrices', Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' },
    {
      Sid: 'ReadAmiParameters',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: template('arn:aws:ssm:', expr('var.region'), '::parameter/aws/service/*'),
    },
    {
      Sid: 'InterruptionQueue',
      Effect: 'Allow',
      Action: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
      Resource: expr('aws_sqs_queue.karpenter.arn'),
    },
    {
      Sid: 'PassNodeRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: expr('aws_iam_role.karpenter_nodes.arn'),
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    },
    {
      Sid: 'InstanceProfiles',
      Effect: 'Allow',
      Action: [
        'iam:AddRoleToInstanceProfile',
        'iam:CreateInstanceProfile',
        'iam:DeleteInstanceProfile',
        'iam:GetInstanceProfile',
        'iam:ListInstanceProfiles',
        'iam:RemoveRoleFromInstanceProfile',
        'iam:TagInstanceProfile',
      ],
      Resource: '*',
    },
    {
      Sid: 'DescribeCluster',
      Effect: 'Allow',
      Action: 'eks:DescribeCluster',
      Resource: expr('aws_eks_cluster.this.arn'),
    },
  ];
}
