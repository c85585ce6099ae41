/** @module terraform-blocks: the Terraform building blocks every stack shares (settings, variables, IAM roles). */

import { attr, block, expr, fn, type HclBlock, type HclItem, type HclValue, nested } from '../hcl.js';
import { defaultImage, missingImages } from '../images.js';
import { fitAwsName } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { zonesWanted } from '../stack-plan.js';

/** IAM role names allow 64 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). */
const IAM_ROLE_NAME_MAX = 64;

/**
 * The provider constraint admits 5.75 to 6.x: the code uses arguments added up to 5.75.0
 * (`aws_eks_addon.pod_identity_association`; `aws_eks_cluster.upgrade_policy` came in 5.61.0), per the
 * provider's CHANGELOG: https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md.
 * Validated and planned against 5.100.0.
 */
export const AWS_PROVIDER_VERSION = '>= 5.75, < 7.0';

/**
 * An offline `terraform plan` (no AWS account) needs the provider to skip its AWS calls. Terraform merges a
 * file named `*_override.tf` over the configuration, so this file, dropped next to the stack with dummy
 * credentials in the environment, is enough; it is documented in versions.tf and never generated, because
 * a real deployment must validate its credentials.
 * https://developer.hashicorp.com/terraform/language/files/override
 */
export const OFFLINE_PROVIDER_OVERRIDE = [
  'provider "aws" {',
  '  skip_credentials_validation = true',
  '  skip_requesting_account_id  = true',
  '  skip_metadata_api_check     = true',
  '  skip_region_validation      = true',
  '}',
];

export function resource(
  type: string,
  label: string,
  body: Parameters<typeof block>[2],
  comment: readonly string[] = [],
): HclBlock {
  return block('resource', [type, label], body, comment);
}

export function data(
  type: string,
  label: string,
  body: Parameters<typeof block>[2],
  comment: readonly string[] = [],
): HclBlock {
  return block('data', [type, label], body, comment);
}

/**
 * The `terraform` block of a root module: the Terraform version and the providers it needs (the AWS provider
 * always, others such as helm after it).
 */
export function terraformBlock(
  extraProviders: Record<string, { source: string; version: string }> = {},
  comment: readonly string[] = [],
  awsVersion: string = AWS_PROVIDER_VERSION,
): HclBlock {
  return block(
    'terraform',
    [],
    [
      attr('required_version', '>= 1.5'),
      nested('required_providers', [
        attr('aws', { source: 'hashicorp/aws', version: awsVersion }),
        ...Object.entries(extraProviders).map(([name, provider]) => attr(name, provider)),
      ]),
    ],
    comment,
  );
}

/** versions.tf of a stack; `awsVersion` overrides the AWS provider constraint for the stack that needs a newer one. */
export function settingsFile(plan: StackPlan, awsVersion: string = AWS_PROVIDER_VERSION): HclItem[] {
  return [
    terraformBlock({}, [], awsVersion),
    block(
      'locals',
      [],
      [attr('tags', { workload: plan.name, 'managed-by': 'terraform', 'generated-by': 'berth' })],
      ['Tags of every resource; launch templates repeat them for the instances and volumes they launch.'],
    ),
    block(
      'provider',
      ['aws'],
      [attr('region', expr('var.region')), nested('default_tags', [attr('tags', expr('local.tags'))])],
      [
        'To plan with no AWS account, export dummy credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY),',
        'give the lookups as variables (vpc_cidr, ami_ids where the stack has them) and save as provider_override.tf:',
        ...OFFLINE_PROVIDER_OVERRIDE.map((l) => `  ${l}`),
      ],
    ),
  ];
}

export function variable(
  name: string,
  type: string,
  description: string,
  options: { default?: HclValue; validation?: { condition: string; message: string } } = {},
): HclBlock {
  return block(
    'variable',
    [name],
    [
      attr('description', description),
      attr('type', expr(type)),
      options.default !== undefined && attr('default', options.default),
      options.validation !== undefined &&
        nested('validation', [
          attr('condition', expr(options.validation.condition)),
          attr('error_message', options.validation.message),
        ]),
    ],
  );
}

export function output(name: string, value: HclValue, description: string): HclBlock {
  return block('output', [name], [attr('description', description), attr('value', value)]);
}

/** The variables every stack takes: region, VPC and private subnets; for ECS, the image of each service. */
export function commonVariables(
  plan: StackPlan,
  options: { images: boolean } = { images: true },
): HclBlock[] {
  const images = plan.services.map((s) => ({ name: s.name, image: defaultImage(s) }));
  const complete = images.every((i) => i.image !== null);
  const names = images.map((i) => `"${i.name}"`).join(', ');
  return [
    variable('region', 'string', 'AWS Region to deploy to.', { default: plan.region }),
    variable('vpc_id', 'string', 'ID of the existing VPC to deploy into.'),
    variable(
      'private_subnet_ids',
      'list(string)',
      `Private subnets (with a NAT gateway or VPC endpoints for image pulls), in ${zonesWanted(plan)}.`,
      {
        validation: {
          condition: `length(var.private_subnet_ids) >= ${plan.availabilityZones}`,
          message: `Give private subnets in ${zonesWanted(plan)}.`,
        },
      },
    ),
    options.images &&
      variable(
        'images',
        'map(string)',
        complete
          ? "Container image per service. Defaults to the workload's image, or a non-root NGINX placeholder that listens on 8080 where the workload names none."
          : `Container image per service (${names}); required: the workload names no image for ${missingImages(plan)}.`,
        {
          ...(complete ? { default: Object.fromEntries(images.map((i) => [i.name, i.image ?? ''])) } : {}),
          validation: {
            condition: `alltrue([for s in [${names}] : contains(keys(var.images), s)])`,
            message: `Give an image for every service: ${images.map((i) => i.name).join(', ')}.`,
          },
        },
      ),
    variable(
      'log_retention_days',
      'number',
      `Days to keep ${plan.orchestrator === 'ecs' ? 'container' : 'control plane'} logs in CloudWatch Logs.`,
      {
        default: 30,
      },
    ),
  ].filter((b): b is HclBlock => b !== false);
}

/** A trust policy letting an AWS service assume a role. */
export function assumeRolePolicy(
  principal: string,
  actions: readonly string[] = ['sts:AssumeRole'],
): HclValue {
  return fn('jsonencode', {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: principal },
        Action: actions.length === 1 ? (actions[0] ?? '') : [...actions],
      },
    ],
  });
}

/** An IAM role and one attachment per AWS managed policy. */
export function role(
  label: string,
  name: HclValue,
  principal: string,
  managedPolicies: readonly string[],
  comment: readonly string[] = [],
  actions?: readonly string[],
): HclBlock[] {
  return [
    resource(
      'aws_iam_role',
      label,
      [
        // IAM role names allow 64 characters; a long workload or service name is shortened, hash-suffixed.
        attr('name', typeof name === 'string' ? fitAwsName(name, IAM_ROLE_NAME_MAX) : name),
        attr('assume_role_policy', assumeRolePolicy(principal, actions)),
      ],
      comment,
    ),
    ...managedPolicies.map((policy) =>
      resource('aws_iam_role_policy_attachment', `${label}_${policyLabel(policy)}`, [
        attr('role', expr(`aws_iam_role.${label}.name`)),
        attr('policy_arn', `arn:aws:iam::aws:policy/${policy}`),
      ]),
    ),
  ];
}

/** An inline policy of a role (`aws_iam_role.<roleLabel>`): the statements, in a 2012-10-17 policy document. */
export function rolePolicy(
  label: string,
  roleLabel: string,
  name: string,
  statements: readonly HclValue[],
  comment: readonly string[] = [],
): HclBlock {
  return resource(
    'aws_iam_role_policy',
    label,
    [
      attr('name', name),
      attr('role', expr(`aws_iam_role.${roleLabel}.id`)),
      attr('policy', fn('jsonencode', { Version: '2012-10-17', Statement: [...statements] })),
    ],
    comment,
  );
}

/** The Terraform label of a role's policy attachment. */
export function policyAttachment(roleLabel: string, policy: string): string {
  return `aws_iam_role_policy_attachment.${roleLabel}_${policyLabel(policy)}`;
}

/** Short labels for the AWS managed policies the stacks attach. */
const POLICY_LABELS: Record<string, string> = {
  'service-role/AmazonECSTaskExecutionRolePolicy': 'task_execution',
  'service-role/AmazonEC2ContainerServiceforEC2Role': 'ecs_instance',
  'service-role/AmazonECSInfrastructureRolePolicyForVolumes': 'ebs_volumes',
  AmazonSSMManagedInstanceCore: 'ssm',
  AmazonEKSClusterPolicy: 'cluster',
  AmazonEKSVPCResourceController: 'vpc_resource_controller',
  AmazonEKSWorkerNodePolicy: 'worker',
  AmazonEKS_CNI_Policy: 'cni',
  AmazonEC2ContainerRegistryReadOnly: 'ecr_read',
  AmazonEKSFargatePodExecutionRolePolicy: 'fargate_pod',
  'service-role/AmazonEBSCSIDriverPolicy': 'ebs_csi',
  AmazonEKSComputePolicy: 'compute',
  AmazonEKSBlockStoragePolicy: 'block_storage',
  AmazonEKSLoadBalancingPolicy: 'load_balancing',
  AmazonEKSNetworkingPolicy: 'networking',
  AmazonEKSWorkerNodeMinimalPolicy: 'worker_minimal',
  AmazonEC2ContainerRegistryPullOnly: 'ecr_pull',
};

function policyLabel(policy: string): string {
  return (
    POLICY_LABELS[policy] ?? (policy.split('/').pop() ?? policy).replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()
  );
}
