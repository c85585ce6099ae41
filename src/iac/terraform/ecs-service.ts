/** @module ecs-service: one ECS service in Terraform: task definition, task role, network, service, scaling or schedule. */
import { keptMinimum } from '../../deployment/kept-pod.js';
import { albTargetsScheme } from '../alb-targets.js';
import {
  DEPLOYMENT_MAXIMUM_PERCENT,
  DEPLOYMENT_MINIMUM_HEALTHY_PERCENT,
  ecsServiceShares,
} from '../ecs-capacity-groups.js';
import {
  daemonOnManagedInstances,
  ecsCompatibility,
  ecsContainerDefinition,
  ecsNetworkMode,
  ecsOsPlacementConstraint,
  ecsRuntimePlatform,
  ecsTaskSize,
  ecsTaskVolumes,
} from '../ecs-task.js';
import { attr, comment, expr, fn, type HclBlock, type HclItem, type HclValue, nested } from '../hcl.js';
import {
  DEREGISTRATION_DELAY_SECONDS,
  HEALTH_CHECK,
  HEALTH_CHECK_GRACE_SECONDS,
  loadBalancerOf,
} from '../load-balancers.js';
import { toAwsName, toSecurityGroupName, toTerraformLabel } from '../names.js';
import { queueRole } from '../queue-workers.js';
import { CPU_TARGET_PERCENT, SCALE_IN_COOLDOWN_SECONDS, SCALE_OUT_COOLDOWN_SECONDS } from '../scaling.js';
import { describeSchedule, scheduleName, splitTaskCount, toEventBridgeCron } from '../schedule.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { groupLabel } from './ecs-capacity.js';
import { hostHeader, listenerLabel } from './ecs-network.js';
import { backlogScalingBlocks, queueBlocks } from './ecs-queue.js';
import { scalableTargetBlock, scalableTargetRefs } from './ecs-scalable-target.js';
import { resource, role } from './terraform-blocks.js';

export function ecsServiceBlocks(plan: StackPlan, service: ServicePlan): HclBlock[] {
  const id = toTerraformLabel(service.name);
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const queue = queueRole(service);
  return [
    ...role(
      `${id}_task`,
      `${plan.name}-${service.name}-task`,
      'ecs-tasks.amazonaws.com',
      [],
      [
        `Task role of ${service.name}: the AWS permissions its code gets. It starts with none; grant what the service calls.`,
      ],
    ),
    ...(awsvpc ? securityGroupBlocks(plan, service, id) : []),
    ...(service.exposure === 'none' ? [] : targetGroupBlocks(plan, service, id)),
    ...(queue === null ? [] : queueBlocks(plan, service, id, queue)),
    taskDefinition(plan, service, id),
    ...(service.kind === 'batch' ? scheduleBlocks(plan, service, id) : [serviceBlock(plan, service, id)]),
    ...(queue === 'fan-out'
      ? [scalableTargetBlock(service, id), ...backlogScalingBlocks(plan, service, id)]
      : service.replicas.autoscaled
        ? [scalableTargetBlock(service, id), cpuScalingBlock(service, id)]
        : []),
  ];
}

function securityGroupBlocks(plan: StackPlan, service: ServicePlan, id: string): HclBlock[] {
  const blocks: HclBlock[] = [
    resource(
      'aws_security_group',
      id,
      [
        attr('name', toSecurityGroupName([plan.name, service.name])),
        attr('description', `Tasks of ${service.name}`),
        attr('vpc_id', expr('var.vpc_id')),
      ],
      [
        service.exposure === 'none'
          ? `${service.name} takes no inbound traffic; it may call out (image pulls, AWS APIs).`
          : `${service.name} accepts traffic only from its load balancer.`,
      ],
    ),
    resource('aws_vpc_security_group_egress_rule', `${id}_all`, [
      attr('security_group_id', expr(`aws_security_group.${id}.id`)),
      attr('description', 'Outbound to anywhere (images, AWS APIs, dependencies)'),
      attr('cidr_ipv4', '0.0.0.0/0'),
      attr('ip_protocol', '-1'),
    ]),
  ];
  if (service.exposure !== 'none') {
    const alb = `aws_security_group.${service.exposure}_alb.id`;
    blocks.push(
      resource('aws_vpc_security_group_ingress_rule', `${id}_from_alb`, [
        attr('security_group_id', expr(`aws_security_group.${id}.id`)),
        attr('description', `Port ${service.port} from the ${service.exposure} ALB`),
        attr('referenced_security_group_id', expr(alb)),
        attr('from_port', service.port),
        attr('to_port', service.port),
        attr('ip_protocol', 'tcp'),
      ]),
    );
  }
  return blocks;
}

function targetGroupBlocks(plan: StackPlan, service: ServicePlan, id: string): HclBlock[] {
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const lb = loadBalancerOf(plan, service);
  const blocks: HclBlock[] = [
    resource(
      'aws_lb_target_group',
      id,
      [
        attr('name', toAwsName([plan.name, service.name], 32)),
        attr('port', service.port),
        attr('protocol', 'HTTP'),
        attr('vpc_id', expr('var.vpc_id')),
        attr('target_type', awsvpc ? 'ip' : 'instance'),
        attr('deregistration_delay', DEREGISTRATION_DELAY_SECONDS),
        nested('health_check', [
          attr('path', HEALTH_CHECK.path),
          attr('matcher', HEALTH_CHECK.matcher),
          attr('interval', HEALTH_CHECK.intervalSeconds),
          attr('timeout', HEALTH_CHECK.timeoutSeconds),
          attr('healthy_threshold', HEALTH_CHECK.healthyThreshold),
          attr('unhealthy_threshold', HEALTH_CHECK.unhealthyThreshold),
        ]),
      ],
      [
        awsvpc
          ? `${service.managedInstances ? 'Tasks on ECS Managed Instances' : 'Fargate tasks'} have their own network interface (awsvpc), so the ALB targets their IP addresses.`
          : 'Bridge mode: ECS registers each task as instance:dynamic-port, so the ALB targets instances.',
      ],
    ),
  ];
  if (lb?.hostRouting) {
    const priority = lb.services.findIndex((s) => s.name === service.name) + 1;
    blocks.push(
      resource('aws_lb_listener_rule', id, [
        attr('listener_arn', expr(`${listenerLabel(lb)}.arn`)),
        attr('priority', priority * 10),
        nested('action', [
          attr('type', 'forward'),
          attr('target_group_arn', expr(`aws_lb_target_group.${id}.arn`)),
        ]),
        nested('condition', [nested('host_header', [attr('values', [hostHeader(service.name)])])]),
      ]),
    );
  }
  return blocks;
}

function taskDefinition(plan: StackPlan, service: ServicePlan, id: string): HclBlock {
  const mode = ecsNetworkMode(service);
  const size = ecsTaskSize(service);
  const container = ecsContainerDefinition(service, {
    image: expr(`var.images["${service.name}"]`),
    logGroup: expr('aws_cloudwatch_log_group.ecs.name'),
    region: expr('var.region'),
    ...(queueRole(service) === null ? {} : { queueUrl: expr(`aws_sqs_queue.${id}.url`) }),
  });
  const notes: string[] = [];
  if (service.fargateSize !== null && size !== null) {
    const asked = `${service.requested.vcpu} vCPU / ${service.requested.memoryMiB} MiB`;
    notes.push(
      size.cpu === String(Math.round(service.requested.vcpu * 1024)) &&
        size.memory === String(service.requested.memoryMiB)
        ? `Fargate size ${service.fargateSize.vcpu} vCPU / ${service.fargateSize.memoryMiB} MiB, as the workload asks.`
        : `The workload asks ${asked}; Fargate bills the next valid size, ${service.fargateSize.vcpu} vCPU / ${service.fargateSize.memoryMiB} MiB, so the task gets all of it.`,
    );
  } else {
    notes.push(
      `On EC2 the container reserves ${service.requested.vcpu} vCPU and ${service.requested.memoryMiB} MiB, the size the fleet was packed with.`,
    );
    if (mode === 'bridge')
      notes.push('Bridge network mode with hostPort 0 (dynamic host ports), as Berth sized the EC2 fleet.');
    if (mode === 'default')
      notes.push('Windows on EC2 has no bridge mode; its default (NAT) mode maps dynamic host ports.');
  }
  const platform = ecsRuntimePlatform(service);
  const osConstraint = ecsOsPlacementConstraint(plan, service);
  if (osConstraint !== null)
    notes.push(
      `The cluster has Linux and Windows instances: ${service.name}'s tasks run on ${service.os === 'windows' ? 'Windows' : 'Linux'} ones only.`,
    );
  const body: (HclItem | false)[] = [
    attr('family', `${plan.name}-${service.name}`),
    attr('requires_compatibilities', [ecsCompatibility(service)]),
    mode !== 'default' && attr('network_mode', mode),
    size !== null && attr('cpu', size.cpu),
    size !== null && attr('memory', size.memory),
    attr('execution_role_arn', expr('aws_iam_role.execution.arn')),
    attr('task_role_arn', expr(`aws_iam_role.${id}_task.arn`)),
    attr('container_definitions', fn('jsonencode', [container as HclValue])),
    osConstraint !== null &&
      nested('placement_constraints', [
        attr('type', osConstraint.type),
        attr('expression', osConstraint.expression),
      ]),
    service.compute === 'fargate' &&
      nested('runtime_platform', [
        attr('operating_system_family', platform.operatingSystemFamily),
        attr('cpu_architecture', platform.cpuArchitecture),
      ]),
    ...ecsTaskVolumes(service).map((v) =>
      nested('volume', [attr('name', v.name), v.configureAtLaunch && attr('configure_at_launch', true)]),
    ),
    service.compute === 'fargate' &&
      service.ephemeralStorageGiB !== null &&
      service.ephemeralStorageGiB > 20 &&
      nested('ephemeral_storage', [attr('size_in_gib', Math.ceil(service.ephemeralStorageGiB))]),
  ];
  return resource('aws_ecs_task_definition', id, body, notes);
}

/** The capacity provider strategy of a service or scheduled task. */
function strategy(plan: StackPlan, service: ServicePlan): HclBlock[] {
  if (service.compute === 'ec2')
    return ecsServiceShares(plan, service).map((share) =>
      nested('capacity_provider_strategy', [
        attr('capacity_provider', expr(`aws_ecs_capacity_provider.${groupLabel(share.group)}.name`)),
        share.base > 0 && attr('base', share.base),
        attr('weight', share.weight),
      ]),
    );
  if (!service.spot)
    return [nested('capacity_provider_strategy', [attr('capacity_provider', 'FARGATE'), attr('weight', 1)])];
  if (service.onDemandBaseTasks === 0)
    return [
      nested('capacity_provider_strategy', [attr('capacity_provider', 'FARGATE_SPOT'), attr('weight', 1)]),
    ];
  return [
    nested('capacity_provider_strategy', [
      attr('capacity_provider', 'FARGATE'),
      attr('base', service.onDemandBaseTasks),
      attr('weight', 0),
    ]),
    nested('capacity_provider_strategy', [attr('capacity_provider', 'FARGATE_SPOT'), attr('weight', 1)]),
  ];
}

function serviceBlock(plan: StackPlan, service: ServicePlan, id: string): HclBlock {
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const targets = albTargetsScheme(service);
  const daemon = service.kind === 'daemon';
  if (daemon && service.managedInstances) throw daemonOnManagedInstances(service);
  const notes: string[] = [];
  if (daemon)
    notes.push('One task on every container instance (DAEMON scheduling needs the EC2 launch type).');
  else if (service.spot && service.compute === 'fargate' && service.onDemandBaseTasks > 0)
    notes.push(
      'Fargate Spot, as priced, with one task always on regular Fargate so a Spot reclaim never takes the service down.',
    );
  else if (service.spot) notes.push('Runs on Spot capacity: the service tolerates interruption, as priced.');
  if (service.replicas.autoscaled)
    notes.push(
      `Scales between ${keptMinimum('ecs', service)} and ${service.replicas.max} tasks; autoscaling owns desired_count.`,
    );
  const lb = loadBalancerOf(plan, service);
  const listeners = lb === undefined ? [] : [expr(listenerLabel(lb))];
  const body: (HclItem | false)[] = [
    attr('name', service.name),
    attr('cluster', expr('aws_ecs_cluster.this.id')),
    attr('task_definition', expr(`aws_ecs_task_definition.${id}.arn`)),
    daemon ? attr('scheduling_strategy', 'DAEMON') : attr('desired_count', service.replicas.desired),
    daemon && attr('launch_type', 'EC2'),
    service.exposure !== 'none' && attr('health_check_grace_period_seconds', HEALTH_CHECK_GRACE_SECONDS),
    daemon && attr('deployment_minimum_healthy_percent', 0),
    daemon && attr('deployment_maximum_percent', 100),
    ...(service.compute === 'ec2' && !daemon
      ? [
          comment(
            `Rolling deployments keep every task serving (${DEPLOYMENT_MINIMUM_HEALTHY_PERCENT} %) and start replacements up to ${DEPLOYMENT_MAXIMUM_PERCENT} %;`,
            "replacements that do not fit wait for the capacity provider's spare host or for an old task to stop.",
          ),
          attr('deployment_minimum_healthy_percent', DEPLOYMENT_MINIMUM_HEALTHY_PERCENT),
          attr('deployment_maximum_percent', DEPLOYMENT_MAXIMUM_PERCENT),
        ]
      : []),
    attr('enable_ecs_managed_tags', true),
    attr('propagate_tags', 'SERVICE'),
    ...(daemon ? [] : strategy(plan, service)),
    awsvpc &&
      nested('network_configuration', [
        attr('subnets', expr('var.private_subnet_ids')),
        // Behind an ALB, the tasks also join the group the ALB's one outbound rule reaches (alb-targets.ts).
        attr('security_groups', [
          expr(`aws_security_group.${id}.id`),
          ...(targets === null ? [] : [expr(`aws_security_group.${targets}_alb_targets.id`)]),
        ]),
        attr('assign_public_ip', false),
      ]),
    service.exposure !== 'none' &&
      nested('load_balancer', [
        attr('target_group_arn', expr(`aws_lb_target_group.${id}.arn`)),
        attr('container_name', service.name),
        attr('container_port', service.port),
      ]),
    nested('deployment_circuit_breaker', [attr('enable', true), attr('rollback', true)]),
    // ECS Managed Instances packs tasks onto its instances itself.
    ...(service.compute === 'ec2' && !daemon && !service.managedInstances
      ? [
          nested('ordered_placement_strategy', [
            attr('type', 'spread'),
            attr('field', 'attribute:ecs.availability-zone'),
          ]),
          nested('ordered_placement_strategy', [attr('type', 'binpack'), attr('field', 'memory')]),
        ]
      : []),
    onePerInstance(service),
    ...(service.persistentVolume === null
      ? []
      : [
          comment(
            `ECS creates one ${service.persistentVolume.sizeGiB} GiB gp3 volume per task and does not reattach it to a replacement task,`,
            'so durable data must be replicated by the application (as Kafka does across brokers) or snapshotted.',
            'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html',
          ),
          nested('volume_configuration', [
            attr('name', 'data'),
            nested('managed_ebs_volume', [
              attr('role_arn', expr('aws_iam_role.ebs_volumes.arn')),
              attr('size_in_gb', Math.ceil(service.persistentVolume.sizeGiB)),
              attr('volume_type', 'gp3'),
              attr('file_system_type', 'xfs'),
              attr('encrypted', true),
            ]),
          ]),
        ]),
    service.replicas.autoscaled && nested('lifecycle', [attr('ignore_changes', [expr('desired_count')])]),
    attr('depends_on', [...listeners, expr('aws_ecs_cluster_capacity_providers.this')]),
  ];
  return resource('aws_ecs_service', id, body, notes);
}

function scheduleBlocks(plan: StackPlan, service: ServicePlan, id: string): HclBlock[] {
  const batch = service.batch;
  if (batch === null) return [];
  const counts = splitTaskCount(batch.tasks);
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  return counts.map((count, index) => {
    const label = counts.length === 1 ? id : `${id}_${index + 1}`;
    const name = scheduleName(plan, service, index, counts.length);
    const notes =
      index === 0
        ? [
            `${service.name} runs ${batch.tasks} tasks at ${describeSchedule(batch)}, for about ${batch.durationHours} h;`,
            ...(counts.length > 1
              ? [`one schedule starts at most 10 ECS tasks, so ${counts.length} schedules share the run.`]
              : []),
            ...(service.spot ? ['The tasks tolerate interruption and run on Spot, as priced.'] : []),
          ]
        : [];
    return resource(
      'aws_scheduler_schedule',
      label,
      [
        attr('name', name),
        attr('description', `Starts ${count} ${service.name} task${count === 1 ? '' : 's'}`),
        attr('schedule_expression', toEventBridgeCron(batch)),
        attr('schedule_expression_timezone', 'UTC'),
        nested('flexible_time_window', [attr('mode', 'OFF')]),
        nested('target', [
          attr('arn', expr('aws_ecs_cluster.this.arn')),
          attr('role_arn', expr('aws_iam_role.scheduler.arn')),
          nested('ecs_parameters', [
            attr('task_definition_arn', expr(`aws_ecs_task_definition.${id}.arn`)),
            attr('task_count', count),
            attr('enable_ecs_managed_tags', true),
            attr('propagate_tags', 'TASK_DEFINITION'),
            ...strategy(plan, service),
            onePerInstance(service),
            awsvpc &&
              nested('network_configuration', [
                attr('subnets', expr('var.private_subnet_ids')),
                attr('security_groups', [expr(`aws_security_group.${id}.id`)]),
                attr('assign_public_ip', false),
              ]),
          ]),
          nested('retry_policy', [
            attr('maximum_retry_attempts', 2),
            attr('maximum_event_age_in_seconds', 3600),
          ]),
        ]),
      ],
      notes,
    );
  });
}

/** One task per instance, as priced, for a service and for its schedules (docs/starter-code.md#one-task-per-node). */
function onePerInstance(service: ServicePlan): HclBlock | false {
  return service.onePerNode && nested('placement_constraints', [attr('type', 'distinctInstance')]);
}

function cpuScalingBlock(service: ServicePlan, id: string): HclBlock {
  return resource('aws_appautoscaling_policy', `${id}_cpu`, [
    attr('name', `${service.name}-cpu`),
    attr('policy_type', 'TargetTrackingScaling'),
    ...scalableTargetRefs(id),
    nested('target_tracking_scaling_policy_configuration', [
      attr('target_value', CPU_TARGET_PERCENT),
      attr('scale_in_cooldown', SCALE_IN_COOLDOWN_SECONDS),
      attr('scale_out_cooldown', SCALE_OUT_COOLDOWN_SECONDS),
      nested('predefined_metric_specification', [
        attr('predefined_metric_type', 'ECSServiceAverageCPUUtilization'),
      ]),
    ]),
  ]);
}
