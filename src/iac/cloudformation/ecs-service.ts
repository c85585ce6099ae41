/** @module ecs-service: one ECS service in CloudFormation: task definition, role, network, service, scaling or schedule. */
import { keptMinimum } from '../../deployment/kept-pod.js';
import { albTargetsScheme } from '../alb-targets.js';
import {
  type CapacityGroup,
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
import {
  DEREGISTRATION_DELAY_SECONDS,
  HEALTH_CHECK,
  HEALTH_CHECK_GRACE_SECONDS,
  loadBalancerOf,
} from '../load-balancers.js';
import { toAwsName, toLogicalId } from '../names.js';
import { queueRole } from '../queue-workers.js';
import { CPU_TARGET_PERCENT, SCALE_IN_COOLDOWN_SECONDS, SCALE_OUT_COOLDOWN_SECONDS } from '../scaling.js';
import { describeSchedule, scheduleName, splitTaskCount, toEventBridgeCron } from '../schedule.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { type CfnResource, type CfnValue, getAtt, type Intrinsic, ref, sub, toPascalCase } from './cfn.js';
import {
  albSecurityGroupId,
  albTargetsSecurityGroupId,
  listenerId,
  securityGroupIngress,
} from './ecs-network.js';
import { backlogScalingResources, queueResources } from './ecs-queue.js';
import { scalableTarget } from './ecs-scalable-target.js';

/** The logical id prefix of a capacity group (`X8664M5a4xlarge`). */
export function groupLogicalId(group: CapacityGroup): string {
  return toLogicalId(group.name);
}

export function capacityProviderId(group: CapacityGroup): string {
  return `${groupLogicalId(group)}CapacityProvider`;
}

export function ecsServiceResources(plan: StackPlan, service: ServicePlan): Record<string, CfnResource> {
  const id = toLogicalId(service.name);
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const resources: Record<string, CfnResource> = {
    [`${id}TaskRole`]: {
      Type: 'AWS::IAM::Role',
      comment: [
        `Task role of ${service.name}: the AWS permissions its code gets. It starts with none; grant what the service calls.`,
      ],
      Properties: { AssumeRolePolicyDocument: trustPolicy('ecs-tasks.amazonaws.com') },
    },
  };
  if (awsvpc) {
    resources[`${id}SecurityGroup`] = {
      Type: 'AWS::EC2::SecurityGroup',
      comment: [
        service.exposure === 'none'
          ? `${service.name} takes no inbound traffic; it may call out (image pulls, AWS APIs).`
          : `${service.name} accepts traffic only from its load balancer.`,
      ],
      Properties: {
        GroupDescription: `Tasks of ${service.name}`,
        VpcId: ref('VpcId'),
        SecurityGroupEgress: [
          {
            IpProtocol: '-1',
            CidrIp: '0.0.0.0/0',
            Description: 'Outbound to anywhere (images, AWS APIs, dependencies)',
          },
        ],
      },
    };
    if (service.exposure !== 'none') {
      Object.assign(
        resources,
        securityGroupIngress(
          `${id}FromAlb`,
          `${id}SecurityGroup`,
          albSecurityGroupId(service.exposure),
          { from: service.port, to: service.port },
          `${service.name} on port ${service.port}`,
        ),
      );
    }
  }
  if (service.exposure !== 'none') Object.assign(resources, targetGroup(plan, service, id));
  const queue = queueRole(service);
  if (queue !== null) Object.assign(resources, queueResources(plan, service, id, queue));
  resources[`${id}TaskDefinition`] = taskDefinition(plan, service, id);
  if (service.kind === 'batch') Object.assign(resources, schedules(plan, service, id));
  else resources[`${id}Service`] = ecsService(plan, service, id);
  if (queue === 'fan-out')
    Object.assign(resources, scalableTarget(service, id), backlogScalingResources(service, id));
  else if (service.replicas.autoscaled)
    Object.assign(resources, scalableTarget(service, id), cpuScaling(service, id));
  return resources;
}

export function trustPolicy(principal: string): CfnValue {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }],
  };
}

function targetGroup(plan: StackPlan, service: ServicePlan, id: string): Record<string, CfnResource> {
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const lb = loadBalancerOf(plan, service);
  const resources: Record<string, CfnResource> = {
    [`${id}TargetGroup`]: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      comment: [
        awsvpc
          ? `${service.managedInstances ? 'Tasks on ECS Managed Instances' : 'Fargate tasks'} have their own network interface (awsvpc), so the ALB targets their IP addresses.`
          : 'Bridge mode: ECS registers each task as instance:dynamic-port, so the ALB targets instances.',
      ],
      Properties: {
        Name: toAwsName([plan.name, service.name], 32),
        Port: service.port,
        Protocol: 'HTTP',
        VpcId: ref('VpcId'),
        TargetType: awsvpc ? 'ip' : 'instance',
        HealthCheckPath: HEALTH_CHECK.path,
        Matcher: { HttpCode: HEALTH_CHECK.matcher },
        HealthCheckIntervalSeconds: HEALTH_CHECK.intervalSeconds,
        HealthCheckTimeoutSeconds: HEALTH_CHECK.timeoutSeconds,
        HealthyThresholdCount: HEALTH_CHECK.healthyThreshold,
        UnhealthyThresholdCount: HEALTH_CHECK.unhealthyThreshold,
        // Bridge mode: health checks follow each task's dynamic port.
        ...(awsvpc ? {} : { HealthCheckPort: 'traffic-port' }),
        TargetGroupAttributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: String(DEREGISTRATION_DELAY_SECONDS) },
        ],
      },
    },
  };
  if (lb?.hostRouting) {
    const priority = lb.services.findIndex((s) => s.name === service.name) + 1;
    resources[`${id}ListenerRule`] = {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: ref(listenerId(lb)),
        Priority: priority * 10,
        Conditions: [
          { Field: 'host-header', HostHeaderConfig: { Values: [sub(`${service.name}.\${DomainName}`)] } },
        ],
        Actions: [{ Type: 'forward', TargetGroupArn: ref(`${id}TargetGroup`) }],
      },
    };
  }
  return resources;
}

function taskDefinition(plan: StackPlan, service: ServicePlan, id: string): CfnResource {
  const mode = ecsNetworkMode(service);
  const size = ecsTaskSize(service);
  const container = ecsContainerDefinition<Intrinsic>(service, {
    image: ref(`${id}Image`),
    logGroup: ref('LogGroup'),
    region: ref('AWS::Region'),
    ...(queueRole(service) === null ? {} : { queueUrl: ref(`${id}Queue`) }),
  });
  const platform = ecsRuntimePlatform(service);
  const osConstraint = ecsOsPlacementConstraint(plan, service);
  const comment =
    service.fargateSize !== null
      ? [
          `Fargate size ${service.fargateSize.vcpu} vCPU / ${service.fargateSize.memoryMiB} MiB (the workload asks ${service.requested.vcpu} vCPU / ${service.requested.memoryMiB} MiB).`,
        ]
      : [
          `On EC2 the container reserves ${service.requested.vcpu} vCPU and ${service.requested.memoryMiB} MiB, the size the fleet was packed with.`,
          ...(mode === 'bridge'
            ? ['Bridge network mode with hostPort 0 (dynamic host ports), as Berth sized the EC2 fleet.']
            : []),
          ...(mode === 'default'
            ? ['Windows on EC2 has no bridge mode; its default (NAT) mode maps dynamic host ports.']
            : []),
          ...(osConstraint === null
            ? []
            : [
                `The cluster has Linux and Windows instances: ${service.name}'s tasks run on ${service.os === 'windows' ? 'Windows' : 'Linux'} ones only.`,
              ]),
        ];
  return {
    Type: 'AWS::ECS::TaskDefinition',
    comment,
    Properties: {
      Family: `${plan.name}-${service.name}`,
      RequiresCompatibilities: [ecsCompatibility(service)],
      ...(mode === 'default' ? {} : { NetworkMode: mode }),
      ...(size === null ? {} : { Cpu: size.cpu, Memory: size.memory }),
      ExecutionRoleArn: getAtt('ExecutionRole', 'Arn'),
      TaskRoleArn: getAtt(`${id}TaskRole`, 'Arn'),
      ...(service.compute === 'fargate'
        ? {
            RuntimePlatform: {
              OperatingSystemFamily: platform.operatingSystemFamily,
              CpuArchitecture: platform.cpuArchitecture,
            },
          }
        : {}),
      ContainerDefinitions: [toPascalCase(container)],
      ...(osConstraint === null
        ? {}
        : { PlacementConstraints: [{ Type: osConstraint.type, Expression: osConstraint.expression }] }),
      ...(ecsTaskVolumes(service).length > 0
        ? {
            Volumes: ecsTaskVolumes(service).map(
              (v): CfnValue =>
                v.configureAtLaunch ? { Name: v.name, ConfiguredAtLaunch: true } : { Name: v.name },
            ),
          }
        : {}),
      ...(service.compute === 'fargate' &&
      service.ephemeralStorageGiB !== null &&
      service.ephemeralStorageGiB > 20
        ? { EphemeralStorage: { SizeInGiB: Math.ceil(service.ephemeralStorageGiB) } }
        : {}),
    },
  };
}

function strategy(plan: StackPlan, service: ServicePlan): CfnValue[] {
  if (service.compute === 'ec2')
    return ecsServiceShares(plan, service).map((share) => ({
      CapacityProvider: ref(capacityProviderId(share.group)),
      ...(share.base > 0 ? { Base: share.base } : {}),
      Weight: share.weight,
    }));
  if (!service.spot) return [{ CapacityProvider: 'FARGATE', Weight: 1 }];
  if (service.onDemandBaseTasks === 0) return [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }];
  return [
    { CapacityProvider: 'FARGATE', Base: service.onDemandBaseTasks, Weight: 0 },
    { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
  ];
}

/** Behind an ALB, the tasks also join the group the ALB's one outbound rule reaches (alb-targets.ts). */
function awsvpcConfiguration(service: ServicePlan, id: string): CfnValue {
  const targets = albTargetsScheme(service);
  return {
    AwsvpcConfiguration: {
      Subnets: ref('PrivateSubnetIds'),
      SecurityGroups: [
        getAtt(`${id}SecurityGroup`, 'GroupId'),
        ...(targets === null ? [] : [getAtt(albTargetsSecurityGroupId(targets), 'GroupId')]),
      ],
      AssignPublicIp: 'DISABLED',
    },
  };
}

function ecsService(plan: StackPlan, service: ServicePlan, id: string): CfnResource {
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const daemon = service.kind === 'daemon';
  if (daemon && service.managedInstances) throw daemonOnManagedInstances(service);
  const comment: string[] = [];
  if (daemon)
    comment.push('One task on every container instance (DAEMON scheduling needs the EC2 launch type).');
  else if (service.spot && service.compute === 'fargate' && service.onDemandBaseTasks > 0)
    comment.push(
      'Fargate Spot, as priced, with one task always on regular Fargate so a Spot reclaim never takes the service down.',
    );
  else if (service.spot)
    comment.push('Runs on Spot capacity: the service tolerates interruption, as priced.');
  if (service.replicas.autoscaled)
    comment.push(`Scales between ${keptMinimum('ecs', service)} and ${service.replicas.max} tasks.`);
  const properties: { [key: string]: CfnValue } = {
    ServiceName: service.name,
    Cluster: ref('Cluster'),
    TaskDefinition: ref(`${id}TaskDefinition`),
    ...(daemon
      ? { SchedulingStrategy: 'DAEMON', LaunchType: 'EC2' }
      : { DesiredCount: service.replicas.desired }),
    ...(daemon ? {} : { CapacityProviderStrategy: strategy(plan, service) }),
    ...(awsvpc ? { NetworkConfiguration: awsvpcConfiguration(service, id) } : {}),
    ...(service.exposure === 'none'
      ? {}
      : {
          LoadBalancers: [
            {
              TargetGroupArn: ref(`${id}TargetGroup`),
              ContainerName: service.name,
              ContainerPort: service.port,
            },
          ],
          HealthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_SECONDS,
        }),
    DeploymentConfiguration: {
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      ...(daemon ? { MinimumHealthyPercent: 0, MaximumPercent: 100 } : {}),
      // EC2: every task keeps serving; replacements that do not fit wait for the spare host.
      ...(service.compute === 'ec2' && !daemon
        ? {
            MinimumHealthyPercent: DEPLOYMENT_MINIMUM_HEALTHY_PERCENT,
            MaximumPercent: DEPLOYMENT_MAXIMUM_PERCENT,
          }
        : {}),
    },
    // ECS Managed Instances packs tasks onto its instances itself.
    ...(service.compute === 'ec2' && !daemon && !service.managedInstances
      ? {
          PlacementStrategies: [
            { Type: 'spread', Field: 'attribute:ecs.availability-zone' },
            { Type: 'binpack', Field: 'memory' },
          ],
        }
      : {}),
    ...onePerInstance(service),
    ...(service.persistentVolume === null
      ? {}
      : {
          VolumeConfigurations: [
            {
              Name: 'data',
              ManagedEBSVolume: {
                RoleArn: getAtt('EbsVolumesRole', 'Arn'),
                SizeInGiB: Math.ceil(service.persistentVolume.sizeGiB),
                VolumeType: 'gp3',
                FilesystemType: 'xfs',
                Encrypted: true,
              },
            },
          ],
        }),
    EnableECSManagedTags: true,
    PropagateTags: 'SERVICE',
  };
  if (service.persistentVolume !== null)
    comment.push(
      `ECS creates one ${service.persistentVolume.sizeGiB} GiB gp3 volume per task and does not reattach it to a replacement task,`,
      'so durable data must be replicated by the application or snapshotted: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html',
    );
  const lb = loadBalancerOf(plan, service);
  const listener = lb === undefined ? [] : [listenerId(lb)];
  return {
    Type: 'AWS::ECS::Service',
    comment,
    DependsOn: [...listener, 'ClusterCapacityProviders'],
    Properties: properties,
  };
}

function schedules(plan: StackPlan, service: ServicePlan, id: string): Record<string, CfnResource> {
  const batch = service.batch;
  if (batch === null) return {};
  const counts = splitTaskCount(batch.tasks);
  const awsvpc = ecsNetworkMode(service) === 'awsvpc';
  const resources: Record<string, CfnResource> = {};
  counts.forEach((count, index) => {
    const suffix = counts.length === 1 ? '' : String(index + 1);
    resources[`${id}Schedule${suffix}`] = {
      Type: 'AWS::Scheduler::Schedule',
      comment:
        index === 0
          ? [
              `${service.name} runs ${batch.tasks} tasks at ${describeSchedule(batch)}, for about ${batch.durationHours} h;`,
              ...(counts.length > 1
                ? [`one schedule starts at most 10 ECS tasks, so ${counts.length} schedules share the run.`]
                : []),
            ]
          : [],
      Properties: {
        Name: scheduleName(plan, service, index, counts.length),
        Description: `Starts ${count} ${service.name} task${count === 1 ? '' : 's'}`,
        ScheduleExpression: toEventBridgeCron(batch),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: getAtt('Cluster', 'Arn'),
          RoleArn: getAtt('SchedulerRole', 'Arn'),
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
          EcsParameters: {
            TaskDefinitionArn: ref(`${id}TaskDefinition`),
            TaskCount: count,
            EnableECSManagedTags: true,
            PropagateTags: 'TASK_DEFINITION',
            CapacityProviderStrategy: strategy(plan, service),
            ...onePerInstance(service),
            ...(awsvpc ? { NetworkConfiguration: awsvpcConfiguration(service, id) } : {}),
          },
        },
      },
    };
  });
  return resources;
}

/** One task per instance, as priced, for a service and for its schedules (docs/starter-code.md#one-task-per-node). */
function onePerInstance(service: ServicePlan): { PlacementConstraints?: { Type: string }[] } {
  return service.onePerNode ? { PlacementConstraints: [{ Type: 'distinctInstance' }] } : {};
}

function cpuScaling(service: ServicePlan, id: string): Record<string, CfnResource> {
  return {
    [`${id}CpuScaling`]: {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: {
        PolicyName: `${service.name}-cpu`,
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: ref(`${id}ScalableTarget`),
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: CPU_TARGET_PERCENT,
          ScaleInCooldown: SCALE_IN_COOLDOWN_SECONDS,
          ScaleOutCooldown: SCALE_OUT_COOLDOWN_SECONDS,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      },
    },
  };
}
