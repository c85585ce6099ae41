/** @module ecs-stack: the Terraform files of an ECS candidate (Fargate, EC2 or mixed). */

import type { IacFile } from '../../model/iac.js';
import { defaultCapacityGroup, describePricedFleet, ecsCapacityGroups } from '../ecs-capacity-groups.js';
import { attr, comment, expr, type HclBlock, type HclItem, nested, renderHcl, template } from '../hcl.js';
import { describeLoadBalancerServices, needsDomainName, planLoadBalancers } from '../load-balancers.js';
import { describeManagedFleet } from '../managed-instances.js';
import { toTerraformLabel } from '../names.js';
import { type StackPlan, usesManagedInstances, zonesWanted } from '../stack-plan.js';
import { ecsCapacityBlocks, ecsUserDataLocals, groupLabel } from './ecs-capacity.js';
import {
  MANAGED_INSTANCES_PROVIDER_VERSION,
  managedInstancesCapacityBlocks,
  managedInstancesIamBlocks,
} from './ecs-managed-instances.js';
import { ecsNetworkBlocks } from './ecs-network.js';
import { ecsServiceBlocks } from './ecs-service.js';
import {
  commonVariables,
  output,
  resource,
  role,
  rolePolicy,
  settingsFile,
  variable,
} from './terraform-blocks.js';

export function renderEcsTerraform(plan: StackPlan): IacFile[] {
  const managed = usesManagedInstances(plan);
  const files: IacFile[] = [
    file(
      'versions.tf',
      managed ? settingsFile(plan, MANAGED_INSTANCES_PROVIDER_VERSION) : settingsFile(plan),
    ),
    file('variables.tf', variables(plan)),
    file('iam.tf', iamBlocks(plan)),
    file('cluster.tf', clusterBlocks(plan)),
  ];
  const network = ecsNetworkBlocks(plan);
  if (network.length > 0) files.push(file('network.tf', network));
  const capacity = managed ? managedInstancesCapacityBlocks(plan) : ecsCapacityBlocks(plan);
  if (capacity.length > 0)
    files.push(
      file(
        'capacity.tf',
        managed
          ? [comment(...describeManagedFleet(plan)), ...capacity]
          : [comment(...describePricedFleet(plan)), ...ecsUserDataLocals(plan), ...capacity],
      ),
    );
  for (const service of plan.services)
    files.push(file(`service-${service.name}.tf`, ecsServiceBlocks(plan, service)));
  files.push(file('outputs.tf', outputs(plan)));
  return files;
}

function file(path: string, items: readonly HclItem[]): IacFile {
  return { path, contents: renderHcl(items) };
}

function variables(plan: StackPlan): HclBlock[] {
  const lbs = planLoadBalancers(plan);
  const blocks = commonVariables(plan);
  if (lbs.some((lb) => lb.scheme === 'public')) {
    blocks.push(
      variable(
        'public_subnet_ids',
        'list(string)',
        `Public subnets for the internet-facing load balancer, in ${zonesWanted(plan)}.`,
        {
          validation: {
            condition: `length(var.public_subnet_ids) >= ${plan.availabilityZones}`,
            message:
              plan.availabilityZones === 2
                ? 'An Application Load Balancer needs subnets in at least two Availability Zones.'
                : `Give public subnets in ${zonesWanted(plan)}, as Berth priced (network.availabilityZones).`,
          },
        },
      ),
      variable('certificate_arn', 'string', 'ARN of the ACM certificate the HTTPS listener serves.'),
    );
  }
  if (lbs.some((lb) => lb.scheme === 'internal')) {
    blocks.push(
      variable(
        'vpc_cidr',
        'string',
        'CIDR block of the VPC, allowed to reach the internal load balancer. Default null: read from the VPC at plan time (give it for an offline plan).',
        { default: null },
      ),
    );
  }
  // Managed Instances chooses the AMI itself.
  if (plan.pools.length > 0 && !usesManagedInstances(plan)) {
    blocks.push(
      variable(
        'ami_ids',
        'map(string)',
        `AMI id per node pool (${plan.pools.map((p) => `"${p.name}"`).join(', ')}). Default {}: each pool reads the ECS-optimised AMI from its public SSM parameter at plan time; give ids to pin them or to plan offline.`,
        { default: {} },
      ),
    );
  }
  if (needsDomainName(plan)) {
    blocks.push(
      variable(
        'domain_name',
        'string',
        'Domain under which services sharing a load balancer are routed by host name (<service>.<domain_name>).',
      ),
    );
  }
  return blocks;
}

function iamBlocks(plan: StackPlan): HclBlock[] {
  const blocks: HclBlock[] = [
    ...role(
      'execution',
      `${plan.name}-ecs-execution`,
      'ecs-tasks.amazonaws.com',
      ['service-role/AmazonECSTaskExecutionRolePolicy'],
      [
        'Execution role: lets ECS pull images and write logs. Separate from the task roles, which the code uses.',
      ],
    ),
  ];
  if (usesManagedInstances(plan)) blocks.push(...managedInstancesIamBlocks(plan));
  else if (plan.pools.length > 0) {
    blocks.push(
      ...role(
        'instances',
        `${plan.name}-ecs-instances`,
        'ec2.amazonaws.com',
        ['service-role/AmazonEC2ContainerServiceforEC2Role', 'AmazonSSMManagedInstanceCore'],
        ['Container instances: the ECS agent registers them; SSM Session Manager replaces SSH.'],
      ),
      resource('aws_iam_instance_profile', 'instances', [
        attr('name', `${plan.name}-ecs-instances`),
        attr('role', expr('aws_iam_role.instances.name')),
      ]),
    );
  }
  if (plan.services.some((s) => s.persistentVolume !== null)) {
    blocks.push(
      ...role(
        'ebs_volumes',
        `${plan.name}-ecs-ebs-volumes`,
        'ecs.amazonaws.com',
        ['service-role/AmazonECSInfrastructureRolePolicyForVolumes'],
        ['Lets ECS create and attach the EBS volumes of tasks.'],
      ),
    );
  }
  const batch = plan.services.filter((s) => s.kind === 'batch');
  if (batch.length > 0) {
    blocks.push(
      ...role(
        'scheduler',
        `${plan.name}-scheduler`,
        'scheduler.amazonaws.com',
        [],
        ['EventBridge Scheduler starts the batch tasks with this role.'],
      ),
      rolePolicy('scheduler', 'scheduler', 'run-batch-tasks', [
        {
          Effect: 'Allow',
          Action: 'ecs:RunTask',
          Resource: batch.map((s) =>
            template(expr(`aws_ecs_task_definition.${toTerraformLabel(s.name)}.arn_without_revision`), ':*'),
          ),
          Condition: { ArnEquals: { 'ecs:cluster': expr('aws_ecs_cluster.this.arn') } },
        },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: [
            expr('aws_iam_role.execution.arn'),
            ...batch.map((s) => expr(`aws_iam_role.${toTerraformLabel(s.name)}_task.arn`)),
          ],
        },
        {
          Effect: 'Allow',
          Action: 'ecs:TagResource',
          Resource: '*',
          Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
        },
      ]),
    );
  }
  return blocks;
}

function clusterBlocks(plan: StackPlan): HclBlock[] {
  const fargate = plan.services.filter((s) => s.compute === 'fargate');
  const groups = ecsCapacityGroups(plan);
  const providers = [
    ...(fargate.length > 0 ? ['FARGATE'] : []),
    ...(fargate.some((s) => s.spot) ? ['FARGATE_SPOT'] : []),
    ...groups.map((g) => expr(`aws_ecs_capacity_provider.${groupLabel(g)}.name`)),
  ];
  const firstGroup = defaultCapacityGroup(plan);
  const defaultProvider =
    fargate.length > 0 || firstGroup === undefined
      ? 'FARGATE'
      : expr(`aws_ecs_capacity_provider.${groupLabel(firstGroup)}.name`);
  return [
    resource('aws_ecs_cluster', 'this', [
      attr('name', plan.name),
      nested('setting', [attr('name', 'containerInsights'), attr('value', 'enabled')]),
    ]),
    resource('aws_cloudwatch_log_group', 'ecs', [
      attr('name', `/ecs/${plan.name}`),
      attr('retention_in_days', expr('var.log_retention_days')),
    ]),
    resource(
      'aws_ecs_cluster_capacity_providers',
      'this',
      [
        attr('cluster_name', expr('aws_ecs_cluster.this.name')),
        attr('capacity_providers', providers),
        nested('default_capacity_provider_strategy', [
          attr('capacity_provider', defaultProvider),
          attr('weight', 1),
        ]),
      ],
      [
        'Every service names its own capacity provider strategy; the default applies to tasks started by hand.',
      ],
    ),
  ];
}

function outputs(plan: StackPlan): HclBlock[] {
  const blocks = [
    output('cluster_name', expr('aws_ecs_cluster.this.name'), 'Name of the ECS cluster.'),
    output(
      'log_group_name',
      expr('aws_cloudwatch_log_group.ecs.name'),
      'CloudWatch Logs group of every container.',
    ),
  ];
  for (const lb of planLoadBalancers(plan)) {
    const label = toTerraformLabel(lb.name);
    blocks.push(
      output(
        `${label}_load_balancer_dns_name`,
        expr(`aws_lb.${label}.dns_name`),
        lb.ofScheme > 1
          ? `DNS name of ${lb.scheme} load balancer ${lb.index + 1} of ${lb.ofScheme}, for ${describeLoadBalancerServices(lb)} (point their records here).`
          : `DNS name of the ${lb.scheme} load balancer (point your records here).`,
      ),
    );
  }
  const running = plan.services.filter((s) => s.kind !== 'batch');
  if (running.length > 0) {
    blocks.push(
      output(
        'service_names',
        Object.fromEntries(
          running.map((s) => [s.name, expr(`aws_ecs_service.${toTerraformLabel(s.name)}.name`)]),
        ),
        'ECS service name per workload service.',
      ),
    );
  }
  return blocks;
}
