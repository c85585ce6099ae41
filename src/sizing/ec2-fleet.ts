/** @module ec2-fleet: sizes the EC2 fleet of a candidate over the weekly profile and turns it into line specs. */
import type { FleetSummary } from '../advisor/candidate-cost.js';
import type {
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  PricedInstanceType,
} from '../optimizer/fleet-types.js';
import type { LineSpec } from '../pricing/line-item.js';
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { NormalisedService } from '../workload/normalise.js';
import { HOURS_PER_WEEK } from '../workload/profile.js';
import { solveLevels } from './fleet-solver.js';

export type FleetSolver = (
  tasks: FleetTaskGroup[],
  types: PricedInstanceType[],
  options: FleetOptions,
) => Promise<FleetPlan>;

export interface Ec2Fleet {
  lines: LineSpec[];
  summary: FleetSummary;
  notes: string[];
  /** The fleet for the busiest hour, kept for the IaC generators and the break-even point. */
  peakPlan: FleetPlan;
}

/** Per-node requests of the EKS add-ons that run as DaemonSets on every EC2 node. */
const EKS_NODE_DAEMONS = [
  // aws-node (VPC CNI) requests 25m CPU: https://docs.aws.amazon.com/eks/latest/userguide/managing-vpc-cni.html
  { vcpu: 0.025, memoryMiB: 0 },
  // kube-proxy requests 100m CPU: https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html
  { vcpu: 0.1, memoryMiB: 0 },
];

/**
 * CoreDNS runs two replicas by default, requesting 100m CPU and 70Mi memory each
 * (https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html): on EC2 nodes when the
 * cluster has some, as Fargate pods otherwise.
 */
export const COREDNS = { replicas: 2, vcpu: 0.1, memoryMiB: 70 } as const;

const COREDNS_GROUP: FleetTaskGroup = {
  service: 'coredns',
  count: COREDNS.replicas,
  vcpu: COREDNS.vcpu,
  memoryMiB: COREDNS.memoryMiB,
  gpus: 0,
  architecture: 'any',
};

export interface PlanEc2FleetInput {
  orchestrator: 'ecs' | 'eks';
  services: readonly NormalisedService[];
  types: PricedInstanceType[];
  solve: FleetSolver;
  /** Id prefix of the instance price: `ec2` (Linux, shared), or a variant the snapshot may lack. */
  priceIdPrefix?: string;
}

/**
 * Sizes one fleet per distinct replica level of the week (levels repeat, so a diurnal week needs two
 * solves), then bills each instance type for the hours it runs. Daemon services become per-node requests.
 */
export async function planEc2Fleet(input: PlanEc2FleetInput): Promise<Ec2Fleet> {
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
  const levels = new Map<string, { groups: FleetTaskGroup[]; hours: number[] }>();
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const groups = taskServices
      .map((s) => toGroup(s, Math.ceil((s.profile[h] ?? 0) - 1e-9)))
      .filter((g) => g.count > 0);
    if (orchestrator === 'eks') groups.push(COREDNS_GROUP);
    const key = groups.map((g) => `${g.service}:${g.count}`).join(',');
    const level = levels.get(key) ?? { groups, hours: [] };
    level.hours.push(h);
    levels.set(key, level);
  }
  const plans = new Map<string, FleetPlan>();
  const keys = [...levels.keys()].filter((key) => levels.get(key)!.groups.length > 0);
  const solved = await solveLevels(
    solve,
    keys.map((key) => levels.get(key)!.groups),
    types,
    options,
  );
  for (const [i, key] of keys.entries()) plans.set(key, solved[i]!);
  const nodeHours = new Map<string, number>();
  const unit = new Map<string, string>();
  let peak: FleetPlan | null = null;
  for (const [key, level] of levels) {
    const plan = plans.get(key);
    if (!plan) continue;
    if (peak === null || Number(plan.hourlyUsd) > Number(peak.hourlyUsd)) peak = plan;
    for (const line of plan.byType) {
      nodeHours.set(
        line.instanceType,
        (nodeHours.get(line.instanceType) ?? 0) + line.count * level.hours.length,
      );
      unit.set(line.instanceType, line.usdPerHour);
    }
    for (const u of plan.unplaceable) notes.push(`${u.service}: ${u.reason}`);
  }
  if (peak === null) throw new Error('no EC2 tasks to place: every service has zero replicas all week');
  const typical = medianPlan(levels, plans) ?? peak;
  const prefix = input.priceIdPrefix ?? 'ec2';
  const lines: LineSpec[] = [...nodeHours.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, weekly]) => ({
      category: 'compute',
      service: null,
      description: `${type} instances, ${weekly} instance-hours a week (peak ${countOf(peak, type)}, typical ${countOf(typical, type)})`,
      quantity: toMoney(weekly).times(HOURS_PER_MONTH).dividedBy(HOURS_PER_WEEK),
      priceId: `${prefix}:${type}`,
      unit: 'instance-hour',
    }));
  // A service no priced instance type can hold still gets a line, flagged as missing, so the gap shows.
  const unplaced = new Set([...plans.values()].flatMap((p) => p.unplaceable.map((u) => u.service)));
  for (const service of [...unplaced].sort()) {
    lines.push({
      category: 'compute',
      service,
      description: `${service}: EC2 capacity, but no priced instance type in this region holds its tasks`,
      quantity: toMoney(0),
      priceId: `${prefix}:none`,
      unit: 'instance-hour',
    });
  }
  return {
    lines,
    notes: [...new Set([...notes, ...peak.notes])],
    peakPlan: peak,
    summary: {
      peak: peak.byType.map((l) => ({ instanceType: l.instanceType, count: l.count })),
      typical: typical.byType.map((l) => ({ instanceType: l.instanceType, count: l.count })),
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
function medianPlan(
  levels: Map<string, { hours: number[] }>,
  plans: Map<string, FleetPlan>,
): FleetPlan | undefined {
  const hourly: FleetPlan[] = [];
  for (const [key, level] of levels) {
    const plan = plans.get(key);
    if (plan) for (const _ of level.hours) hourly.push(plan);
  }
  hourly.sort((a, b) => Number(a.hourlyUsd) - Number(b.hourlyUsd));
  return hourly[Math.floor(hourly.length / 2)];
}

function countOf(plan: FleetPlan, type: string): number {
  return plan.byType.find((l) => l.instanceType === type)?.count ?? 0;
}
