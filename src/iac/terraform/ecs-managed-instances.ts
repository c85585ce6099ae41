/**
 * @module ecs-managed-instances: the EC2 capacity of an ECS Managed Instances stack in Terraform: the
 * infrastructure role, the instance role and profile, the instances' security group, and one Managed
 * Instances capacity provider per priced instance type. `managed_instances_provider` needs AWS provider
 * 6.x (MANAGED_INSTANCES_PROVIDER_VERSION), which this stack alone asks for.
 */
import { type CapacityGroup, describeGroupTypes, ecsCapacityGroups } from '../ecs-capacity-groups.js';
import { attr, comment, expr, type HclBlock, nested } from '../hcl.js';
import {
  checkManagedInstancePools,
  MI_INFRASTRUCTURE_POLICY,
  MI_INSTANCE_POLICY,
  managedInstanceRoleName,
} from '../managed-instances.js';
import { toSecurityGroupName } from '../names.js';
import { managedDiskComment, poolDisk } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';
import { capacityProviderName, groupLabel } from './ecs-capacity.js';
import { resource, role } from './terraform-blocks.js';

/**
 * `aws_ecs_capacity_provider.managed_instances_provider` came with provider 6; the schema Berth checks it
 * against is that of 6.25.0 (test/fixtures/terraform-aws6-ecs-capacity-provider.json, from
 * @cdktf/provider-aws 21.22.1). https://github.com/hashicorp/terraform-provider-aws/blob/main/CHANGELOG.md
 */
export const MANAGED_INSTANCES_PROVIDER_VERSION = '>= 6.25, < 7.0';

export function managedInstancesIamBlocks(plan: StackPlan): HclBlock[] {
  if (plan.pools.length === 0) return [];
  return [
    ...role(
      'infrastructure',
      `${plan.name}-ecs-infrastructure`,
      'ecs.amazonaws.com',
      [MI_INFRASTRUCTURE_POLICY],
      [
        'ECS assumes this role to launch, manage and stop the Managed Instances.',
        'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html',
      ],
    ),
    ...role(
      'instances',
      managedInstanceRoleName(plan),
      'ec2.amazonaws.com',
      [MI_INSTANCE_POLICY],
      [
        'The instances register with the cluster with this role. Its name starts with ecsInstanceRole because',
        'the infrastructure policy may pass only such roles.',
        'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-instance-profile.html',
      ],
    ),
    resource('aws_iam_instance_profile', 'instances', [
      attr('name', managedInstanceRoleName(plan)),
      attr('role', expr('aws_iam_role.instances.name')),
    ]),
  ];
}

export function managedInstancesCapacityBlocks(plan: StackPlan): HclBlock[] {
  if (plan.pools.length === 0) return [];
  checkManagedInstancePools(plan, 'terraform');
  return [
    resource(
      'aws_security_group',
      'instances',
      [
        attr('name', toSecurityGroupName([plan.name, 'instances'])),
        attr('description', `ECS Managed Instances of ${plan.name}`),
        attr('vpc_id', expr('var.vpc_id')),
      ],
      ['The instances: outbound only; each task has its own network interface and group (awsvpc).'],
    ),
    resource('aws_vpc_security_group_egress_rule', 'instances_all', [
      attr('security_group_id', expr('aws_security_group.instances.id')),
      attr('description', 'Outbound to anywhere (ECS agent, images, AWS APIs)'),
      attr('cidr_ipv4', '0.0.0.0/0'),
      attr('ip_protocol', '-1'),
    ]),
    ...ecsCapacityGroups(plan).map((group) => capacityProvider(plan, group)),
  ];
}

/**
 * One type per provider, so each service's strategy weights place its tasks on the types the optimizer
 * chose. The vCPU and memory ranges the API requires are left open (0): the allowed type fixes both.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_InstanceRequirementsRequest.html
 */
function capacityProvider(plan: StackPlan, group: CapacityGroup): HclBlock {
  const disk = poolDisk(plan, group.pool);
  return resource(
    'aws_ecs_capacity_provider',
    groupLabel(group),
    [
      attr('name', capacityProviderName(plan, group)),
      attr('cluster', expr('aws_ecs_cluster.this.name')),
      nested('managed_instances_provider', [
        attr('infrastructure_role_arn', expr('aws_iam_role.infrastructure.arn')),
        attr('propagate_tags', 'CAPACITY_PROVIDER'),
        nested('instance_launch_template', [
          attr('ec2_instance_profile_arn', expr('aws_iam_instance_profile.instances.arn')),
          nested('network_configuration', [
            attr('subnets', expr('var.private_subnet_ids')),
            attr('security_groups', [expr('aws_security_group.instances.id')]),
          ]),
          nested('instance_requirements', [
            nested('vcpu_count', [attr('min', 0)]),
            nested('memory_mib', [attr('min', 0)]),
            attr('allowed_instance_types', [group.instanceType]),
          ]),
          disk !== null && comment(...managedDiskComment(disk)),
          disk !== null && nested('storage_configuration', [attr('storage_size_gib', disk.sizeGiB)]),
        ]),
      ]),
    ],
    describeGroupTypes(group),
  );
}
