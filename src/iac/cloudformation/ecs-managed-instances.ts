/**
 * @module ecs-managed-instances: the EC2 capacity of an ECS Managed Instances stack in CloudFormation: the
 * infrastructure role, the instance role and profile, the instances' security group, and one Managed
 * Instances capacity provider per priced instance type.
 */
import { type CapacityGroup, describeGroupTypes, ecsCapacityGroups } from '../ecs-capacity-groups.js';
import {
  capacityOptionType,
  checkManagedInstancePools,
  MI_INFRASTRUCTURE_POLICY,
  MI_INSTANCE_POLICY,
  managedInstanceRoleName,
} from '../managed-instances.js';
import { managedDiskComment, poolDisk } from '../node-disks.js';
import type { StackPlan } from '../stack-plan.js';
import { type CfnResource, getAtt, ref, sub } from './cfn.js';
import { capacityProviderId, trustPolicy } from './ecs-service.js';

export function managedInstancesResources(plan: StackPlan): Record<string, CfnResource> {
  if (plan.pools.length === 0) return {};
  checkManagedInstancePools(plan, 'cloudformation');
  const managed = (name: string) => sub(`arn:\${AWS::Partition}:iam::aws:policy/${name}`);
  const resources: Record<string, CfnResource> = {
    InfrastructureRole: {
      Type: 'AWS::IAM::Role',
      comment: [
        'ECS assumes this role to launch, manage and stop the Managed Instances.',
        'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html',
      ],
      Properties: {
        AssumeRolePolicyDocument: trustPolicy('ecs.amazonaws.com'),
        ManagedPolicyArns: [managed(MI_INFRASTRUCTURE_POLICY)],
      },
    },
    InstanceRole: {
      Type: 'AWS::IAM::Role',
      comment: [
        'The instances register with the cluster with this role. Its name starts with ecsInstanceRole because',
        'the infrastructure policy may pass only such roles (a generated name would fail at task launch).',
        'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-instance-profile.html',
      ],
      Properties: {
        RoleName: managedInstanceRoleName(plan),
        AssumeRolePolicyDocument: trustPolicy('ec2.amazonaws.com'),
        ManagedPolicyArns: [managed(MI_INSTANCE_POLICY)],
      },
    },
    InstanceProfile: {
      Type: 'AWS::IAM::InstanceProfile',
      Properties: { InstanceProfileName: managedInstanceRoleName(plan), Roles: [ref('InstanceRole')] },
    },
    InstanceSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      comment: ['The instances: outbound only; each task has its own network interface and group (awsvpc).'],
      Properties: {
        GroupDescription: `ECS Managed Instances of ${plan.name}`,
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
  for (const group of ecsCapacityGroups(plan))
    resources[capacityProviderId(group)] = capacityProvider(plan, group);
  return resources;
}

/**
 * One type per provider, so each service's strategy weights place its tasks on the types the optimizer
 * chose. The vCPU and memory ranges the API requires are left open (0): the allowed type fixes both.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_InstanceRequirementsRequest.html
 */
function capacityProvider(plan: StackPlan, group: CapacityGroup): CfnResource {
  const disk = poolDisk(plan, group.pool);
  return {
    Type: 'AWS::ECS::CapacityProvider',
    comment: [...describeGroupTypes(group), ...(disk === null ? [] : managedDiskComment(disk))],
    Properties: {
      ClusterName: ref('Cluster'),
      ManagedInstancesProvider: {
        InfrastructureRoleArn: getAtt('InfrastructureRole', 'Arn'),
        PropagateTags: 'CAPACITY_PROVIDER',
        InstanceLaunchTemplate: {
          Ec2InstanceProfileArn: getAtt('InstanceProfile', 'Arn'),
          CapacityOptionType: capacityOptionType(group.pool),
          NetworkConfiguration: {
            Subnets: ref('PrivateSubnetIds'),
            SecurityGroups: [getAtt('InstanceSecurityGroup', 'GroupId')],
          },
          InstanceRequirements: {
            VCpuCount: { Min: 0 },
            MemoryMiB: { Min: 0 },
            AllowedInstanceTypes: [group.instanceType],
          },
          ...(disk === null ? {} : { StorageConfiguration: { StorageSizeGiB: disk.sizeGiB } }),
        },
      },
      Tags: [
        { Key: 'workload', Value: plan.name },
        { Key: 'generated-by', Value: 'berth' },
      ],
    },
  };
}
