/** @module eks-compute: the compute of an EKS stack in Terraform: managed node groups and Fargate profiles. */
import { otherHours } from '../../deployment/node-pools.js';
import {
  clusterAutoscalerPools,
  type EksNodeGroup,
  type EksNodePool,
  eksAmiType,
  eksBaseline,
  eksNamespace,
  eksNodeGroups,
  eksNodePools,
  FARGATE_LABEL,
  karpenterPools,
  POOL_LABEL,
  pricedCeiling,
} from '../eks.js';
import { attr, comment, expr, fn, type HclBlock, nested } from '../hcl.js';
import { toAwsName, toTerraformLabel } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { asgTagBlock } from './eks-cluster-autoscaler.js';
import { rootVolumeBlock } from './root-volume.js';
import { policyAttachment, resource } from './terraform-blocks.js';

export const NODE_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonSSMManagedInstanceCore',
];

export function eksNodeGroupBlocks(plan: StackPlan): HclBlock[] {
  const groups = eksNodeGroups(plan);
  const karpenter = new Set(karpenterPools(plan).map((p) => p.name));
  const clusterAutoscaler = clusterAutoscalerPools(plan).length > 0;
  return eksNodePools(plan).flatMap((pool) => {
    const own = groups.filter((g) => g.pool.name === pool.name);
    if (own.length === 0) return [];
    return [
      launchTemplate(
        plan,
        pool,
        pool.system && karpenter.size > 0 && clusterAutoscaler
          ? bothAutoscalersNotes(pool)
          : poolNotes(pool, pool.system ? karpenter.size > 0 : karpenter.has(pool.name)),
      ),
      ...own.flatMap((group) =>
        group.autoscaled ? [nodeGroupBlock(group), asgTagBlock(plan, group)] : [nodeGroupBlock(group)],
      ),
    ];
  });
}

/** The node groups and profiles that must exist before add-ons that run pods (CoreDNS, metrics-server). */
export function eksComputeLabels(plan: StackPlan): string[] {
  return [
    ...eksNodeGroups(plan).map((g) => `aws_eks_node_group.${g.label}`),
    ...fargateProfiles(plan).map((p) => `aws_eks_fargate_profile.${p.label}`),
  ];
}

/** A fleet as `2 × m7g.large + 1 × m7g.xlarge`, for comments. */
export function fleetText(lines: readonly { instanceType: string; count: number }[]): string {
  return lines.length === 0 ? 'no nodes' : lines.map((l) => `${l.count} × ${l.instanceType}`).join(' + ');
}

/** Each type of a pool at the most nodes the priced fleet runs of it. */
/** Each type's priced ceiling, `2 × m5a.large, 1 × m5a.xlarge`: per type, each at its own hour, so not one fleet. */
function ceilingLines(pool: EksNodePool): string {
  return pool.instanceTypes.map((type) => `${pricedCeiling(pool, type)} × ${type}`).join(', ');
}

/** Why Cluster Autoscaler, not Karpenter, grows a Windows or dedicated-tenancy pool. */
function whyNotKarpenter(pool: EksNodePool): string {
  if (pool.dedicated)
    return 'it cannot launch dedicated-tenancy instances (https://github.com/aws/karpenter-provider-aws/issues/4633)';
  return "it launches Windows nodes, but its limits cap a pool's total vCPU and memory, not each type's count, which one group per type does";
}

/** The system pool of a cluster whose Linux pools Karpenter grows and whose Windows pools Cluster Autoscaler grows. */
function bothAutoscalersNotes(pool: EksNodePool): string[] {
  return [
    `Linux nodes for system pods: ${fleetText(pool.peak)}, priced on the recommendation's "EKS system nodes" line.`,
    'Karpenter (the Linux pools) and Cluster Autoscaler (the Windows pools) run here, off the nodes they manage; neither runs on Windows nodes,',
    'EKS Pod Identity does not work on Fargate, and beside Windows nodes EKS needs Linux nodes for CoreDNS.',
    'https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html',
  ];
}

/** What a reviewer should know about a pool: the fleet Berth priced and who launches which part of it. */
function poolNotes(pool: EksNodePool, karpenter: boolean): string[] {
  if (pool.system)
    return [
      `Linux nodes for system pods: ${fleetText(pool.peak)}, priced on the recommendation's "EKS system nodes" line.`,
      karpenter
        ? 'Karpenter must not run on nodes it manages, and EKS Pod Identity does not work on Fargate; where Windows nodes run, EKS also needs Linux nodes for CoreDNS.'
        : 'Cluster Autoscaler runs here, off the nodes it manages (and never on Windows nodes), and EKS Pod Identity does not work on Fargate; where Windows nodes run, EKS also needs Linux nodes for CoreDNS.',
      'https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html',
    ];
  return [
    `Node pool "${pool.name}": Berth priced ${fleetText(pool.peak)} at the busiest hour and ${fleetText(pool.typical)} at the median hour${otherHours(pool)}.`,
    ...(karpenter
      ? [
          `The node groups below keep ${fleetText(eksBaseline(pool))} running all week, one group per instance type at a fixed size, so EKS launches exactly these types:`,
          "the fleet's floor, the nodes every minute of the priced week runs, so the nodes kept never exceed what was priced.",
          'Karpenter (platform/karpenter.tf) adds nodes of the same types above that, up to the most vCPU and memory any priced hour runs plus one node of room for rolling updates, and removes them when they empty.',
        ]
      : [
          `One node group per instance type, so EKS launches exactly these types. Each keeps its part of the fleet's floor (${fleetText(eksBaseline(pool))}),`,
          'the nodes every minute of the priced week runs. Cluster Autoscaler (platform/cluster-autoscaler.tf) adds nodes when pods wait, up to',
          `the most of each type any hour of the priced week runs (${ceilingLines(pool)}), and removes idle ones down to the floor.`,
          `Not Karpenter: ${whyNotKarpenter(pool)}. See docs/starter-code.md#node-autoscaling in Berth.`,
        ]),
    ...(pool.spot ? ['Spot, as priced: every service on it tolerates interruption.'] : []),
    ...(pool.gpu
      ? [
          pool.taints.length > 0
            ? 'GPU nodes are tainted so only pods that tolerate it (the GPU services and any the optimizer packed beside them) land here.'
            : 'The only Linux nodes: system pods (CoreDNS) share them with the GPU service, as Berth sized the fleet.',
          'GPU pods need the NVIDIA device plugin, installed by platform/nvidia-device-plugin.tf: https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-k8s-device-plugin.html',
        ]
      : []),
  ];
}

function launchTemplate(plan: StackPlan, pool: EksNodePool, notes: string[]): HclBlock {
  const id = toTerraformLabel(pool.name);
  return resource(
    'aws_launch_template',
    `nodes_${id}`,
    [
      attr('name_prefix', `${toAwsName([plan.name, pool.name], 120)}-`),
      attr('update_default_version', true),
      comment(
        'IMDSv2 only, one hop: pods (in their own network namespace) cannot reach the node role; they get AWS',
        'credentials from EKS Pod Identity, and the node autoscaler and load balancer controller are given their region.',
      ),
      nested('metadata_options', [
        attr('http_endpoint', 'enabled'),
        attr('http_tokens', 'required'),
        attr('http_put_response_hop_limit', 1),
      ]),
      ...(pool.system ? [] : rootVolumeBlock(plan, pool)),
      pool.dedicated && comment('Single-tenant hardware, as the workload requires and Berth priced.'),
      pool.dedicated && nested('placement', [attr('tenancy', 'dedicated')]),
      comment(
        'Provider default_tags do not reach what a launch template launches: the instances and their volumes',
        'get the stack tags here: https://github.com/hashicorp/terraform-provider-aws/issues/19387',
      ),
      ...(['instance', 'volume'] as const).map((resourceType) =>
        nested('tag_specifications', [
          attr('resource_type', resourceType),
          attr('tags', fn('merge', expr('local.tags'), { Name: toAwsName([plan.name, pool.name], 255) })),
        ]),
      ),
    ],
    notes,
  );
}

function nodeGroupBlock(group: EksNodeGroup): HclBlock {
  const { pool } = group;
  const id = toTerraformLabel(pool.name);
  // Windows nodes join with their own role and EC2_WINDOWS access entry (eks-stack.ts windowsNodeAccess).
  const nodeRole = pool.os === 'windows' ? 'windows_nodes' : 'nodes';
  return resource(
    'aws_eks_node_group',
    group.label,
    [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('node_group_name', group.name),
      attr('node_role_arn', expr(`aws_iam_role.${nodeRole}.arn`)),
      attr('subnet_ids', expr('var.private_subnet_ids')),
      attr('ami_type', eksAmiType(pool)),
      attr('capacity_type', pool.spot ? 'SPOT' : 'ON_DEMAND'),
      attr('instance_types', [group.instanceType]),
      attr('labels', { [POOL_LABEL]: pool.name }),
      nested('scaling_config', [
        attr('min_size', group.min),
        attr('desired_size', group.desired),
        attr('max_size', group.max),
      ]),
      nested('update_config', [attr('max_unavailable', 1)]),
      nested('launch_template', [
        attr('id', expr(`aws_launch_template.nodes_${id}.id`)),
        attr('version', expr(`aws_launch_template.nodes_${id}.latest_version`)),
      ]),
      ...pool.taints.map((t) =>
        nested('taint', [attr('key', t.key), attr('value', t.value), attr('effect', 'NO_SCHEDULE')]),
      ),
      attr('depends_on', [
        ...NODE_POLICIES.map((p) => expr(policyAttachment(nodeRole, p))),
        ...(nodeRole === 'windows_nodes' ? [expr('aws_eks_access_entry.windows_nodes')] : []),
        expr('aws_eks_addon.vpc_cni'),
      ]),
      group.autoscaled &&
        nested('lifecycle', [
          comment(
            'Cluster Autoscaler owns the desired size once the group exists; Terraform keeps min and max.',
          ),
          attr('ignore_changes', [expr('scaling_config[0].desired_size')]),
        ]),
    ],
    [
      group.autoscaled
        ? `${group.min} to ${group.max} × ${group.instanceType}: from the priced floor to the most the priced fleet runs, grown by Cluster Autoscaler.`
        : `${group.desired} × ${group.instanceType}, fixed.`,
    ],
  );
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
