/**
 * What generated capacity would launch, counted per instance type, to compare with the fleet a
 * recommendation priced. Reads parsed Terraform (hcl2json) and CloudFormation (YAML). Target-neutral at the
 * core (`LaunchGroup`), so EKS node groups can be counted with the same rules.
 */
import type { ParsedTerraform } from './terraform-check.js';

/** One Auto Scaling group or node group: its instance types, in launch priority order, and its sizes. */
export interface LaunchGroup {
  /** Where it comes from, for messages: `aws_autoscaling_group.x86_64_m5a_large`. */
  name: string;
  instanceTypes: string[];
  /** Capacity units per type, when the group weights them (mixed-instances `weighted_capacity`). */
  weights: Record<string, number>;
  min: number;
  desired: number;
  max: number;
}

export type TypeCounts = Record<string, number>;

/**
 * Instances per type a set of groups launches at a size. A group of several types without weights launches
 * the whole count as its first type: On-Demand `prioritized` fills from the top of the list, and a managed
 * node group fills On-Demand in list order. With weights it launches the first type until the capacity units
 * are met (rounding up), which is still not a mix; the count of a one-type group is exact.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/allocation-strategies.html
 */
export function countLaunched(groups: readonly LaunchGroup[], size: 'min' | 'desired' | 'max'): TypeCounts {
  const counts: TypeCounts = {};
  for (const group of groups) {
    const first = group.instanceTypes[0];
    if (first === undefined) throw new Error(`${group.name}: no instance type`);
    const units = group[size];
    const weight = group.weights[first] ?? 1;
    const instances = Math.ceil(units / weight);
    if (instances > 0) counts[first] = (counts[first] ?? 0) + instances;
  }
  return counts;
}

/** The priced fleet of lines `{ instanceType, count }` as counts per type. */
export function toTypeCounts(lines: readonly { instanceType: string; count: number }[]): TypeCounts {
  const counts: TypeCounts = {};
  for (const l of lines) if (l.count > 0) counts[l.instanceType] = (counts[l.instanceType] ?? 0) + l.count;
  return counts;
}

type Json = ParsedTerraform[string];
type Body = Record<string, Json>;

const first = (value: Json | undefined): Body =>
  (Array.isArray(value) ? (value[0] ?? {}) : (value ?? {})) as Body;
const list = (value: Json | undefined): Body[] => (Array.isArray(value) ? (value as Body[]) : []);

/** Every `aws_autoscaling_group` of a parsed Terraform stack. */
export function terraformLaunchGroups(parsed: Map<string, ParsedTerraform>): LaunchGroup[] {
  const groups: LaunchGroup[] = [];
  for (const doc of parsed.values()) {
    const section = first(doc.resource);
    const asgs = (section.aws_autoscaling_group ?? {}) as Record<string, Json>;
    for (const [label, bodies] of Object.entries(asgs)) {
      const body = first(bodies);
      const overrides = list(first(first(body.mixed_instances_policy).launch_template).override);
      const direct = typeof body.instance_type === 'string' ? [body.instance_type] : [];
      const weights: Record<string, number> = {};
      for (const o of overrides)
        if (o.weighted_capacity !== undefined) weights[String(o.instance_type)] = Number(o.weighted_capacity);
      const min = Number(body.min_size);
      groups.push({
        name: `aws_autoscaling_group.${label}`,
        instanceTypes: [...overrides.map((o) => String(o.instance_type)), ...direct],
        weights,
        min,
        // An Auto Scaling group without a desired capacity starts at its minimum.
        desired: body.desired_capacity === undefined ? min : Number(body.desired_capacity),
        max: Number(body.max_size),
      });
    }
  }
  return groups;
}

/** Every `AWS::AutoScaling::AutoScalingGroup` of a parsed CloudFormation template. */
export function cloudFormationLaunchGroups(template: {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}): LaunchGroup[] {
  const groups: LaunchGroup[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::AutoScaling::AutoScalingGroup') continue;
    const p = resource.Properties as {
      MinSize: string;
      MaxSize: string;
      DesiredCapacity?: string;
      MixedInstancesPolicy?: {
        LaunchTemplate?: { Overrides?: { InstanceType: string; WeightedCapacity?: string }[] };
      };
    };
    const overrides = p.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? [];
    const weights: Record<string, number> = {};
    for (const o of overrides)
      if (o.WeightedCapacity !== undefined) weights[o.InstanceType] = Number(o.WeightedCapacity);
    const min = Number(p.MinSize);
    groups.push({
      name: id,
      instanceTypes: overrides.map((o) => o.InstanceType),
      weights,
      min,
      desired: p.DesiredCapacity === undefined ? min : Number(p.DesiredCapacity),
      max: Number(p.MaxSize),
    });
  }
  return groups;
}
