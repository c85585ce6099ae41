/**
 * @module ecs-task: the ECS task definition of a service, in the ECS API's own shape (camelCase), shared by
 * the Terraform (`jsonencode`) and CloudFormation renderers so both describe the same task.
 */
import { BerthError } from '../errors.js';
import type { Architecture, OperatingSystem } from '../model/vocabulary.js';
import type { ServicePlan, StackPlan } from './stack-plan.js';

/** A JSON value whose leaves may be references of the target language (Terraform expressions, CloudFormation intrinsics). */
export type Json<R> = string | number | boolean | R | Json<R>[] | { [key: string]: Json<R> };

export type EcsNetworkMode = 'awsvpc' | 'bridge' | 'host' | 'default';

/** The references a container definition needs, in the target language. */
export interface EcsTaskRefs<R> {
  image: R;
  logGroup: R;
  region: R;
  /** The URL of the SQS queue the service takes its work from (queue-workers.ts), when it has one. */
  queueUrl?: R;
}

/** Where a task's writable scratch space is mounted when the root filesystem is read-only. */
export const SCRATCH_VOLUME = { name: 'tmp', containerPath: '/tmp' } as const;

/** Where a service's EBS volume is mounted: one volume per task, configured at deployment. */
export const DATA_VOLUME = { name: 'data', containerPath: '/data' } as const;

/**
 * Fargate tasks use awsvpc (the only mode Fargate has). ECS on EC2 was sized in bridge mode, with dynamic
 * host ports behind the load balancer, so EC2 tasks use bridge; host networking when the service needs it;
 * Windows on EC2 has no bridge mode and uses its `default` (NAT) mode.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
 */
export function ecsNetworkMode(service: ServicePlan): EcsNetworkMode {
  if (service.compute === 'fargate') return 'awsvpc';
  // ECS Managed Instances has awsvpc and host, no bridge:
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-networking.html
  if (service.managedInstances) return service.hostNetworking ? 'host' : 'awsvpc';
  if (service.hostNetworking) return 'host';
  return service.os === 'windows' ? 'default' : 'bridge';
}

/**
 * A per-instance agent runs as an ECS service with the DAEMON strategy and the EC2 launch type. AWS
 * documents no such service on ECS Managed Instances: it runs per-instance agents there as Managed Daemons
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-daemons.html), which Berth does not
 * write. The rule ecs-managed-instances-no-daemon-service excludes the candidate before it is ranked; this
 * guard keeps a hand-made recommendation from getting a service that may not deploy.
 */
export function daemonOnManagedInstances(service: ServicePlan): BerthError {
  return new BerthError(
    'UNSUPPORTED_IAC_TARGET',
    `cannot write ${service.name} for ECS Managed Instances: it runs one task per instance (an ECS DAEMON service), which AWS documents for EC2 container instances and not for Managed Instances, whose per-instance agents run as Managed Daemons that Berth does not write (rule ecs-managed-instances-no-daemon-service); generate ecs-ec2 for it`,
  );
}

/**
 * What a task definition must be compatible with: Fargate, EC2, or ECS Managed Instances, whose tasks
 * need `MANAGED_INSTANCES`. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html
 */
export function ecsCompatibility(service: ServicePlan): 'FARGATE' | 'EC2' | 'MANAGED_INSTANCES' {
  if (service.compute === 'fargate') return 'FARGATE';
  return service.managedInstances ? 'MANAGED_INSTANCES' : 'EC2';
}

/** The task size: Fargate bills and needs one of its valid sizes; CPU in units of 1/1024 vCPU. */
export function ecsTaskSize(service: ServicePlan): { cpu: string; memory: string } | null {
  if (service.fargateSize === null) return null;
  return {
    cpu: String(Math.round(service.fargateSize.vcpu * 1024)),
    memory: String(service.fargateSize.memoryMiB),
  };
}

export function ecsContainerDefinition<R>(
  service: ServicePlan,
  refs: EcsTaskRefs<R>,
): { [key: string]: Json<R> } {
  const linux = service.os === 'linux';
  const mode = ecsNetworkMode(service);
  const definition: { [key: string]: Json<R> } = { name: service.name, image: refs.image, essential: true };
  if (service.compute === 'ec2') {
    // On EC2 the container carries the reservation the fleet was sized with; memory is a hard limit equal
    // to the request, so one task cannot starve its neighbours.
    definition.cpu = Math.round(service.requested.vcpu * 1024);
    definition.memory = service.requested.memoryMiB;
  }
  if (service.exposure !== 'none' || service.hostNetworking) {
    const mapping: { [key: string]: Json<R> } = { containerPort: service.port, protocol: 'tcp' };
    // hostPort 0: Docker picks a free ephemeral host port and ECS registers it with the target group.
    if (mode === 'bridge' || mode === 'default') mapping.hostPort = 0;
    if (mode === 'host') mapping.hostPort = service.port;
    definition.portMappings = [mapping];
  }
  // The application reads its work queue from the environment.
  if (refs.queueUrl !== undefined) definition.environment = [{ name: 'QUEUE_URL', value: refs.queueUrl }];
  if (service.gpus > 0) definition.resourceRequirements = [{ type: 'GPU', value: String(service.gpus) }];
  if (service.privileged) definition.privileged = true;
  const mountPoints: Json<R>[] = [];
  if (linux) {
    // A read-only root filesystem with a scratch volume at /tmp; Windows containers cannot have one.
    definition.readonlyRootFilesystem = true;
    mountPoints.push({ sourceVolume: SCRATCH_VOLUME.name, containerPath: SCRATCH_VOLUME.containerPath });
    // An init process reaps zombies and forwards signals, so the task stops cleanly on deployment or Spot.
    definition.linuxParameters = { initProcessEnabled: true };
  }
  if (service.persistentVolume !== null)
    mountPoints.push({ sourceVolume: DATA_VOLUME.name, containerPath: DATA_VOLUME.containerPath });
  if (mountPoints.length > 0) definition.mountPoints = mountPoints;
  definition.logConfiguration = {
    logDriver: 'awslogs',
    options: {
      'awslogs-group': refs.logGroup,
      'awslogs-region': refs.region,
      'awslogs-stream-prefix': service.name,
    },
  };
  return definition;
}

/** The Fargate platform for the task: Linux on the chosen architecture, or Windows Server 2022 Core (x86_64 only). */
export function ecsRuntimePlatform(service: ServicePlan): {
  operatingSystemFamily: string;
  cpuArchitecture: string;
} {
  return {
    operatingSystemFamily: service.os === 'windows' ? 'WINDOWS_SERVER_2022_CORE' : 'LINUX',
    cpuArchitecture: service.architecture === 'arm64' ? 'ARM64' : 'X86_64',
  };
}

/**
 * Where a cluster holds Linux and Windows container instances (a fleet of both, sizing/ec2-fleet.ts), an EC2
 * task definition keeps its tasks on instances of its OS: a `memberOf` constraint on the built-in attribute
 * `ecs.os-type` (`linux` or `windows`), which ECS honours wherever the task definition runs (a service, a
 * schedule, a task started by hand, a DAEMON service, which has no capacity provider strategy to keep it
 * apart). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html and
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ECS_Windows.html
 * (`memberOf(ecs.os-type=='windows')`). Null in a cluster of one OS, whose task definitions stay as they were.
 */
export function ecsOsPlacementConstraint(
  plan: Pick<StackPlan, 'pools'>,
  service: ServicePlan,
): { type: 'memberOf'; expression: string } | null {
  if (service.compute !== 'ec2' || service.managedInstances) return null;
  if (new Set(plan.pools.map((p) => p.os)).size < 2) return null;
  return { type: 'memberOf', expression: `attribute:ecs.os-type == ${service.os}` };
}

/** The task volumes: Linux scratch space, and the EBS volume ECS attaches at launch. */
export function ecsTaskVolumes(service: ServicePlan): { name: string; configureAtLaunch: boolean }[] {
  const volumes: { name: string; configureAtLaunch: boolean }[] = [];
  if (service.os === 'linux') volumes.push({ name: SCRATCH_VOLUME.name, configureAtLaunch: false });
  if (service.persistentVolume !== null) volumes.push({ name: DATA_VOLUME.name, configureAtLaunch: true });
  return volumes;
}

/**
 * The ECS-optimised AMI for a node pool, as a public SSM parameter:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html and, for
 * Windows, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_windows_AMI.html
 */
export function ecsAmiParameter(pool: {
  architecture: Architecture;
  gpu: boolean;
  os: OperatingSystem;
}): string {
  if (pool.os === 'windows')
    return '/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-ECS_Optimized/image_id';
  if (pool.gpu) return '/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id';
  if (pool.architecture === 'arm64')
    return '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id';
  return '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id';
}

/** The ECS agent settings a node of the pool starts with (Linux: /etc/ecs/ecs.config). */
export function ecsAgentSettings(pool: { gpu: boolean; spot: boolean }): string[] {
  const settings = ['ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM=ec2_instance'];
  // Spot: drain the instance's tasks on the two-minute interruption notice.
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/spot-instance-draining.html
  if (pool.spot) settings.push('ECS_ENABLE_SPOT_INSTANCE_DRAINING=true');
  if (pool.gpu) settings.push('ECS_ENABLE_GPU_SUPPORT=true');
  return settings;
}

/**
 * The user data that joins a node to the cluster. `cluster` is written into the script as is, so each
 * target passes its own interpolation (`${aws_ecs_cluster.this.name}`, `${Cluster}`).
 * Linux: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_container_instance.html
 * Windows: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/bootstrap_windows_container_instance.html
 */
export function ecsUserData(
  pool: { gpu: boolean; spot: boolean; os: OperatingSystem },
  cluster: string,
): string[] {
  if (pool.os === 'windows') {
    return [
      '<powershell>',
      'Import-Module ECSTools',
      ...(pool.spot
        ? ['[Environment]::SetEnvironmentVariable("ECS_ENABLE_SPOT_INSTANCE_DRAINING", "true", "Machine")']
        : []),
      `Initialize-ECSAgent -Cluster "${cluster}" -EnableTaskIAMRole -LoggingDrivers '["json-file","awslogs"]'`,
      '</powershell>',
    ];
  }
  return [
    '#!/bin/bash',
    "cat >> /etc/ecs/ecs.config <<'CONFIG'",
    `ECS_CLUSTER=${cluster}`,
    ...ecsAgentSettings(pool),
    'CONFIG',
  ];
}
