/** @module ecs-capacity: the EC2 capacity of an ECS stack in CloudFormation: launch templates, Auto Scaling groups, capacity providers. */
import { BerthError } from '../../errors.js';
import type { NodePool } from '../../model/deployment.js';
import { ecsAmiParameter, ecsUserData } from '../ecs-task.js';
import { EPHEMERAL_PORTS, planLoadBalancers } from '../load-balancers.js';
import { toAwsName, toLogicalId } from '../names.js';
import type { StackPlan } from '../stack-plan.js';
import { base64, type CfnParameter, type CfnResource, getAtt, ref, sub } from './cfn.js';
import { albSecurityGroupId, securityGroupLink } from './ecs-network.js';
import { capacityProviderId } from './ecs-service.js';

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
  for (const lb of planLoadBalancers(plan)) {
    if (!ec2Schemes.has(lb.scheme)) continue;
    Object.assign(
      resources,
      securityGroupLink(
        `InstancesFrom${toLogicalId(lb.scheme)}Alb`,
        'InstanceSecurityGroup',
        albSecurityGroupId(lb.scheme),
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
  const fleet = (lines: NodePool['peak']) =>
    lines.length === 0 ? 'none' : lines.map((l) => `${l.count} × ${l.instanceType}`).join(' + ');
  return {
    [`${id}LaunchTemplate`]: {
      Type: 'AWS::EC2::LaunchTemplate',
      comment: [
        `Node pool "${pool.name}": ${pool.instanceTypes.join(', ')}.`,
        'IMDSv2 only, and a hop limit of 1 so containers in bridge mode cannot reach the instance role.',
        ...(pool.dedicated ? ['Single-tenant hardware, as the workload requires and Berth priced.'] : []),
      ],
      Properties: {
        LaunchTemplateData: {
          ImageId: ref(amiParameterId(pool)),
          SecurityGroupIds: [getAtt('InstanceSecurityGroup', 'GroupId')],
          IamInstanceProfile: { Arn: getAtt('InstanceProfile', 'Arn') },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation !Sub placeholder, not JavaScript
          UserData: base64(sub(`${ecsUserData(pool, '${Cluster}').join('\n')}\n`)),
          MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
          ...(pool.dedicated ? { Placement: { Tenancy: 'dedicated' } } : {}),
          TagSpecifications: [
            {
              ResourceType: 'instance',
              Tags: [{ Key: 'Name', Value: toAwsName([plan.name, pool.name], 255) }],
            },
          ],
        },
      },
    },
    [`${id}AutoScalingGroup`]: {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      comment: [
        `Optimizer's fleet: ${fleet(pool.peak)} at peak, ${fleet(pool.typical)} at the median hour.`,
        ...pool.notes.map((n) => `Note: ${n}.`),
        `min ${pool.minSize}, max ${pool.maxSize}${pool.spot ? '; Spot, as priced (every service here tolerates interruption)' : '; On-Demand'}. ECS managed scaling sets the desired count.`,
      ],
      Properties: {
        VPCZoneIdentifier: ref('PrivateSubnetIds'),
        MinSize: String(pool.minSize),
        MaxSize: String(pool.maxSize),
        HealthCheckType: 'EC2',
        NewInstancesProtectedFromScaleIn: true,
        ...(pool.spot ? { CapacityRebalance: true } : {}),
        MixedInstancesPolicy: {
          InstancesDistribution: {
            OnDemandBaseCapacity: 0,
            OnDemandPercentageAboveBaseCapacity: pool.spot ? 0 : 100,
            OnDemandAllocationStrategy: 'prioritized',
            SpotAllocationStrategy: 'price-capacity-optimized',
          },
          LaunchTemplate: {
            LaunchTemplateSpecification: {
              LaunchTemplateId: ref(`${id}LaunchTemplate`),
              Version: getAtt(`${id}LaunchTemplate`, 'LatestVersionNumber'),
            },
            Overrides: pool.instanceTypes.map((type) => ({ InstanceType: type })),
          },
        },
        Tags: [{ Key: 'AmazonECSManaged', Value: '', PropagateAtLaunch: true }],
      },
    },
    [capacityProviderId(pool.name)]: {
      Type: 'AWS::ECS::CapacityProvider',
      Properties: {
        AutoScalingGroupProvider: {
          AutoScalingGroupArn: ref(`${id}AutoScalingGroup`),
          ManagedTerminationProtection: 'ENABLED',
          ManagedDraining: 'ENABLED',
          ManagedScaling: {
            Status: 'ENABLED',
            TargetCapacity: 100,
            MinimumScalingStepSize: 1,
            MaximumScalingStepSize: Math.max(1, pool.maxSize),
          },
        },
      },
    },
  };
}
