/**
 * @module managed-instances: what the ECS Managed Instances targets share: the IAM names and policies AWS
 * documents, which pools the capacity providers can launch, and the header comment listing the priced fleet.
 */
import { otherHours } from '../deployment/node-pools.js';
import { BerthError } from '../errors.js';
import type { NodePool } from '../model/deployment.js';
import { ecsCapacityGroups, unnamedNote } from './ecs-capacity-groups.js';
import { toAwsName } from './names.js';
import type { StackPlan } from './stack-plan.js';

/**
 * The managed policy of the infrastructure role ECS assumes to launch and stop the instances.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html
 */
export const MI_INFRASTRUCTURE_POLICY = 'AmazonECSInfrastructureRolePolicyForManagedInstances';

/** The managed policy of the instances' role. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-instance-profile.html */
export const MI_INSTANCE_POLICY = 'AmazonECSInstanceRolePolicyForManagedInstances';

/**
 * The infrastructure policy lets ECS pass only roles named `ecsInstanceRole*`, so the instance role (and its
 * profile) carry that prefix. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-instance-profile.html
 */
export function managedInstanceRoleName(plan: StackPlan): string {
  const prefix = 'ecsInstanceRole-';
  return `${prefix}${toAwsName([plan.name], 64 - prefix.length)}`;
}

/**
 * Why a Managed Instances capacity provider cannot launch a pool, or null: its launch template has no AMI
 * and no tenancy setting (AWS chooses the operating system), so Windows and dedicated-tenancy pools cannot
 * be written.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-capacityprovider-instancelaunchtemplate.html
 */
export function managedInstancesPoolProblem(pool: NodePool): string | null {
  const why =
    pool.os === 'windows'
      ? 'it runs Windows, and a Managed Instances launch template has no operating system or AMI setting'
      : pool.dedicated
        ? 'it needs dedicated tenancy, and a Managed Instances launch template has no tenancy setting'
        : null;
  return why === null ? null : `cannot write ECS Managed Instances for node pool "${pool.name}": ${why}`;
}

/**
 * Why the Terraform stack cannot launch a pool, or null: provider 6.25's launch template has no capacity
 * option type (test/fixtures/terraform-aws6-ecs-capacity-provider.json), so a Spot pool would launch On-Demand.
 */
export function managedInstancesTerraformProblem(pool: NodePool): string | null {
  return pool.spot
    ? `cannot write ECS Managed Instances in Terraform for Spot pool "${pool.name}": provider 6.25's managed_instances_provider has no capacity option type, so it would launch On-Demand; generate cloudformation, which has CapacityOptionType`
    : null;
}

/** Throws UNSUPPORTED_IAC_TARGET for the first pool a Managed Instances stack cannot launch. */
export function checkManagedInstancePools(plan: StackPlan, target: 'terraform' | 'cloudformation'): void {
  for (const pool of plan.pools) {
    const problem =
      managedInstancesPoolProblem(pool) ??
      (target === 'terraform' ? managedInstancesTerraformProblem(pool) : null);
    if (problem !== null) throw new BerthError('UNSUPPORTED_IAC_TARGET', problem);
  }
}

/** On-Demand or Spot, as priced. */
export function capacityOptionType(pool: NodePool): 'SPOT' | 'ON_DEMAND' {
  return pool.spot ? 'SPOT' : 'ON_DEMAND';
}

/** The priced fleet and how the capacity providers launch it, for the header comment of a generated stack. */
export function describeManagedFleet(plan: StackPlan): string[] {
  if (plan.pools.length === 0) return [];
  const fleet = (lines: readonly { instanceType: string; count: number }[]) =>
    lines.length === 0 ? 'none' : lines.map((l) => `${l.count} × ${l.instanceType}`).join(' + ');
  return [
    'Priced EC2 fleet (what the recommendation bills, plus the Managed Instances fee per instance-hour):',
    ...plan.pools.map(
      (p) =>
        `  pool ${p.name}: ${fleet(p.peak)} at the busiest hour; ${fleet(p.typical)} at the median hour${otherHours(p)}${p.spot ? ' (Spot)' : ''}.`,
    ),
    ...unnamedNote(plan).map((line) => line.replace('No group for', 'No capacity provider for')),
    `One Managed Instances capacity provider per instance type some strategy names (${ecsCapacityGroups(plan)
      .map((g) => (g.steady ? `${g.instanceType} for the steady services` : g.instanceType))
      .join(', ')}), each allowed that type only;`,
    "each service's strategy weighs them as the optimizer placed its tasks at that service's own busiest hour. ECS launches",
    'instances as tasks need room and stops idle ones; Managed Instances has no instance-count limit to set.',
  ];
}
