/**
 * @module eks-cluster-autoscaler: the AWS side of Cluster Autoscaler, which grows the Windows and
 * dedicated-tenancy node pools Karpenter does not serve: its IAM role and policy (EKS Pod Identity) and the
 * Auto Scaling group tags it discovers its node groups by. Its install is in platform/.
 * https://docs.aws.amazon.com/eks/latest/best-practices/cas.html
 */
import { clusterAutoscalerPools, type EksNodeGroup, POOL_LABEL } from '../eks.js';
import { attr, expr, type HclBlock, type HclValue, nested } from '../hcl.js';
import { toAwsName } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { resource, role, rolePolicy } from './terraform-blocks.js';

export const CLUSTER_AUTOSCALER_NAMESPACE = 'kube-system';
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = 'cluster-autoscaler';

/**
 * The tag key Cluster Autoscaler discovers its node groups by, with the cluster's own key beside it. EKS
 * tags the Auto Scaling group of every managed node group with `k8s.io/cluster-autoscaler/enabled`
 * (https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html), the system group's and
 * Karpenter's fixed groups included, so discovering by that key would let Cluster Autoscaler move groups
 * it must leave alone; only the groups of its own pools carry this key.
 */
export const DISCOVERY_TAG = 'berth.dev/cluster-autoscaler';

export function clusterDiscoveryTag(clusterName: string): string {
  return `k8s.io/cluster-autoscaler/${clusterName}`;
}

export function usesClusterAutoscaler(plan: StackPlan): boolean {
  return clusterAutoscalerPools(plan).length > 0;
}

export function clusterAutoscalerBlocks(plan: StackPlan): HclBlock[] {
  if (!usesClusterAutoscaler(plan)) return [];
  return [
    ...role(
      'cluster_autoscaler',
      toAwsName([plan.name, 'cluster-autoscaler'], 64),
      'pods.eks.amazonaws.com',
      [],
      ['Cluster Autoscaler assumes this role through EKS Pod Identity.'],
      ['sts:AssumeRole', 'sts:TagSession'],
    ),
    rolePolicy('cluster_autoscaler', 'cluster_autoscaler', 'cluster-autoscaler', controllerStatements(plan), [
      'Reads Auto Scaling groups, launch templates and instance types; changes the size of, and removes',
      `nodes from, only the groups tagged ${DISCOVERY_TAG} = ${plan.name}: the Windows and dedicated-tenancy`,
      'groups of this cluster, never the system group. Permissions as the EKS best practices guide lists them:',
      'https://docs.aws.amazon.com/eks/latest/best-practices/cas.html',
    ]),
    resource('aws_eks_pod_identity_association', 'cluster_autoscaler', [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('namespace', CLUSTER_AUTOSCALER_NAMESPACE),
      attr('service_account', CLUSTER_AUTOSCALER_SERVICE_ACCOUNT),
      attr('role_arn', expr('aws_iam_role.cluster_autoscaler.arn')),
    ]),
  ];
}

function controllerStatements(plan: StackPlan): HclValue[] {
  return [
    {
      Sid: 'Read',
      Effect: 'Allow',
      Action: [
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeLaunchConfigurations',
        'autoscaling:DescribeScalingActivities',
        'autoscaling:DescribeTags',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplateVersions',
        'ec2:GetInstanceTypesFromInstanceRequirements',
        'eks:DescribeNodegroup',
      ],
      Resource: '*',
    },
    {
      Sid: 'ScaleOwnGroups',
      Effect: 'Allow',
      Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      Resource: '*',
      Condition: { StringEquals: { [`aws:ResourceTag/${DISCOVERY_TAG}`]: plan.name } },
    },
  ];
}

/**
 * The tags of a node group's Auto Scaling group: the two discovery keys, and the node template (the pool
 * label, OS and architecture the pods select, and the pool's taints), which Cluster Autoscaler reads to know what a node of a group scaled to zero would
 * hold. EKS does not copy node group tags to the Auto Scaling group, so they are set on it directly.
 * https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#auto-discovery-setup
 */
export function asgTags(plan: StackPlan, group: EksNodeGroup): Record<string, string> {
  const template = 'k8s.io/cluster-autoscaler/node-template';
  const tags: Record<string, string> = {
    [DISCOVERY_TAG]: plan.name,
    [clusterDiscoveryTag(plan.name)]: 'owned',
    [`${template}/label/${POOL_LABEL}`]: group.pool.name,
    [`${template}/label/kubernetes.io/os`]: group.pool.os,
    // Pods select the architecture by its Kubernetes name.
    [`${template}/label/kubernetes.io/arch`]: group.pool.architecture === 'arm64' ? 'arm64' : 'amd64',
  };
  for (const taint of group.pool.taints) tags[`${template}/taint/${taint.key}`] = `${taint.value}:NoSchedule`;
  return tags;
}

export function asgTagBlock(plan: StackPlan, group: EksNodeGroup): HclBlock {
  return resource(
    'aws_autoscaling_group_tag',
    group.label,
    [
      attr('for_each', asgTags(plan, group)),
      attr(
        'autoscaling_group_name',
        expr(`aws_eks_node_group.${group.label}.resources[0].autoscaling_groups[0].name`),
      ),
      nested('tag', [
        attr('key', expr('each.key')),
        attr('value', expr('each.value')),
        attr('propagate_at_launch', false),
      ]),
    ],
    [`Cluster Autoscaler finds and grows ${group.name} by these tags.`],
  );
}
