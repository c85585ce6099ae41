/**
 * `terraform plan` with no AWS account, for every candidate of every example but ECS Managed Instances (its
 * resources need AWS provider 6; the local mirror has 5.100): the documented
 * provider override, dummy credentials, and the lookups (VPC CIDR, AMI ids) given as variables. The plan
 * must create exactly the resources the files declare. EKS platform add-ons (`platform.tf`, `platform/`)
 * need the helm provider, which the local mirror lacks, so the plan covers the root module without them.
 */
import { describe, expect, it } from 'vitest';
import { OFFLINE_PROVIDER_OVERRIDE } from '../../src/iac/terraform/terraform-blocks.js';
import { countLaunched, type LaunchGroup, toTypeCounts } from './helpers/fleet-count.js';
import { generateAll, loadScenarios } from './helpers/scenarios.js';
import { parseTerraform } from './helpers/terraform-check.js';
import {
  dummyInputs,
  isPlannedOffline,
  offlineLookups,
  planOffline,
  terraformUnavailable,
} from './helpers/terraform-cli.js';

const scenarios = await loadScenarios();
const recommended = scenarios.flatMap((s) => generateAll(s, 'terraform').filter((t) => t.recommended));
/** ECS Managed Instances needs AWS provider 6, which the local 5.100 mirror does not have. */
const plannable = (t: { candidate: string }) => t.candidate !== 'ecs-managed-instances';
/** Every stack of every example, the recommendation first. */
const planned = [
  ...recommended.filter(plannable),
  ...scenarios.flatMap((s) => generateAll(s, 'terraform').filter((t) => !t.recommended && plannable(t))),
];

/** `type.label` of every resource block the stack declares. */
async function declaredResources(files: Parameters<typeof parseTerraform>[0]): Promise<string[]> {
  const declared: string[] = [];
  for (const doc of (await parseTerraform(files.filter(isPlannedOffline))).values())
    for (const [type, byLabel] of Object.entries((doc.resource ?? {}) as Record<string, object>))
      for (const label of Object.keys(byLabel)) declared.push(`${type}.${label}`);
  return declared.sort();
}

describe('offline terraform plan, where terraform is installed', () => {
  it('plans every stack of every example (but Managed Instances, which needs provider 6) with no AWS account, creating every declared resource', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED offline terraform plan: ${why}. ***\n`);
      ctx.skip();
    }
    expect(recommended).toHaveLength(scenarios.length);
    const stacks = await Promise.all(
      planned.map(async (s) => {
        const parsed = await parseTerraform(s.output.files);
        return {
          name: `${s.scenario}-${s.candidate}`,
          files: s.output.files,
          inputs: { ...dummyInputs(parsed), ...offlineLookups(parsed) },
          declared: await declaredResources(s.output.files),
        };
      }),
    );
    const verdict = await planOffline(stacks, OFFLINE_PROVIDER_OVERRIDE);
    expect(verdict.error).toBeNull();
    for (const stack of stacks) {
      // A resource with for_each plans one instance per key (`aws_ec2_tag.x["subnet-..."]`): count it once.
      const resources = new Set((verdict.planned[stack.name] ?? []).map((a) => a.replace(/\[.*\]$/, '')));
      expect([...resources].sort(), stack.name).toEqual(stack.declared);
      expect(stack.declared.length, stack.name).toBeGreaterThan(5);
    }
    // The planned Auto Scaling groups of an ECS-on-EC2 stack keep the priced floor (managed scaling adds the rest).
    const onEc2 = planned.filter((s) => s.candidate === 'ecs-ec2' || s.candidate === 'ecs-mixed');
    expect(onEc2.length).toBeGreaterThan(0);
    for (const s of onEc2) {
      const name = `${s.scenario}-${s.candidate}`;
      const groups: LaunchGroup[] = Object.entries(verdict.values[name] ?? {})
        .filter(([address]) => address.startsWith('aws_autoscaling_group.'))
        .map(([address, after]) => {
          // biome-ignore lint/suspicious/noExplicitAny: the plan's JSON, read by path
          const policy = (after.mixed_instances_policy as any[])[0];
          return {
            name: address,
            instanceTypes: policy.launch_template[0].override.map(
              (o: { instance_type: string }) => o.instance_type,
            ),
            weights: {},
            min: Number(after.min_size),
            desired: Number(after.desired_capacity),
            max: Number(after.max_size),
          };
        });
      const fleet = scenarios
        .find((x) => x.name === s.scenario)
        ?.rec.candidates.find((c) => c.id === s.candidate)?.cost?.fleet;
      expect(groups.length, name).toBeGreaterThan(0);
      expect(countLaunched(groups, 'desired'), name).toEqual(toTypeCounts(fleet?.floor ?? []));
    }
    // The planned node groups of s07 and s09 on EKS run from the priced floor to the priced peak, type by
    // type: berth recommend gives floor = peak = 3 × m5a.2xlarge (s07, beside 2 × t3.medium system nodes)
    // and 1 × c6a.4xlarge + 2 × m5a.4xlarge (s09, beside 2 dedicated t3.medium system nodes).
    const sizes = (name: string) =>
      Object.fromEntries(
        Object.entries(verdict.values[name] ?? {})
          .filter(([address]) => address.startsWith('aws_eks_node_group.'))
          .map(([, after]) => {
            // biome-ignore lint/suspicious/noExplicitAny: the plan's JSON, read by path
            const scaling = (after.scaling_config as any[])[0];
            return [
              String((after.instance_types as string[])[0]),
              [scaling.min_size, scaling.desired_size, scaling.max_size],
            ];
          }),
      );
    expect(sizes('s07-windows-dotnet-eks-ec2')).toEqual({ 'm5a.2xlarge': [3, 3, 3], 't3.medium': [2, 2, 2] });
    expect(sizes('s09-dedicated-hosts-eks-ec2')).toEqual({
      'c6a.4xlarge': [1, 1, 1],
      'm5a.4xlarge': [2, 2, 2],
      't3.medium': [2, 2, 2],
    });
    console.info(
      `offline terraform plan: ${stacks.map((s) => `${s.name} ${s.declared.length} to add`).join(', ')}`,
    );
  }, 600_000);
});
