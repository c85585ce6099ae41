/** @module eks-compute: the compute of an EKS stack in Terraform: managed node groups and Fargate profiles. */
import {
  type EksNodePool,
  eksAmiType,
  eksNamespace,
  eksNodePools,
  FARGATE_LABEL,
  POOL_LABEL,
} from '../eks.js';
import { attr, comment, expr, type HclBlock, nested } from '../hcl.js';
import { toAwsName, toTerraformLabel } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { policyAttachment, resource } from './terraform-blocks.js';

export const NODE_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonSSMManagedInstanceCore',
];

export function eksNodeGroupBlocks(plan: StackPlan): HclBlock[] {
  return eksNodePools(plan).flatMap((pool) => nodeGroupBlocks(plan, pool));
}

/** The node groups and profiles that must exist before add-ons that run pods (CoreDNS, metrics-server). */
export function eksComputeLabels(plan: StackPlan): string[] {
  return [
    ...eksNodePools(plan).map((p) => `aws_eks_node_group.${toTerraformLabel(p.name)}`),
    ...fargateProfiles(plan).map((p) => `aws_eks_fargate_profile.${p.label}`),
  ];
}

function nodeGroupBlocks(plan: StackPlan, pool: EksNodePool): HclBlock[] {
  const id = toTerraformLabel(pool.name);
  const notes = pool.system
    ? [
        'Linux nodes for CoreDNS and other system pods: EKS needs them beside Windows nodes, and Berth does not price them.',
        'https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html',
      ]
    : [
        `Node pool "${pool.name}": the optimizer's fleet is ${pool.peak.map((l) => `${l.count} × ${l.instanceType}`).join(' + ')} at peak, ${pool.typical.length === 0 ? 'none' : pool.typical.map((l) => `${l.count} × ${l.instanceType}`).join(' + ')} at the median hour.`,
        ...pool.notes.map((n) => `Note: ${n}.`),
        `min ${pool.minSize}, desired ${pool.desiredSize}, max ${pool.maxSize}; a node autoscaler (Cluster Autoscaler or Karpenter) moves it within that range.`,
        ...(pool.spot ? ['Spot, as priced: every service on it tolerates interruption.'] : []),
        ...(pool.gpu
          ? [
              pool.taints.length > 0
                ? 'GPU nodes are tainted so only pods that tolerate it (the GPU services and any the optimizer packed beside them) land here.'
                : 'The only Linux nodes: system pods (CoreDNS) share them with the GPU service, as Berth sized the fleet.',
              'GPU pods need the NVIDIA device plugin: https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-k8s-device-plugin.html',
            ]
          : []),
      ];
  return [
    resource('aws_launch_template', `nodes_${id}`, [
      attr('name_prefix', `${toAwsName([plan.name, pool.name], 120)}-`),
      attr('update_default_version', true),
      comment('IMDSv2 only; pods get AWS credentials from EKS Pod Identity, not the node role.'),
      nested('metadata_options', [
        attr('http_endpoint', 'enabled'),
        attr('http_tokens', 'required'),
        attr('http_put_response_hop_limit', 2),
      ]),
      pool.dedicated && comment('Single-tenant hardware, as the workload requires and Berth priced.'),
      pool.dedicated && nested('placement', [attr('tenancy', 'dedicated')]),
      nested('tag_specifications', [
        attr('resource_type', 'instance'),
        attr('tags', { Name: toAwsName([plan.name, pool.name], 255) }),
      ]),
    ]),
    resource(
      'aws_eks_node_group',
      id,
      [
        attr('cluster_name', expr('aws_eks_cluster.this.name')),
        attr('node_group_name', pool.name),
        attr('node_role_arn', expr('aws_iam_role.nodes.arn')),
        attr('subnet_ids', expr('var.private_subnet_ids')),
        attr('ami_type', eksAmiType(pool)),
        attr('capacity_type', pool.spot ? 'SPOT' : 'ON_DEMAND'),
        attr('instance_types', pool.instanceTypes),
        attr('labels', { [POOL_LABEL]: pool.name }),
        nested('scaling_config', [
          attr('min_size', pool.minSize),
          attr('desired_size', pool.desiredSize),
          attr('max_size', pool.maxSize),
        ]),
        nested('update_config', [attr('max_unavailable', 1)]),
        nested('launch_template', [
          attr('id', expr(`aws_launch_template.nodes_${id}.id`)),
          attr('version', expr(`aws_launch_template.nodes_${id}.latest_version`)),
        ]),
        ...pool.taints.map((t) =>
          nested('taint', [attr('key', t.key), attr('value', t.value), attr('effect', 'NO_SCHEDULE')]),
        ),
        nested('lifecycle', [attr('ignore_changes', [expr('scaling_config[0].desired_size')])]),
        attr('depends_on', [
          ...NODE_POLICIES.map((p) => expr(policyAttachment('nodes', p))),
          expr('aws_eks_addon.vpc_cni'),
        ]),
      ],
      notes,
    ),
  ];
}

export interface FargateProfilePlan {
  label: string;
  name: string;
  namespace: string;
  labels: Record<string, string> | null;
  comment: string;
}

/**
 * Pods match a Fargate profile by namespace and labels. In a mixed cluster only pods labelled for Fargate
 * go there; a Fargate-only cluster also runs kube-system (CoreDNS, metrics-server) on Fargate.
 * https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html
 */
export function fargateProfiles(plan: StackPlan): FargateProfilePlan[] {
  const fargate = plan.services.filter((s) => s.compute === 'fargate');
  if (fargate.length === 0) return [];
  const namespace = eksNamespace(plan);
  const mixed = plan.services.some((s) => s.compute === 'ec2');
  const profiles: FargateProfilePlan[] = [
    {
      label: 'workload',
      name: namespace,
      namespace,
      labels: mixed ? { [FARGATE_LABEL]: 'true' } : null,
      comment: mixed
        ? `Pods of ${fargate.map((s) => s.name).join(', ')} carry ${FARGATE_LABEL}=true and run on Fargate.`
        : `Every pod in namespace ${namespace} runs on Fargate.`,
    },
  ];
  if (!mixed)
    profiles.push({
      label: 'kube_system',
      name: 'kube-system',
      namespace: 'kube-system',
      labels: null,
      comment: 'No nodes: CoreDNS and metrics-server run on Fargate too.',
    });
  return profiles;
}

export function eksFargateBlocks(plan: StackPlan): HclBlock[] {
  return fargateProfiles(plan).map((profile) =>
    resource(
      'aws_eks_fargate_profile',
      profile.label,
      [
        attr('cluster_name', expr('aws_eks_cluster.this.name')),
        attr('fargate_profile_name', profile.name),
        attr('pod_execution_role_arn', expr('aws_iam_role.fargate_pods.arn')),
        attr('subnet_ids', expr('var.private_subnet_ids')),
        nested('selector', [
          attr('namespace', profile.namespace),
          profile.labels !== null && attr('labels', profile.labels),
        ]),
        attr('depends_on', [
          expr(policyAttachment('fargate_pods', 'AmazonEKSFargatePodExecutionRolePolicy')),
        ]),
      ],
      [profile.comment],
    ),
  );
}
