/** @module ecs-capacity: the EC2 capacity of an ECS stack in CloudFormation: launch templates, Auto Scaling groups, capacity providers. */
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
import { EPHEMERAL_PORTS, loadBalancerSchemes } from '../load-balancers.js';
import { toAwsName, toLogicalId } from '../names.js';
import { diskComment, mappedVolumeType, poolDisk, rootDeviceName } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';
import { base64, type CfnParameter, type CfnResource, getAtt, ref, sub } from './cfn.js';
import { albSecurityGroupId, securityGroupLink } from './ecs-network.js';
import { capacityProviderId, groupLogicalId } from './ecs-service.js';

export function amiParameterId(pool: NodePool): string {
  return `${toLogicalId(pool.name)}Ami`;
}

/** The ECS-optimised AMI of each pool, resolved from its public SSM parameter at deploy time. */
export function amiParameters(plan: StackPlan): Record<string, CfnParameter> {
  return Object.fromEntries(
    plan.pools.map((pool) => [
      amiParameterId(pool),
      {
        Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        Description: `ECS-optimised AMI of the ${pool.name} node pool (a public SSM parameter, resolved at deploy time).`,
        Default: ecsAmiParameter(pool),
      },
    ]),
  );
}

export function ecsCapacityResources(plan: StackPlan): Record<string, CfnResource> {
  if (plan.pools.length === 0) return {};
  const resources: Record<string, CfnResource> = {
    InstanceSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      comment: [
        'Container instances: bridge-mode tasks share the instance network, so this group guards them.',
      ],
      Properties: {
        GroupDescription: `Container instances of ${plan.name}`,
        VpcId: ref('VpcId'),
        SecurityGroupEgress: [
          {
            IpProtocol: '-1',
            CidrIp: '0.0.0.0/0',
            Description: 'Outbound to anywhere (ECS agent, images, AWS APIs)',
          },
        ],
      },
    },
  };
  const ec2Schemes = new Set(
    plan.services.filter((s) => s.compute === 'ec2' && s.exposure !== 'none').map((s) => s.exposure),
  );
  for (const scheme of loadBalancerSchemes(plan)) {
    if (!ec2Schemes.has(scheme)) continue;
    Object.assign(
      resources,
      securityGroupLink(
        `InstancesFrom${toLogicalId(scheme)}Alb`,
        'InstanceSecurityGroup',
        albSecurityGroupId(scheme),
        EPHEMERAL_PORTS,
        'dynamic host ports of the container instances',
      ),
    );
  }
  for (const pool of plan.pools) Object.assign(resources, poolResources(plan, pool));
  return resources;
}

function poolResources(plan: StackPlan, pool: NodePool): Record<string, CfnResource> {
  if (pool.gpu && pool.architecture === 'arm64')
    throw new BerthError(
      'UNSUPPORTED_IAC_TARGET',
      `cannot generate ECS capacity for ${plan.candidate.label}: the fleet has Arm GPU instances (${pool.instanceTypes.join(', ')}), and ECS publishes no GPU-optimised Arm AMI`,
    );
  const id = toLogicalId(pool.name);
  const name = toAwsName([plan.name, pool.name], 255);
  const disk = poolDisk(plan, pool);
  const tags = [
    { Key: 'Name', Value: name },
    { Key: 'workload', Value: plan.name },
    { Key: 'generated-by', Value: 'berth' },
  ];
  const resources: Record<string, CfnResource> = {
    [`${id}LaunchTemplate`]: {
      Type: 'AWS::EC2::LaunchTemplate',
      comment: [
        poolGroupsSentence(plan, pool),
        'IMDSv2 only, and a hop limit of 1 so containers in bridge mode cannot reach the instance role.',
        'The instances and their volumes are tagged here: the groups launch them, not CloudFormation.',
        ...(pool.dedicated ? ['Single-tenant hardware, as the workload requires and Berth priced.'] : []),
        ...(disk === null ? [] : diskComment(disk)),
      ],
      Properties: {
        LaunchTemplateData: {
          ImageId: ref(amiParameterId(pool)),
          ...(disk === null
            ? {}
            : {
                BlockDeviceMappings: [
                  {
                    DeviceName: rootDeviceName(pool),
                    Ebs: {
                      VolumeSize: disk.sizeGiB,
                      VolumeType: mappedVolumeType(disk),
                      Encrypted: true,
                      DeleteOnTermination: true,
                    },
                  },
                ],
              }),
          SecurityGroupIds: [getAtt('InstanceSecurityGroup', 'GroupId')],
          IamInstanceProfile: { Arn: getAtt('InstanceProfile', 'Arn') },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub placeholder, not JavaScript
          UserData: base64(sub(`${ecsUserData(pool, '${Cluster}').join('\n')}\n`)),
          MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
          ...(pool.dedicated ? { Placement: { Tenancy: 'dedicated' } } : {}),
          TagSpecifications: [
            { ResourceType: 'instance', Tags: tags },
            { ResourceType: 'volume', Tags: tags },
          ],
        },
      },
    },
  };
  for (const group of ecsCapacityGroups(plan).filter((g) => g.pool.name === pool.name))
    Object.assign(resources, groupResources(group, id));
  return resources;
}

function groupResources(group: CapacityGroup, template: string): Record<string, CfnResource> {
  const id = groupLogicalId(group);
  const pool = group.pool;
  return {
    [`${id}AutoScalingGroup`]: {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      comment: describeGroup(group),
      Properties: {
        VPCZoneIdentifier: ref('PrivateSubnetIds'),
        MinSize: String(group.minSize),
        DesiredCapacity: String(group.desiredSize),
        MaxSize: String(group.maxSize),
        HealthCheckType: 'EC2',
        NewInstancesProtectedFromScaleIn: true,
        ...(pool.spot ? { CapacityRebalance: true } : {}),
        MixedInstancesPolicy: {
          InstancesDistribution: {
            OnDemandBaseCapacity: 0,
            OnDemandPercentageAboveBaseCapacity: pool.spot ? 0 : 100,
            ...(pool.spot ? { SpotAllocationStrategy: 'price-capacity-optimized' } : {}),
          },
          LaunchTemplate: {
            LaunchTemplateSpecification: {
              LaunchTemplateId: ref(`${template}LaunchTemplate`),
              Version: getAtt(`${template}LaunchTemplate`, 'LatestVersionNumber'),
            },
            Overrides: [{ InstanceType: group.instanceType }],
          },
        },
        Tags: [{ Key: 'AmazonECSManaged', Value: '', PropagateAtLaunch: true }],
      },
    },
    [capacityProviderId(group)]: {
      Type: 'AWS::ECS::CapacityProvider',
      Properties: {
        AutoScalingGroupProvider: {
          AutoScalingGroupArn: ref(`${id}AutoScalingGroup`),
          ManagedTerminationProtection: 'ENABLED',
          ManagedDraining: 'ENABLED',
          ManagedScaling: {
            Status: 'ENABLED',
            TargetCapacity: MANAGED_SCALING_TARGET_PERCENT,
            MinimumScalingStepSize: 1,
            MaximumScalingStepSize: Math.max(1, group.maxSize),
          },
        },
      },
    },
  };
}
