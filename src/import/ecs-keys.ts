/**
 * @module ecs-keys: the fields the Amazon ECS API gives the task definitions and services the ECS import
 * reads, and the parts of them that hold sizes, replicas, placement and exposure
 * (docs/import.md#ecs-fields). Any other field is a problem at its line, with the nearest field when it is
 * a likely typo: `"memroy": 4096` would otherwise leave a task at the default size without a word. The
 * lists are the API's shapes (RegisterTaskDefinition's request, TaskDefinition, ContainerDefinition and
 * Service as DescribeTaskDefinition and DescribeServices return them), read-only fields included, as the
 * AWS SDK for JavaScript's ECS client 3.1133.0 models them.
 */
import type { FieldReader } from './field-reader.js';
import { checkShape, type KeyShape, type UnknownKeyMessage } from './key-check.js';
import type { PathKey } from './source-file.js';

function shape(what: string, keys: readonly string[], below?: KeyShape['below']): KeyShape {
  return { keys: new Set(keys), what, ...(below === undefined ? {} : { below }) };
}

const CONTAINER = shape(
  'ContainerDefinition',
  [
    'name',
    'image',
    'repositoryCredentials',
    'cpu',
    'memory',
    'memoryReservation',
    'links',
    'portMappings',
    'essential',
    'restartPolicy',
    'entryPoint',
    'command',
    'environment',
    'environmentFiles',
    'mountPoints',
    'volumesFrom',
    'linuxParameters',
    'secrets',
    'dependsOn',
    'startTimeout',
    'stopTimeout',
    'versionConsistency',
    'hostname',
    'user',
    'workingDirectory',
    'disableNetworking',
    'privileged',
    'readonlyRootFilesystem',
    'dnsServers',
    'dnsSearchDomains',
    'extraHosts',
    'dockerSecurityOptions',
    'interactive',
    'pseudoTerminal',
    'dockerLabels',
    'ulimits',
    'logConfiguration',
    'healthCheck',
    'systemControls',
    'resourceRequirements',
    'firelensConfiguration',
    'credentialSpecs',
  ],
  {
    portMappings: {
      each: shape('PortMapping', [
        'containerPort',
        'hostPort',
        'protocol',
        'name',
        'appProtocol',
        'containerPortRange',
      ]),
    },
    resourceRequirements: { each: shape('ResourceRequirement', ['value', 'type']) },
    linuxParameters: shape(
      'LinuxParameters',
      ['capabilities', 'devices', 'initProcessEnabled', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'],
      { capabilities: shape('KernelCapabilities', ['add', 'drop']) },
    ),
    mountPoints: { each: shape('MountPoint', ['sourceVolume', 'containerPath', 'readOnly']) },
    healthCheck: shape('HealthCheck', ['command', 'interval', 'timeout', 'retries', 'startPeriod']),
  },
);

/** A task definition as DescribeTaskDefinition returns it, or as RegisterTaskDefinition takes it (`tags`). */
const TASK_DEFINITION = shape(
  'TaskDefinition',
  [
    'taskDefinitionArn',
    'containerDefinitions',
    'family',
    'taskRoleArn',
    'executionRoleArn',
    'networkMode',
    'revision',
    'volumes',
    'status',
    'requiresAttributes',
    'placementConstraints',
    'compatibilities',
    'runtimePlatform',
    'requiresCompatibilities',
    'cpu',
    'memory',
    'inferenceAccelerators',
    'pidMode',
    'ipcMode',
    'proxyConfiguration',
    'registeredAt',
    'deregisteredAt',
    'deleteRequestedAt',
    'registeredBy',
    'ephemeralStorage',
    'enableFaultInjection',
    'tags',
  ],
  {
    containerDefinitions: { each: CONTAINER },
    runtimePlatform: shape('RuntimePlatform', ['cpuArchitecture', 'operatingSystemFamily']),
    ephemeralStorage: shape('EphemeralStorage', ['sizeInGiB']),
    volumes: {
      each: shape('Volume', [
        'name',
        'host',
        'dockerVolumeConfiguration',
        'efsVolumeConfiguration',
        's3filesVolumeConfiguration',
        'fsxWindowsFileServerVolumeConfiguration',
        'configuredAtLaunch',
      ]),
    },
  },
);

/** A service as DescribeServices returns it. */
const SERVICE = shape(
  'Service',
  [
    'serviceArn',
    'serviceName',
    'clusterArn',
    'loadBalancers',
    'serviceRegistries',
    'status',
    'desiredCount',
    'runningCount',
    'pendingCount',
    'launchType',
    'capacityProviderStrategy',
    'platformVersion',
    'platformFamily',
    'taskDefinition',
    'deploymentConfiguration',
    'taskSets',
    'deployments',
    'roleArn',
    'events',
    'createdAt',
    'currentServiceDeployment',
    'currentServiceRevisions',
    'placementConstraints',
    'placementStrategy',
    'networkConfiguration',
    'healthCheckGracePeriodSeconds',
    'schedulingStrategy',
    'deploymentController',
    'tags',
    'createdBy',
    'enableECSManagedTags',
    'propagateTags',
    'enableExecuteCommand',
    'availabilityZoneRebalancing',
    'resourceManagementType',
  ],
  {
    loadBalancers: {
      each: shape('LoadBalancer', [
        'targetGroupArn',
        'loadBalancerName',
        'containerName',
        'containerPort',
        'advancedConfiguration',
      ]),
    },
    capacityProviderStrategy: {
      each: shape('CapacityProviderStrategyItem', ['capacityProvider', 'weight', 'base']),
    },
    // distinctInstance becomes needs.onePerNode (ecs.ts).
    placementConstraints: { each: shape('PlacementConstraint', ['type', 'expression']) },
  },
);

/**
 * A document of AWS CLI output: describe-task-definition's (`taskDefinition`, `tags`), describe-services'
 * (`services`, `failures`), or several task definitions listed under `taskDefinitions`.
 */
const OUTPUT = shape(
  'aws ecs describe-task-definition or describe-services output',
  ['taskDefinition', 'tags', 'taskDefinitions', 'services', 'failures'],
  {
    taskDefinition: TASK_DEFINITION,
    taskDefinitions: { each: TASK_DEFINITION },
    services: { each: SERVICE },
  },
);

const unknownField: UnknownKeyMessage = (key, what, near) =>
  `unknown ECS field "${key}": not a field of ${what} in the Amazon ECS API${near ? ` (did you mean ${near}?)` : ''}`;

/** Problems for the fields of an ECS document the API does not have: AWS CLI output or a bare task definition. */
export function checkEcsFields(reader: FieldReader, bareTaskDefinition: boolean): void {
  const root: PathKey[] = [];
  checkShape(reader, root, bareTaskDefinition ? TASK_DEFINITION : OUTPUT, unknownField);
}
