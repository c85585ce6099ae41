/**
 * @module ecs-capacity-groups: the EC2 capacity of an ECS stack as one Auto Scaling group per instance type
 * of each node pool, and how each service's tasks are spread over them, shared by Terraform and CloudFormation.
 */

import { otherHours } from '../deployment/node-pools.js';
import { keptIn } from '../memo.js';
import { nodeOs } from '../model/cost.js';
import type { NodePool } from '../model/deployment.js';
import type { ServicePlan, StackPlan } from './stack-plan.js';

/**
 * Why one group per instance type: an Auto Scaling group with several types launches by priority (On-Demand)
 * or by price and capacity (Spot), not in the counts the optimizer chose, so a mixed pool would launch its
 * whole count as the first type (weights only fix the total capacity, not the mix). A group per type, with
 * its own ECS capacity provider, launches exactly the priced count of that type.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/allocation-strategies.html
 */
export interface CapacityGroup {
  /** `x86-64-m5a-4xlarge`: the pool and the type, unique in the stack. */
  name: string;
  pool: NodePool;
  instanceType: string;
  /**
   * Instances of this type in the priced fleet at the median and at the busiest hour, its floor, and the most
   * any hour of the priced week runs (Fleet.ceiling: a quieter level may run more of a type than the busiest).
   */
  typical: number;
  peak: number;
  floor: number;
  ceiling: number;
  /**
   * What the group keeps and launches when created (min = desired): the floor of this type, the instances
   * every minute of the priced week runs. ECS managed scaling adds the rest while tasks wait for room.
   */
  minSize: number;
  desiredSize: number;
  /** The priced ceiling of this type (`ceiling`) plus SPARE_HOSTS_PER_GROUP, which launch only while tasks wait. */
  maxSize: number;
  /** Hosts above the priced fleet the group may launch; none of them is billed in the recommendation. */
  spare: number;
  /**
   * True for the group of a type's nodes that hold only the fleet's steady services (Fleet.steadyServices):
   * its count is the same at every hour, and only those services' strategies name it, so no scaling task
   * lands there and no steady task keeps a scaling group's instance up. False for every other group.
   */
  steady: boolean;
}

/**
 * One spare host per group, above the priced peak. ECS managed scaling launches it only while tasks wait in
 * PROVISIONING for room (a rolling deployment's replacement tasks, or a scale-out beyond the priced peak),
 * and removes it when it is empty again, so no idle host is kept warm and the recommendation bills none.
 * One host is enough for a rolling deployment to progress: a replacement task starts there, the old task it
 * replaces stops once the new one is healthy, and that frees the room for the next one (s10: one 238 GiB
 * task per host; s02: one GPU). https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html
 */
export const SPARE_HOSTS_PER_GROUP = 1;

/**
 * Managed scaling keeps the hosts as full as the optimizer packed them (100 %): a lower target keeps idle
 * hosts running all the time, which the fleet was not priced with; the spare host covers deployments instead.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/asg-capacity-providers.html
 */
export const MANAGED_SCALING_TARGET_PERCENT = 100;

/**
 * Rolling deployments of EC2 services never drop below the desired count (100 %) and may start up to as many
 * replacement tasks again (200 %, the ECS default, written out); those that do not fit wait for the spare host
 * or for an old task to stop. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html
 */
export const DEPLOYMENT_MINIMUM_HEALTHY_PERCENT = 100;
export const DEPLOYMENT_MAXIMUM_PERCENT = 200;

/**
 * Every capacity group of the stack, pool by pool, the most used type at peak first: one per type of the
 * priced ceiling that some service's strategy names (ecsServiceShares), so no group is written that no task
 * could reach; a pool whose groups no strategy names (only per-node agents run there) keeps them all.
 */
export function ecsCapacityGroups(plan: StackPlan): CapacityGroup[] {
  return keptIn(groupsByPlan, plan, () => {
    const priced = plan.pools.map((pool) => poolGroups(pool));
    const named = new Set<CapacityGroup>();
    const all = priced.flat();
    for (const service of plan.services)
      if (service.compute === 'ec2' && service.kind !== 'daemon')
        for (const share of sharesOver(plan, all, service))
          if (share.weight > 0 || share.base > 0) named.add(share.group);
    return priced.flatMap((own) => (own.some((g) => named.has(g)) ? own.filter((g) => named.has(g)) : own));
  });
}

/** Each stack plan's capacity groups, worked out once (every renderer asks for them several times). */
const groupsByPlan = new WeakMap<StackPlan, CapacityGroup[]>();

/**
 * The types of the priced ceiling that no service's strategy names, pool by pool: the optimizer re-packed some
 * hour between the median and the busiest onto them, but no service sits there at its own busiest hour or at
 * the median hour, so ECS places that hour's tasks on the other types (describePricedFleet says so).
 */
export function unnamedTypes(plan: StackPlan): { pool: NodePool; instanceType: string; ceiling: number }[] {
  const kept = new Set(ecsCapacityGroups(plan).map((g) => g.name));
  return plan.pools.flatMap((pool) =>
    poolGroups(pool)
      .filter((g) => !kept.has(g.name))
      .map((g) => ({ pool, instanceType: g.instanceType, ceiling: g.ceiling })),
  );
}

function poolGroups(pool: NodePool): CapacityGroup[] {
  const countIn = (lines: NodePool['peak'], type: string) =>
    lines.filter((l) => l.instanceType === type).reduce((n, l) => n + l.count, 0);
  const groups = pool.instanceTypes.flatMap((type): CapacityGroup[] => {
    // The steady services' nodes of this type are in every level's fleet: the rest scale.
    const steady = countIn(pool.steady, type);
    const typical = countIn(pool.typical, type) - steady;
    const peak = countIn(pool.peak, type) - steady;
    // Only the floor is kept all week: the median hour's fleet would hold unpriced nodes in quiet hours.
    const floor = countIn(pool.floor, type) - steady;
    const ceiling = Math.max(countIn(pool.ceiling, type) - steady, peak, typical);
    const own: CapacityGroup[] = [];
    // The steady group runs its count at every hour: its typical, peak, floor and ceiling are that count.
    if (steady > 0)
      own.push(
        capacityGroup(pool, type, { typical: steady, peak: steady, floor: steady, ceiling: steady }, true),
      );
    if (steady === 0 || ceiling > 0)
      own.push(capacityGroup(pool, type, { typical, peak, floor, ceiling }, false));
    return own;
  });
  return groups;
}

/**
 * The group of one type of a pool (its steady services' nodes, or the rest) for its priced counts: it keeps the
 * floor (min = desired) and may grow to the most any hour of the priced week runs plus the spare host.
 */
function capacityGroup(
  pool: NodePool,
  type: string,
  counts: { typical: number; peak: number; floor: number; ceiling: number },
  steady: boolean,
): CapacityGroup {
  return {
    name: `${pool.name}-${type}${steady ? '-steady' : ''}`,
    pool,
    instanceType: type,
    ...counts,
    minSize: counts.floor,
    desiredSize: counts.floor,
    maxSize: counts.ceiling + SPARE_HOSTS_PER_GROUP,
    spare: SPARE_HOSTS_PER_GROUP,
    steady,
  };
}

/**
 * The sentence that opens a pool's launch template comment: the types its groups run and how many groups there
 * are, `Node pool "x86-64": m7a.medium, m5a.large, one Auto Scaling group per type below, and one more of
 * m7a.medium for the steady services' nodes.` (a type no strategy names has no group: describePricedFleet says so).
 */
export function poolGroupsSentence(plan: StackPlan, pool: NodePool): string {
  const groups = ecsCapacityGroups(plan).filter((g) => g.pool.name === pool.name);
  const types = [...new Set(groups.map((g) => g.instanceType))];
  const steady = groups.filter(
    (g) => g.steady && groups.some((o) => !o.steady && o.instanceType === g.instanceType),
  );
  const more =
    steady.length === 0
      ? ''
      : `, and one more of ${steady.map((g) => g.instanceType).join(', ')} for the steady services' nodes`;
  return `Node pool "${pool.name}": ${types.join(', ')}, one Auto Scaling group per type below${more}.`;
}

/**
 * The capacity provider of the cluster's default strategy, for tasks started by hand (every service names its
 * own): the first group of a Linux pool where the cluster has one, since a cluster of Linux and Windows nodes
 * keeps each task on its OS's instances and Linux tasks are the usual ones; else the first group. A group
 * that scales comes before a steady services' group, whose nodes are kept for those services.
 */
export function defaultCapacityGroup(plan: StackPlan): CapacityGroup | undefined {
  const groups = [...ecsCapacityGroups(plan)].sort((a, b) => Number(a.steady) - Number(b.steady));
  return groups.find((g) => g.pool.os === 'linux') ?? groups[0];
}

/** One entry of a service's capacity provider strategy over the groups of its pool. */
export interface GroupShare {
  group: CapacityGroup;
  /** Relative share of the tasks above the base. */
  weight: number;
  /** Tasks placed here first (at most one entry of a strategy has a base). */
  base: number;
}

/**
 * How a service spreads over the groups of its pool: a steady service (Fleet.steadyServices) over the groups
 * of its steady nodes, any other over the groups that scale. Its tasks go to each type in the proportion the
 * optimizer placed them at the service's own busiest hour (weights, from Fleet.servicePeaks), so managed
 * scaling grows each group to the count priced then. Not the fleet's busiest hour: that may be another
 * service's (a nightly job), where a day-time service runs one task on whatever node had room, and weights
 * from it would send the day's tasks to a type priced for the night. Where the median hour runs the service on a type
 * its weights leave out, its tasks there get that type first (a capacity provider base of that many tasks), so
 * the quiet hours launch what was priced; only one entry of a strategy may have a base.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html
 */
export function ecsServiceShares(plan: StackPlan, service: ServicePlan): GroupShare[] {
  return sharesOver(plan, ecsCapacityGroups(plan), service);
}

/** ecsServiceShares over the given groups (all the priced ones, while ecsCapacityGroups picks those named). */
function sharesOver(plan: StackPlan, all: readonly CapacityGroup[], service: ServicePlan): GroupShare[] {
  const poolName = service.pools[0];
  const fleet = plan.candidate.cost?.fleet;
  // A steady service runs on its own groups, every other service on the groups that scale.
  const steady = (fleet?.steadyServices ?? []).includes(service.name);
  const groups = all.filter((g) => g.pool.name === poolName && g.steady === steady);
  const placed = new Map<string, number>();
  const own = fleet?.servicePeaks.find((p) => p.service === service.name);
  for (const task of own?.tasks ?? [])
    if (groups.some((g) => g.instanceType === task.instanceType && g.pool.os === nodeOs(task)))
      placed.set(task.instanceType, (placed.get(task.instanceType) ?? 0) + task.count);
  const weighted = groups.filter((g) => (placed.get(g.instanceType) ?? 0) > 0);
  // A service the placement does not list (it cannot be, but the plan must stay usable) uses every peak type.
  const peakGroups = weighted.length > 0 ? weighted : groups.filter((g) => g.peak > 0);
  const counts = peakGroups.map((g) => placed.get(g.instanceType) ?? 1);
  const divisor = counts.reduce(gcd, 0) || 1;
  const reduced = counts.map((c) => c / divisor);
  // A weight is at most MAX_STRATEGY_WEIGHT: larger ratios are scaled down, which keeps them to within one part in a thousand.
  const largest = Math.max(1, ...reduced);
  const scale = largest > MAX_STRATEGY_WEIGHT ? MAX_STRATEGY_WEIGHT / largest : 1;
  const shares: GroupShare[] = peakGroups.map((group, i) => ({
    group,
    weight: Math.max(1, Math.round((reduced[i] ?? 1) * scale)),
    base: 0,
  }));
  // The median hour's fleet, not the floor: since the groups keep only the floor (5fb000c), a type that
  // only quiet hours run has minSize 0, and testing minSize left it without a task (s05 would have
  // started a c6a.12xlarge for its four quiet-hour tasks instead of the two m5a.large priced). The base is
  // the service's own tasks there (Fleet.serviceTypicals), on the type of those the weights leave out that
  // holds the most: the median hour then starts those tasks where they were priced (the rest by the weights),
  // and no other service's quiet tasks crowd that group.
  const weightedTypes = new Set(shares.map((share) => share.group.instanceType));
  const quiet = (fleet?.serviceTypicals.find((p) => p.service === service.name)?.tasks ?? [])
    .map((task) => ({
      task,
      group: groups.find((g) => g.instanceType === task.instanceType && g.pool.os === nodeOs(task)),
    }))
    .filter((q) => q.group !== undefined && !weightedTypes.has(q.task.instanceType))
    .sort((a, b) => b.task.count - a.task.count || a.task.instanceType.localeCompare(b.task.instanceType))[0];
  if (quiet?.group !== undefined && service.kind === 'service')
    shares.unshift({ group: quiet.group, weight: 0, base: quiet.task.count });
  return shares;
}

/** The largest weight a capacity provider strategy item takes. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html */
export const MAX_STRATEGY_WEIGHT = 1000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The priced fleet, pool by pool, for the header comment of a generated stack. */
export function describePricedFleet(plan: StackPlan): string[] {
  if (plan.pools.length === 0) return [];
  const fleet = (lines: readonly { instanceType: string; count: number }[]) =>
    lines.length === 0 ? 'none' : lines.map((l) => `${l.count} × ${l.instanceType}`).join(' + ');
  return [
    'Priced EC2 fleet (what the recommendation bills), one Auto Scaling group per instance type:',
    ...plan.pools.map(
      (p) =>
        `  pool ${p.name}: ${fleet(p.peak)} at the busiest hour; ${fleet(p.typical)} at the median hour; floor ${fleet(p.floor)}${otherHours(p)}${p.spot ? ' (Spot)' : ''}.`,
    ),
    '  (the floor is what every minute of the priced week runs, so the groups keep it all week).',
    ...plan.pools
      .filter((p) => p.steady.length > 0)
      .map(
        (p) =>
          `  Of these, ${fleet(p.steady)} in pool ${p.name} hold only the steady services (${steadyNames(plan)
            .filter((name) => p.services.includes(name))
            .join(', ')}), in groups of their own, kept all week.`,
      ),
    ...unnamedNote(plan),
    'Each group keeps its floor; ECS managed scaling adds instances while tasks wait for room and removes them',
    `when empty, up to the priced ceiling of its type plus ${SPARE_HOSTS_PER_GROUP} spare host for deployments (not billed in the recommendation).`,
  ];
}

/**
 * The header's lines on the priced types no strategy names (unnamedTypes), or none: ECS keeps one strategy per
 * service for every hour, so the hours the optimizer re-packed onto them run their tasks on the other groups.
 */
export function unnamedNote(plan: StackPlan): string[] {
  const unnamed = unnamedTypes(plan);
  if (unnamed.length === 0) return [];
  const each = unnamed.map((u) => `${u.ceiling} × ${u.instanceType} (pool ${u.pool.name})`);
  const listed = each.length === 1 ? each[0] : `${each.slice(0, -1).join(', ')} and ${each.at(-1)}`;
  return [
    `  No group for up to ${listed}:`,
    "  the optimizer placed some hours' tasks there, but no strategy names them: no service of this pool runs there",
    '  at its own busiest hour or at the median hour (a service runs on one pool, of one architecture, even where',
    '  the optimizer placed some of its tasks on another). ECS starts those tasks on the groups below, and what',
    '  runs then can differ from the price (docs/starter-code.md#one-auto-scaling-group-per-instance-type).',
  ];
}

/** The services the fleet keeps on nodes of their own (Fleet.steadyServices). */
function steadyNames(plan: StackPlan): string[] {
  return plan.candidate.cost?.fleet?.steadyServices ?? [];
}

/** What a group launches and why, written above it. */
export function describeGroup(group: CapacityGroup): string[] {
  const pool = group.pool;
  const launch = group.steady
    ? [
        `${group.instanceType} in pool "${pool.name}" for the steady services (those that run the same number of tasks all week;`,
        `only their capacity provider strategies name this group): priced ${group.peak} at every hour. ECS never moves a running task,`,
        `so these nodes are launched apart from those that scale (docs/pricing.md#steady-services-keep-their-nodes-on-ecs).`,
        `min = desired ${group.minSize}; max ${group.maxSize}: the same plus ${group.spare} spare host for deployments.`,
      ]
    : [
        `${group.instanceType} in pool "${pool.name}": priced ${group.peak} at the busiest hour, ${group.typical} at the median hour, ${group.floor} at every hour${busierElsewhere(group)}.`,
        `min = desired ${group.minSize} (${group.floor === 0 ? 'some hours of the priced week run none of this type' : 'the floor, run all week'}); managed scaling adds instances while tasks wait`,
        `for room and removes them when empty; max ${group.maxSize}: the priced ceiling plus ${group.spare} spare host for deployments.`,
      ];
  return [...launch, ...poolTerms(pool)];
}

/** What one instance type of a pool was priced at, written above its ECS Managed Instances capacity provider. */
export function describeGroupTypes(group: CapacityGroup): string[] {
  const pool = group.pool;
  return [
    group.steady
      ? `${group.instanceType} in pool "${pool.name}" for the steady services only (docs/pricing.md#steady-services-keep-their-nodes-on-ecs): priced ${group.peak} at every hour.`
      : `${group.instanceType} in pool "${pool.name}": priced ${group.peak} at the busiest hour, ${group.typical} at the median hour${busierElsewhere(group)}.`,
    ...poolTerms(pool),
  ];
}

/** `, and up to N at another hour` where some other level of the priced week runs more of the type than the busiest and median hours. */
function busierElsewhere(group: CapacityGroup): string {
  return group.ceiling > Math.max(group.peak, group.typical)
    ? `, and up to ${group.ceiling} at another hour of the week`
    : '';
}

/** How the pool is bought, closing each group's comment. */
function poolTerms(pool: NodePool): string[] {
  return [
    pool.spot ? 'Spot, as priced (every service here tolerates interruption).' : 'On-Demand, as priced.',
  ];
}
