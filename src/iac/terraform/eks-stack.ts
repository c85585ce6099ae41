/** @module eks-stack: the Terraform files of an EKS candidate: cluster, node groups and/or Fargate profiles, add-ons. */

import type { IacFile } from '../../model/iac.js';
import { eksNodePools, POOL_LABEL, SYSTEM_POOL } from '../eks.js';
import { attr, comment, expr, fn, type HclBlock, type HclItem, nested, renderHcl, template } from '../hcl.js';
import type { StackPlan } from '../stack-plan.js';
import { clusterAutoscalerBlocks } from './eks-cluster-autoscaler.js';
import { eksComputeLabels, eksFargateBlocks, eksNodeGroupBlocks, NODE_POLICIES } from './eks-compute.js';
import { karpenterBlocks, usesKarpenter } from './eks-karpenter.js';
import { loadBalancerControllerBlocks } from './eks-load-balancer-controller.js';
import { renderEksPlatform } from './eks-platform.js';
import { eksQueueBlocks, eksQueueOutputs } from './eks-queue.js';
import {
  commonVariables,
  output,
  policyAttachment,
  resource,
  role,
  settingsFile,
  variable,
} from './terraform-blocks.js';

/** A Kubernetes version in standard support until 2027-03 (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html). */
export const KUBERNETES_VERSION = '1.35';

export function renderEksTerraform(plan: StackPlan): IacFile[] {
  const files: IacFile[] = [
    file('versions.tf', settingsFile(plan)),
    file('variables.tf', variables(plan)),
    file('iam.tf', iamBlocks(plan)),
    file('cluster.tf', clusterBlocks(plan)),
  ];
  const nodeGroups = eksNodeGroupBlocks(plan);
  if (nodeGroups.length > 0) files.push(file('node-groups.tf', nodeGroups));
  const fargate = eksFargateBlocks(plan);
  if (fargate.length > 0) files.push(file('fargate.tf', fargate));
  const karpenter = karpenterBlocks(plan);
  if (karpenter.length > 0) files.push(file('karpenter.tf', karpenter));
  const clusterAutoscaler = clusterAutoscalerBlocks(plan);
  if (clusterAutoscaler.length > 0) files.push(file('cluster-autoscaler.tf', clusterAutoscaler));
  const lbc = loadBalancerControllerBlocks(plan);
  if (lbc.length > 0) files.push(file('load-balancer-controller.tf', lbc));
  const queues = eksQueueBlocks(plan);
  if (queues.length > 0) files.push(file('queues.tf', queues));
  files.push(file('addons.tf', addonBlocks(plan)), file('outputs.tf', outputs(plan)));
  files.push(...renderEksPlatform(plan));
  return files;
}

function file(path: string, items: readonly HclItem[]): IacFile {
  return { path, contents: renderHcl(items) };
}

function variables(plan: StackPlan): HclBlock[] {
  return [
    ...commonVariables(plan, { images: false }),
    variable(
      'kubernetes_version',
      'string',
      'Kubernetes version of the control plane and the managed node groups.',
      {
        default: KUBERNETES_VERSION,
      },
    ),
    variable(
      'cluster_endpoint_public_access_cidrs',
      'list(string)',
      'CIDR blocks allowed to reach the Kubernetes API endpoint from the internet (your office or VPN); the endpoint is also reachable from the VPC.',
    ),
  ];
}

function iamBlocks(plan: StackPlan): HclBlock[] {
  const windows = plan.pools.some((p) => p.os === 'windows');
  const blocks = role(
    'cluster',
    `${plan.name}-eks-cluster`,
    'eks.amazonaws.com',
    // Windows pods get their IP addresses from the VPC resource controller, which acts with the cluster
    // role: AWS's Windows support steps attach this policy to it (eks/latest/userguide/windows-support.html).
    ['AmazonEKSClusterPolicy', ...(windows ? ['AmazonEKSVPCResourceController'] : [])],
    [
      windows
        ? 'The EKS control plane manages AWS resources for the cluster with this role, and the VPC resource controller the network interfaces and IP addresses of the Windows nodes.'
        : 'The EKS control plane manages AWS resources for the cluster with this role.',
    ],
    ['sts:AssumeRole', 'sts:TagSession'],
  );
  if (plan.pools.length > 0)
    blocks.push(
      ...role('nodes', `${plan.name}-eks-nodes`, 'ec2.amazonaws.com', NODE_POLICIES, [
        'Managed node groups; SSM Session Manager replaces SSH.',
      ]),
    );
  if (windows) blocks.push(...windowsNodeAccess(plan));
  if (plan.services.some((s) => s.compute === 'fargate'))
    blocks.push(
      ...role(
        'fargate_pods',
        `${plan.name}-eks-fargate-pods`,
        'eks-fargate-pods.amazonaws.com',
        ['AmazonEKSFargatePodExecutionRolePolicy'],
        ['Fargate pulls images and registers pods with this role.'],
      ),
    );
  if (needsEbsCsi(plan))
    blocks.push(
      ...role(
        'ebs_csi',
        `${plan.name}-ebs-csi`,
        'pods.eks.amazonaws.com',
        ['service-role/AmazonEBSCSIDriverPolicy'],
        ['The EBS CSI driver creates and attaches the volumes of StatefulSets (via EKS Pod Identity).'],
        ['sts:AssumeRole', 'sts:TagSession'],
      ),
    );
  return blocks;
}

/**
 * Windows nodes join with a role of their own and an access entry of type EC2_WINDOWS, made before their node
 * groups. The cluster authenticates by access entries only (API), an IAM role can be in one access entry
 * only, and only an EC2_WINDOWS entry gives a node what Windows nodes need (EC2_LINUX gives Linux nodes
 * theirs): the Linux node groups' role (the system group's at least) cannot serve both. EKS may create a
 * managed node group's entry as EC2_LINUX whatever its AMI, so the entry is made first, as AWS advises.
 * https://docs.aws.amazon.com/eks/latest/userguide/creating-access-entries.html,
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html and
 * https://github.com/aws/containers-roadmap/issues/2327
 */
function windowsNodeAccess(plan: StackPlan): HclBlock[] {
  return [
    ...role('windows_nodes', `${plan.name}-eks-windows-nodes`, 'ec2.amazonaws.com', NODE_POLICIES, [
      'Windows managed node groups: a role apart from the Linux nodes, with an EC2_WINDOWS access entry.',
    ]),
    resource('aws_eks_access_entry', 'windows_nodes', [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('principal_arn', expr('aws_iam_role.windows_nodes.arn')),
      attr('type', 'EC2_WINDOWS'),
    ]),
  ];
}

function needsEbsCsi(plan: StackPlan): boolean {
  return plan.services.some((s) => s.persistentVolume !== null && s.compute === 'ec2');
}

/** The KMS key of the cluster's secrets and the log group of its control plane, created before it. */
export function eksClusterEncryption(plan: StackPlan): [HclBlock, HclBlock] {
  return [
    resource(
      'aws_kms_key',
      'eks_secrets',
      [
        attr('description', `Envelope encryption of the Kubernetes secrets of ${plan.name}`),
        attr('enable_key_rotation', true),
        attr('deletion_window_in_days', 30),
      ],
      [
        'Kubernetes secrets are encrypted with this key on top of EBS encryption of etcd.',
        'https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html',
        'A customer managed key costs $1 a month, plus $1 a month for each of its first two yearly rotations:',
        'https://aws.amazon.com/kms/pricing/',
      ],
    ),
    resource(
      'aws_cloudwatch_log_group',
      'cluster',
      [
        attr('name', `/aws/eks/${plan.name}/cluster`),
        attr('retention_in_days', expr('var.log_retention_days')),
      ],
      ['Created here, before the cluster, so control plane logs get a retention period.'],
    ),
  ];
}

/**
 * The part of every EKS cluster resource Berth writes alike, self-managed nodes or Auto Mode: the API
 * endpoint in the private subnets (public only from the given CIDRs), the support policy the workload asks
 * for, and the secrets encrypted with the key of eksClusterEncryption().
 */
export function eksClusterEndpointSupportAndSecrets(plan: StackPlan): HclItem[] {
  return [
    nested('vpc_config', [
      attr('subnet_ids', expr('var.private_subnet_ids')),
      attr('endpoint_private_access', true),
      attr('endpoint_public_access', true),
      attr('public_access_cidrs', expr('var.cluster_endpoint_public_access_cidrs')),
    ]),
    comment(
      plan.eksSupportType === 'STANDARD'
        ? 'Standard support: EKS upgrades the control plane when the version leaves standard support instead of charging for extended support.'
        : 'Extended support, as the workload requires: the version may stay up to 12 more months, at the extended-support price.',
      'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    ),
    nested('upgrade_policy', [attr('support_type', plan.eksSupportType)]),
    nested('encryption_config', [
      attr('resources', ['secrets']),
      nested('provider', [attr('key_arn', expr('aws_kms_key.eks_secrets.arn'))]),
    ]),
  ];
}

function clusterBlocks(plan: StackPlan): HclBlock[] {
  return [
    ...eksClusterEncryption(plan),
    resource(
      'aws_eks_cluster',
      'this',
      [
        attr('name', plan.name),
        attr('version', expr('var.kubernetes_version')),
        attr('role_arn', expr('aws_iam_role.cluster.arn')),
        attr('enabled_cluster_log_types', ['api', 'audit', 'authenticator']),
        comment('The add-ons in addons.tf are managed by EKS rather than installed as self-managed copies.'),
        attr('bootstrap_self_managed_addons', false),
        nested('access_config', [
          attr('authentication_mode', 'API'),
          attr('bootstrap_cluster_creator_admin_permissions', true),
        ]),
        ...eksClusterEndpointSupportAndSecrets(plan),
        attr('depends_on', [
          expr(policyAttachment('cluster', 'AmazonEKSClusterPolicy')),
          expr('aws_cloudwatch_log_group.cluster'),
        ]),
      ],
      [`${plan.candidate.label} for ${plan.name}.`],
    ),
  ];
}

function addonBlocks(plan: StackPlan): HclBlock[] {
  const nodes = eksNodePools(plan).length > 0;
  const compute = eksComputeLabels(plan).map((l) => expr(l));
  const addon = (label: string, name: string, body: (HclItem | false)[], notes: string[] = []) =>
    resource(
      'aws_eks_addon',
      label,
      [attr('cluster_name', expr('aws_eks_cluster.this.name')), attr('addon_name', name), ...body],
      notes,
    );
  const blocks: HclBlock[] = [];
  if (nodes) {
    blocks.push(
      addon(
        'vpc_cni',
        'vpc-cni',
        [],
        ['Pod networking on the nodes; installed before the node groups so nodes become Ready.'],
      ),
      addon('kube_proxy', 'kube-proxy', []),
      addon(
        'pod_identity_agent',
        'eks-pod-identity-agent',
        [],
        ['Gives pods the IAM roles of their service accounts (EKS Pod Identity).'],
      ),
    );
  }
  const fargateOnly = !nodes;
  // The system node group's cost line holds CoreDNS, and the priced worker fleet leaves it out, so it is
  // kept there: https://aws.amazon.com/blogs/containers/amazon-eks-add-ons-advanced-configuration/
  const onSystemNodes = plan.systemNodes !== null;
  blocks.push(
    addon(
      'coredns',
      'coredns',
      [
        fargateOnly && attr('configuration_values', fn('jsonencode', { computeType: 'fargate' })),
        onSystemNodes &&
          attr('configuration_values', fn('jsonencode', { nodeSelector: { [POOL_LABEL]: SYSTEM_POOL } })),
        attr('depends_on', compute),
      ],
      fargateOnly
        ? ['CoreDNS configured for Fargate, as the cluster has no nodes.']
        : onSystemNodes
          ? [
              'CoreDNS runs on the system node group, which is priced with it; the worker fleet leaves room for none.',
            ]
          : [],
    ),
  );
  if (plan.services.some((s) => s.replicas.autoscaled)) {
    blocks.push(
      addon(
        'metrics_server',
        'metrics-server',
        [attr('depends_on', compute)],
        [
          'The HorizontalPodAutoscalers read CPU use from metrics-server, which EKS does not install by default.',
        ],
      ),
    );
  }
  if (needsEbsCsi(plan)) {
    blocks.push(
      addon(
        'ebs_csi_driver',
        'aws-ebs-csi-driver',
        [
          nested('pod_identity_association', [
            attr('role_arn', expr('aws_iam_role.ebs_csi.arn')),
            attr('service_account', 'ebs-csi-controller-sa'),
          ]),
          attr('depends_on', [...compute, expr('aws_eks_addon.pod_identity_agent')]),
        ],
        ['Provisions the gp3 volumes of the StatefulSets.'],
      ),
    );
  }
  return blocks;
}

/** The outputs every EKS stack has: the cluster, its endpoint, how to reach it, and the namespace. */
export function eksClusterOutputs(plan: StackPlan): HclBlock[] {
  return [
    output('cluster_name', expr('aws_eks_cluster.this.name'), 'Name of the EKS cluster.'),
    output('cluster_endpoint', expr('aws_eks_cluster.this.endpoint'), 'Kubernetes API endpoint.'),
    output(
      'kubeconfig_command',
      template(
        'aws eks update-kubeconfig --region ',
        expr('var.region'),
        ' --name ',
        expr('aws_eks_cluster.this.name'),
      ),
      'Writes a kubeconfig entry for the cluster.',
    ),
    output('namespace', plan.name, 'Namespace of the workload (the Kubernetes manifests create it).'),
  ];
}

function outputs(plan: StackPlan): HclBlock[] {
  return [
    ...eksClusterOutputs(plan),
    ...eksQueueOutputs(plan),
    ...(usesKarpenter(plan)
      ? [
          output(
            'karpenter_interruption_queue',
            expr('aws_sqs_queue.karpenter.name'),
            'SQS queue Karpenter reads interruption events from (platform/ configures it).',
          ),
          output(
            'karpenter_node_role',
            expr('aws_iam_role.karpenter_nodes.name'),
            'IAM role of the nodes Karpenter launches (the EC2NodeClasses in platform/ name it).',
          ),
        ]
      : []),
  ];
}
