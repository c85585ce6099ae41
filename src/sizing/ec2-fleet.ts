/**
 * @module ec2-fleet: sizes the EC2 fleet of a candidate over the weekly profile: one optimizer solve per
 * distinct replica level, the instance-hours each type runs, and the busiest hour's placement. Sizes only:
 * the cost wing (src/costs/) prices them.
 */
import type { Fleet, TypeCount } from '../model/cost.js';
import type { Orchestrator } from '../model/vocabulary.js';
import type {
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  PricedInstanceType,
} from '../optimizer/fleet-types.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { COREDNS } from './coredns.js';

export type FleetSolver = (
  tasks: FleetTaskGroup[],
  types: PricedInstanceType[],
  options: FleetOptions,
) => Promise<FleetPlan>;

export interface Ec2Sizing {
  fleet: Fleet;
  notes: string[];
}

/** Per-node requests of the EKS add-ons that run as DaemonSets on every EC2 node. */
const EKS_NODE_DAEMONS = [
  // aws-node (VPC CNI) requests 25m CPU: https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html
  { vcpu: 0.025, memoryMiB: 0 },
  // kube-proxy requests 100m CPU: https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html
  { vcpu: 0.1, memoryMiB: 0 },
];

const COREDNS_GROUP: FleetTaskGroup = {
  service: 'coredns',
  count: COREDNS.replicas,
  vcpu: COREDNS.vcpu,
  memoryMiB: COREDNS.memoryMiB,
  gpus: 0,
  architecture: 'any',
};

export interface PlanEc2FleetInput {
  orchestrator: Orchestrator;
  services: readonly NormalisedService[];
  types: PricedInstanceType[];
  solve: FleetSolver;
}

interface Level {
  groups: FleetTaskGroup[];
  /** Hours of the week at this level. */
  hours: number;
  plan?: FleetPlan;
}

/**
 * Sizes one fleet per distinct replica level of the week (levels repeat, so a diurnal week needs two
 * solves) and counts the hours each instance type runs. Daemon services become per-node requests.
 */
export async function planEc2Fleet(input: PlanEc2FleetInput): Promise<Ec2Sizing> {
  const { orchestrator, types, solve } = input;
  // Per-node agents become requests on every node; if nothing else runs on EC2, the agents alone
  // still need one node each to run on.
  const onlyDaemons = input.services.every((s) => s.needs.daemon);
  const daemons = onlyDaemons ? [] : input.services.filter((s) => s.needs.daemon);
  const taskServices = onlyDaemons
    ? input.services.map((s) => ({
        ...s,
        profile: s.profile.map(() => 1),
        stats: { ...s.stats, peakReplicas: 1 },
      }))
    : input.services.filter((s) => !s.needs.daemon);
  const options: FleetOptions = {
    orchestrator,
    daemonSets: [
      ...daemons.map((d) => ({ vcpu: d.vcpu, memoryMiB: d.memoryMiB })),
      ...(orchestrator === 'eks' ? EKS_NODE_DAEMONS : []),
    ],
    minNodes: taskServices.some((s) => s.stats.peakReplicas >= 2) ? 2 : 1,
    // ECS on EC2 is priced in bridge mode: awsvpc without ENI trunking holds only ENIs − 1 tasks per instance.
    ecsNetworkMode: 'bridge',
  };
  const notes: string[] = onlyDaemons
    ? ['only per-node agents run on EC2 here: sized as one node for them']
    : [];
  if (orchestrator === 'ecs') {
    notes.push(
      'ECS on EC2 is sized in bridge network mode; awsvpc without ENI trunking would fit fewer tasks per instance',
    );
  }
  const levels = new Map<string, Level>();
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const groups = taskServices
      .map((s) => toGroup(s, Math.ceil((s.profile[h] ?? 0) - 1e-9)))
      .filter((g) => g.count > 0);
    if (orchestrator === 'eks') groups.push(COREDNS_GROUP);
    const key = groups.map((g) => `${g.service}:${g.count}`).join(',');
    const level = levels.get(key) ?? { groups, hours: 0 };
    level.hours++;
    levels.set(key, level);
  }
  const solved: (Level & { plan: FleetPlan })[] = [];
  for (const level of levels.values()) {
    if (level.groups.length === 0) continue;
    solved.push({ ...level, plan: await solve(level.groups, types, options) });
  }
  let peak: FleetPlan | null = null;
  const instanceHours = new Map<string, number>();
  for (const { plan, hours } of solved) {
    if (peak === null || Number(plan.hourlyUsd) > Number(peak.hourlyUsd)) peak = plan;
    for (const line of plan.byType)
      instanceHours.set(line.instanceType, (instanceHours.get(line.instanceType) ?? 0) + line.count * hours);
    for (const u of plan.unplaceable) notes.push(`${u.service}: ${u.reason}`);
  }
  if (peak === null) throw new Error('no EC2 tasks to place: every service has zero replicas all week');
  const typical = medianPlan(solved) ?? peak;
  const counts = (plan: FleetPlan): TypeCount[] =>
    plan.byType.map((l) => ({ instanceType: l.instanceType, count: l.count }));
  return {
    notes: [...new Set([...notes, ...peak.notes])],
    fleet: {
      peak: counts(peak),
      typical: counts(typical),
      placement: peak.nodes.map((n) => ({
        instanceType: n.instanceType,
        tasks: n.tasks.map((t) => ({ service: t.service, count: t.count })),
      })),
      instanceHoursPerWeek: [...instanceHours.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([instanceType, hours]) => ({ instanceType, hours })),
      unplaced: [...new Set(solved.flatMap((l) => l.plan.unplaceable.map((u) => u.service)))].sort(),
      peakHourlyUsd: peak.hourlyUsd,
      peakLowerBoundHourlyUsd: peak.lowerBoundHourlyUsd,
      peakGap: peak.gap,
      method: peak.method,
    },
  };
}

function toGroup(s: NormalisedService, count: number): FleetTaskGroup {
  return {
    service: s.name,
    count,
    vcpu: s.vcpu,
    memoryMiB: s.memoryMiB,
    gpus: s.gpus.count,
    gpuModel: s.gpus.model,
    architecture: s.architecture,
  };
}

/** The plan in force at the median hour when hours are sorted by fleet cost. */
function medianPlan(levels: readonly { plan: FleetPlan; hours: number }[]): FleetPlan | undefined {
  const hourly: FleetPlan[] = [];
  for (const { plan, hours } of levels) for (let i = 0; i < hours; i++) hourly.push(plan);
  hourly.sort((a, b) => Number(a.hourlyUsd) - Number(b.hourlyUsd));
  return hourly[Math.floor(hourly.length / 2)];
}
