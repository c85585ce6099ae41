/**
 * @module eks-auto-mode-stack: the Terraform files of an EKS Auto Mode candidate: the cluster with Auto
 * Mode's compute, load balancing and block storage turned on, its two IAM roles, the nodes' access entry
 * and subnet tags; platform/ applies the NodeClass and NodePools built from the priced fleet.
 */
import { otherHours } from '../../deployment/node-pools.js';
import type { IacFile } from '../../model/iac.js';
import { attr, comment, expr, type HclBlock, type HclItem, nested, renderHcl } from '../hcl.js';
import { autoModeNodeRoleName, autoModePools } from '../kubernetes/auto-mode-node-pools.js';
import { DISCOVERY_TAG } from '../kubernetes/karpenter-node-pools.js';
import type { StackPlan } from '../stack-plan.js';
import { zonesWanted } from '../stack-plan.js';
import { renderAutoModePlatform } from './eks-auto-mode-platform.js';
import { fleetText } from './eks-compute.js';
import { eksQueueBlocks, eksQueueOutputs } from './eks-queue.js';
import {
  eksClusterEncryption,
  eksClusterEndpointSupportAndSecrets,
  eksClusterOutputs,
  KUBERNETES_VERSION,
} from './eks-stack.js';
import {
  commonVariables,
  output,
  policyAttachment,
  resource,
  role,
  settingsFile,
  variable,
} from './terraform-blocks.js';

/**
 * The policies AWS documents for the cluster role of an Auto Mode cluster, which EKS uses to launch nodes,
 * create load balancers and volumes, and manage networking.
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html
 */
export const AUTO_MODE_CLUSTER_POLICIES = [
  'AmazonEKSClusterPolicy',
  'AmazonEKSComputePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
];

/** The node role's policies. https://docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html */
export const AUTO_MODE_NODE_POLICIES = [
  'AmazonEKSWorkerNodeMinimalPolicy',
  'AmazonEC2ContainerRegistryPullOnly',
];

/** The EKS access policy nodes of a custom NodeClass need. https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html */
export const AUTO_NODE_ACCESS_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy';

export function renderEksAutoModeTerraform(plan: StackPlan): IacFile[] {
  const queues = eksQueueBlocks(plan);
  return [
    file('versions.tf', settingsFile(plan)),
    file('variables.tf', variables(plan)),
    file('iam.tf', iamBlocks(plan)),
    file('cluster.tf', clusterBlocks(plan)),
    file('nodes.tf', nodeBlocks(plan)),
    ...(queues.length > 0 ? [file('queues.tf', queues)] : []),
    file('outputs.tf', outputs(plan)),
    ...renderAutoModePlatform(plan),
  ];
}

function file(path: string, items: readonly HclItem[]): IacFile {
  return { path, contents: renderHcl(items) };
}

function hasPublicLoadBalancer(plan: StackPlan): boolean {
  return plan.loadBalancers.some((lb) => lb.scheme === 'public');
}

function variables(plan: StackPlan): HclBlock[] {
  return [
    ...commonVariables(plan, { images: false }),
    variable('kubernetes_version', 'string', 'Kubernetes version of the control plane.', {
      default: KUBERNETES_VERSION,
    }),
    variable(
      'cluster_endpoint_public_access_cidrs',
      'list(string)',
      'CIDR blocks allowed to reach the Kubernetes API endpoint from the internet (your office or VPN); the endpoint is also reachable from the VPC.',
    ),
    ...(hasPublicLoadBalancer(plan)
      ? [
          variable(
            'public_subnet_ids',
            'list(string)',
            `Public subnets for the internet-facing load balancer, in ${zonesWanted(plan)}.`,
            {
              validation: {
                condition: `length(var.public_subnet_ids) >= ${plan.availabilityZones}`,
                message: `Give public subnets in ${zonesWanted(plan)}.`,
              },
            },
          ),
        ]
      : []),
  ];
}

function iamBlocks(plan: StackPlan): HclBlock[] {
  return [
    ...role(
      'cluster',
      `${plan.name}-eks-cluster`,
      'eks.amazonaws.com',
      AUTO_MODE_CLUSTER_POLICIES,
      [
        'The EKS control plane, and Auto Mode launching nodes, load balancers and volumes, use this role;',
        'Auto Mode tags what it creates, hence sts:TagSession.',
        'https://docs.aws.amazon.com/eks/latest/userguide/auto-cluster-iam-role.html',
      ],
      ['sts:AssumeRole', 'sts:TagSession'],
    ),
    ...role('auto_nodes', autoModeNodeRoleName(plan), 'ec2.amazonaws.com', AUTO_MODE_NODE_POLICIES, [
      'The nodes Auto Mode launches use this role (the NodeClass in platform/ names it).',
      'https://docs.aws.amazon.com/eks/latest/userguide/auto-create-node-role.html',
    ]),
  ];
}

function clusterBlocks(plan: StackPlan): HclBlock[] {
  const [key, logGroup] = eksClusterEncryption(plan);
  return [
    key,
    logGroup,
    resource(
      'aws_eks_cluster',
      'this',
      [
        attr('name', plan.name),
        attr('version', expr('var.kubernetes_version')),
        attr('role_arn', expr('aws_iam_role.cluster.arn')),
        attr('enabled_cluster_log_types', ['api', 'audit', 'authenticator']),
        comment(
          'Auto Mode runs the VPC CNI, kube-proxy, CoreDNS, EKS Pod Identity, the EBS CSI driver, the load',
          'balancer controller and the node autoscaler itself, so none is installed as an add-on.',
          'https://docs.aws.amazon.com/eks/latest/userguide/automode.html',
        ),
        attr('bootstrap_self_managed_addons', false),
        nested('access_config', [
          attr('authentication_mode', 'API'),
          attr('bootstrap_cluster_creator_admin_permissions', true),
        ]),
        comment(
          'Auto Mode on, without its built-in node pools: their general-purpose pool may launch any type,',
          'and Berth priced given types. The NodePools in platform/ launch those types only; with no built-in',
          'pool there is no default NodeClass and no node role here (the NodeClass names it).',
          'https://docs.aws.amazon.com/eks/latest/userguide/create-node-pool.html',
        ),
        nested('compute_config', [attr('enabled', true)]),
        comment('Compute, load balancing and block storage are turned on together.'),
        nested('kubernetes_network_config', [nested('elastic_load_balancing', [attr('enabled', true)])]),
        nested('storage_config', [nested('block_storage', [attr('enabled', true)])]),
        ...eksClusterEndpointSupportAndSecrets(plan),
        attr('depends_on', [
          ...AUTO_MODE_CLUSTER_POLICIES.map((p) => expr(policyAttachment('cluster', p))),
          expr('aws_cloudwatch_log_group.cluster'),
        ]),
      ],
      [`${plan.candidate.label} for ${plan.name}.`, ...pricedFleet(plan)],
    ),
  ];
}

/** The priced fleet, pool by pool, for the reviewer of the cluster. */
function pricedFleet(plan: StackPlan): string[] {
  return [
    'Priced fleet (what the recommendation bills), which the NodePools in platform/ may launch:',
    ...autoModePools(plan).map(
      (p) =>
        `  pool ${p.name}: ${fleetText(p.peak)} at the busiest hour; ${fleetText(p.typical)} at the median hour${otherHours(p)}${p.spot ? ' (Spot)' : ''}.`,
    ),
  ];
}

function nodeBlocks(plan: StackPlan): HclBlock[] {
  const blocks: HclBlock[] = [
    resource(
      'aws_eks_access_entry',
      'auto_nodes',
      [
        attr('cluster_name', expr('aws_eks_cluster.this.name')),
        attr('principal_arn', expr('aws_iam_role.auto_nodes.arn')),
        attr('type', 'EC2'),
      ],
      [
        'Lets the nodes of the custom NodeClass join the cluster; EKS creates this entry only for its built-in pools.',
        'https://docs.aws.amazon.com/eks/latest/userguide/create-node-class.html',
      ],
    ),
    resource('aws_eks_access_policy_association', 'auto_nodes', [
      attr('cluster_name', expr('aws_eks_cluster.this.name')),
      attr('principal_arn', expr('aws_iam_role.auto_nodes.arn')),
      attr('policy_arn', AUTO_NODE_ACCESS_POLICY),
      nested('access_scope', [attr('type', 'cluster')]),
      attr('depends_on', [expr('aws_eks_access_entry.auto_nodes')]),
    ]),
    subnetTag('node_subnets', 'var.private_subnet_ids', DISCOVERY_TAG, plan.name, [
      'Auto Mode launches nodes into the subnets with this tag (the NodeClass subnetSelectorTerms).',
    ]),
    subnetTag('internal_elb_subnets', 'var.private_subnet_ids', 'kubernetes.io/role/internal-elb', '1', [
      'Auto Mode puts internal load balancers in subnets tagged so, and internet-facing ones in subnets',
      'tagged kubernetes.io/role/elb: https://docs.aws.amazon.com/eks/latest/userguide/tag-subnets-auto.html',
    ]),
  ];
  if (hasPublicLoadBalancer(plan))
    blocks.push(subnetTag('public_elb_subnets', 'var.public_subnet_ids', 'kubernetes.io/role/elb', '1'));
  return blocks;
}

function subnetTag(
  label: string,
  subnets: string,
  key: string,
  value: string,
  notes: string[] = [],
): HclBlock {
  return resource(
    'aws_ec2_tag',
    label,
    [
      attr('for_each', expr(`toset(${subnets})`)),
      attr('resource_id', expr('each.value')),
      attr('key', key),
      attr('value', value),
    ],
    notes,
  );
}

function outputs(plan: StackPlan): HclBlock[] {
  return [
    ...eksClusterOutputs(plan),
    ...eksQueueOutputs(plan),
    output(
      'auto_node_role',
      expr('aws_iam_role.auto_nodes.name'),
      'IAM role of the nodes Auto Mode launches (the NodeClass in platform/ names it).',
    ),
  ];
}
