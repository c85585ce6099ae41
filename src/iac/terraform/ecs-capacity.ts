/** @module ecs-capacity: the EC2 capacity of an ECS stack in Terraform: launch templates, Auto Scaling groups, capacity providers. */
import { BerthError } from '../../errors.js';
import type { NodePool } from '../../model/deployment.js';
import {
  type CapacityGroup,
  describeGroup,
  ecsCapacityGroups,
  MANAGED_SCALING_TARGET_PERCENT,
  poolGroupsSentence,
} from '../ecs-capacity-groups.js';
import { ecsAmiParameter, ecsUserData } from '../ecs-task.js';
import { attr, block, comment, expr, fn, type HclBlock, heredoc, nested } from '../hcl.js';
import { EPHEMERAL_PORTS, loadBalancerSchemes } from '../load-balancers.js';
import { toAwsName, toSecurityGroupName, toTerraformLabel } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { rootVolumeBlock } from './root-volume.js';
import { data, resource } from './terraform-blocks.js';

/** The Terraform label of a group's Auto Scaling group and capacity provider (`x86_64_m5a_4xlarge`). */
export function groupLabel(group: CapacityGroup): string {
  return toTerraformLabel(group.name);
}

/** Capacity provider names may not start with `aws`, `ecs` or `fargate`. */
export function capacityProviderName(plan: StackPlan, group: CapacityGroup): string {
  const name = toAwsName([plan.name, group.name], 255);
  return /^(aws|ecs|fargate)/.test(name) ? `cp-${name}` : name;
}

export function ecsCapacityBlocks(plan: StackPlan): HclBlock[] {
  if (plan.pools.length === 0) return [];
  return [...instanceSecurityGroup(plan), ...plan.pools.flatMap((pool) => poolBlocks(plan, pool))];
}

function instanceSecurityGroup(plan: StackPlan): HclBlock[] {
  const blocks: HclBlock[] = [
    resource(
      'aws_security_group',
      'instances',
      [
        attr('name', toSecurityGroupName([plan.name, 'instances'])),
        attr('description', `Container instances of ${plan.name}`),
        attr('vpc_id', expr('var.vpc_id')),
      ],
      ['Container instances: bridge-mode tasks share the instance network, so this group guards them.'],
    ),
    resource('aws_vpc_security_group_egress_rule', 'instances_all', [
      attr('security_group_id', expr('aws_security_group.instances.id')),
      attr('description', 'Outbound to anywhere (ECS agent, images, AWS APIs)'),
      attr('cidr_ipv4', '0.0.0.0/0'),
      attr('ip_protocol', '-1'),
    ]),
  ];
  const ec2Schemes = new Set(
    plan.services.filter((s) => s.compute === 'ec2' && s.exposure !== 'none').map((s) => s.exposure),
  );
  for (const scheme of loadBalancerSchemes(plan)) {
    if (!ec2Schemes.has(scheme)) continue;
    const alb = `aws_security_group.${scheme}_alb.id`;
    blocks.push(
      resource('aws_vpc_security_group_ingress_rule', `instances_from_${scheme}_alb`, [
        attr('security_group_id', expr('aws_security_group.instances.id')),
        attr('description', `Dynamic host ports from the ${scheme} ALB`),
        attr('referenced_security_group_id', expr(alb)),
        attr('from_port', EPHEMERAL_PORTS.from),
        attr('to_port', EPHEMERAL_PORTS.to),
        attr('ip_protocol', 'tcp'),
      ]),
      resource('aws_vpc_security_group_egress_rule', `${scheme}_alb_to_instances`, [
        attr('security_group_id', expr(alb)),
        attr('description', 'To dynamic host ports of the container instances'),
        attr('referenced_security_group_id', expr('aws_security_group.instances.id')),
        attr('from_port', EPHEMERAL_PORTS.from),
        attr('to_port', EPHEMERAL_PORTS.to),
        attr('ip_protocol', 'tcp'),
      ]),
    );
  }
  return blocks;
}

function poolBlocks(plan: StackPlan, pool: NodePool): HclBlock[] {
  if (pool.gpu && pool.architecture === 'arm64')
    throw new BerthError(
      'UNSUPPORTED_IAC_TARGET',
      `cannot generate ECS capacity for ${plan.candidate.label}: the fleet has Arm GPU instances (${pool.instanceTypes.join(', ')}), and ECS publishes no GPU-optimised Arm AMI`,
    );
  const id = toTerraformLabel(pool.name);
  const name = toAwsName([plan.name, pool.name], 255);
  const instanceTags = (resourceType: string) =>
    nested('tag_specifications', [
      attr('resource_type', resourceType),
      attr('tags', fn('merge', expr('local.tags'), { Name: name })),
    ]);
  return [
    data(
      'aws_ssm_parameter',
      `ecs_ami_${id}`,
      [
        comment('Looked up only when var.ami_ids names no AMI for this pool (an offline plan passes one).'),
        attr('count', expr(`lookup(var.ami_ids, "${pool.name}", null) == null ? 1 : 0`)),
        attr('name', ecsAmiParameter(pool)),
      ],
      [
        `ECS-optimised ${pool.os === 'windows' ? 'Windows Server 2022 Core' : pool.gpu ? 'GPU (NVIDIA) Amazon Linux 2023' : `Amazon Linux 2023 (${pool.architecture})`} AMI, resolved at plan time.`,
      ],
    ),
    resource(
      'aws_launch_template',
      id,
      [
        attr('name_prefix', `${toAwsName([plan.name, pool.name], 120)}-`),
        attr(
          'image_id',
          fn(
            'coalesce',
            expr(`lookup(var.ami_ids, "${pool.name}", null)`),
            expr(`one(data.aws_ssm_parameter.ecs_ami_${id}[*].insecure_value)`),
          ),
        ),
        attr('vpc_security_group_ids', [expr('aws_security_group.instances.id')]),
        attr('user_data', fn('base64encode', expr(`local.user_data_${id}`))),
        attr('update_default_version', true),
        nested('iam_instance_profile', [attr('arn', expr('aws_iam_instance_profile.instances.arn'))]),
        comment(
          'IMDSv2 only, and a hop limit of 1 so containers in bridge mode cannot reach the instance role;',
          'tasks get credentials from their task role instead.',
        ),
        nested('metadata_options', [
          attr('http_endpoint', 'enabled'),
          attr('http_tokens', 'required'),
          attr('http_put_response_hop_limit', 1),
        ]),
        ...rootVolumeBlock(plan, pool),
        pool.dedicated && comment('Single-tenant hardware, as the workload requires and Berth priced.'),
        pool.dedicated && nested('placement', [attr('tenancy', 'dedicated')]),
        comment(
          "The provider's default_tags do not reach the instances and volumes an Auto Scaling group launches,",
          'so the launch template tags them itself: https://github.com/hashicorp/terraform-provider-aws/issues/19387',
        ),
        instanceTags('instance'),
        instanceTags('volume'),
      ],
      [poolGroupsSentence(plan, pool)],
    ),
    ...ecsCapacityGroups(plan)
      .filter((g) => g.pool.name === pool.name)
      .flatMap((group) => groupBlocks(plan, group, id)),
  ];
}

function groupBlocks(plan: StackPlan, group: CapacityGroup, template: string): HclBlock[] {
  const id = groupLabel(group);
  const pool = group.pool;
  return [
    resource(
      'aws_autoscaling_group',
      id,
      [
        attr('name_prefix', `${toAwsName([plan.name, group.name], 200)}-`),
        attr('vpc_zone_identifier', expr('var.private_subnet_ids')),
        attr('min_size', group.minSize),
        attr('desired_capacity', group.desiredSize),
        attr('max_size', group.maxSize),
        attr('health_check_type', 'EC2'),
        comment('ECS managed termination protection needs scale-in protection on the instances.'),
        attr('protect_from_scale_in', true),
        pool.spot && attr('capacity_rebalance', true),
        nested('mixed_instances_policy', [
          nested('instances_distribution', [
            attr('on_demand_base_capacity', 0),
            attr('on_demand_percentage_above_base_capacity', pool.spot ? 0 : 100),
            pool.spot && attr('spot_allocation_strategy', 'price-capacity-optimized'),
          ]),
          nested('launch_template', [
            nested('launch_template_specification', [
              attr('launch_template_id', expr(`aws_launch_template.${template}.id`)),
              attr('version', '$Latest'),
            ]),
            nested('override', [attr('instance_type', group.instanceType)]),
          ]),
        ]),
        nested('tag', [
          attr('key', 'AmazonECSManaged'),
          attr('value', ''),
          attr('propagate_at_launch', true),
        ]),
        comment('ECS managed scaling moves the desired count between min and max.'),
        nested('lifecycle', [attr('ignore_changes', [expr('desired_capacity')])]),
      ],
      describeGroup(group),
    ),
    resource('aws_ecs_capacity_provider', id, [
      attr('name', capacityProviderName(plan, group)),
      nested('auto_scaling_group_provider', [
        attr('auto_scaling_group_arn', expr(`aws_autoscaling_group.${id}.arn`)),
        attr('managed_termination_protection', 'ENABLED'),
        attr('managed_draining', 'ENABLED'),
        nested('managed_scaling', [
          attr('status', 'ENABLED'),
          comment(
            `${MANAGED_SCALING_TARGET_PERCENT} %: hosts stay as full as the optimizer packed them; no idle host is kept warm.`,
          ),
          attr('target_capacity', MANAGED_SCALING_TARGET_PERCENT),
          attr('minimum_scaling_step_size', 1),
          attr('maximum_scaling_step_size', Math.max(1, group.maxSize)),
        ]),
      ]),
    ]),
  ];
}

/** The user data of every pool, kept in locals so the launch templates stay readable. */
export function ecsUserDataLocals(plan: StackPlan): HclBlock[] {
  if (plan.pools.length === 0) return [];
  return [
    block(
      'locals',
      [],
      plan.pools.map((pool) =>
        attr(
          `user_data_${toTerraformLabel(pool.name)}`,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a Terraform interpolation, not JavaScript
          heredoc(ecsUserData(pool, '${aws_ecs_cluster.this.name}')),
        ),
      ),
      [
        'Joins each node to the cluster: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_container_instance.html',
      ],
    ),
  ];
}
