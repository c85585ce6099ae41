/**
 * @module ec2-fleet: sizes the EC2 fleet of a candidate over the weekly profile: one optimizer solve per
 * distinct replica level, the instance-hours each type runs, and the busiest hour's placement. Sizes only:
 * the cost wing (src/costs/) prices them.
 */

import { keptIn } from '../memo.js';
import {
  type Fleet,
  type FleetTypeCount,
  type NodeOs,
  nodeOs,
  type ResourceCeiling,
  type ServicePlacement,
} from '../model/cost.js';
import type { Architecture, NodeManagement, OperatingSystem, Orchestrator } from '../model/vocabulary.js';
import type {
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  PricedInstanceType,
} from '../optimizer/fleet-types.js';
import { isCompatible, isTypesKeptNote, spreadCap, taskUnits } from '../optimizer/model/build-model.js';
import { gapToBound, labelMethodNote } from '../optimizer/model/plan-report.js';
import { catalogTypes } from '../optimizer/model/type-catalog.js';
import { type Money, toMoney } from '../pricing/money.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { MINUTES_PER_WEEK, replicasByMinute } from '../workload/profile.js';
import {
  MAX_ROOT_VOLUME_GIB,
  maxTasksPerNodeForDisk,
  type NodeDiskKind,
  nodeDiskKind,
  taskEphemeralGiB,
} from './root-volumes.js';

/**
 * Sizes the fleet for one set of tasks. A solver may also size every level of a week in one call
 * (`solveLevels`: the largest level first, every other one warm-started from it).
 */
export type FleetSolver = ((
  tasks: FleetTaskGroup[],
  types: PricedInstanceType[],
  options: FleetOptions,
) => Promise<FleetPlan>) & {
  solveLevels?: (
    levels: FleetTaskGroup[][],
    types: PricedInstanceType[],
    options: FleetOptions,
  ) => Promise<FleetPlan[]>;
};

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

/**
 * EKS Auto Mode holds at most 110 pods per node: https://docs.aws.amazon.com/eks/latest/userguide/choosing-instance-type.html
 * ("EKS Auto Mode" takes the lower of the 110 pod cap and the calculated max pods).
 */
export const AUTO_MODE_MAX_PODS = 110;

/**
 * ECS Managed Instances run tasks in awsvpc mode with ENI trunking, or host mode:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-networking.html
 */
const MANAGED_INSTANCES_NETWORKING =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-networking.html';

/**
 * ECS Managed Instances spread a service of several tasks over at least 3 instances in different Availability
 * Zones where its subnets allow it, ahead of bin packing:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-auto-scaling.html
 */
const MANAGED_INSTANCES_PLACEMENT =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-auto-scaling.html';

/**
 * Which node-capacity model sizes a candidate's fleet. ECS Managed Instances share ECS on EC2's (the agent
 * reserve, no per-instance task limit), so one solve serves both, in a workload of two Availability Zones; in
 * one of three or more (`network.availabilityZones`) they spread a service's tasks wider (fleetDemand) and get
 * a solve of their own. EKS Auto Mode has its own.
 */
export function fleetCapacityModel(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  availabilityZones = 2,
): NodeManagement {
  if (orchestrator === 'eks' && nodes === 'eks-auto-mode') return 'eks-auto-mode';
  if (orchestrator === 'ecs' && nodes === 'ecs-managed-instances' && availabilityZones >= 3)
    return 'ecs-managed-instances';
  return 'self-managed';
}

/**
 * The availability spread a fleet is sized with: no node holds more than ceil(count / spread) tasks of a
 * service (and at least that many nodes). Two nodes for a fleet with a service of two tasks or more; ECS
 * Managed Instances sized on their own (fleetCapacityModel: three zones or more) spread a service of several
 * tasks over at least 3 instances in different zones where the subnets allow it, ahead of bin packing
 * (MANAGED_INSTANCES_PLACEMENT), so three for a fleet with a service of three tasks or more.
 */
function spreadOf(nodes: NodeManagement, taskServices: readonly NormalisedService[]): number {
  const most = Math.max(0, ...taskServices.map((s) => s.stats.peakReplicas));
  if (nodes === 'ecs-managed-instances' && most >= 3) return 3;
  return most >= 2 ? 2 : 1;
}

/**
 * Whether a candidate's running tasks stay where they started while its fleet scales: on ECS they do, on EC2
 * and on Managed Instances alike. ECS does not move a running task, and a service's tasks are only ever placed
 * on the capacity providers its strategy names
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html), which the
 * starter code writes one per instance type. On EC2, managed termination protection (which the starter code
 * turns on) "only terminates EC2 instances that don't have any running Amazon ECS tasks"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-termination-protection.html). Managed
 * Instances' infrastructure optimization may drain an underutilized instance
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instances-infrastructure-optimization.html),
 * but the replacement task goes to the same service's providers, so a steady service is never moved onto the
 * types another traffic level's fleet would have put it on. EKS nodes are consolidated by Karpenter or EKS Auto
 * Mode (https://karpenter.sh/docs/concepts/disruption/), which may replace them with any type of the pool: they
 * re-pack the fleet as each traffic level does.
 */
export function keepsTasksInPlace(orchestrator: Orchestrator): boolean {
  return orchestrator === 'ecs';
}

/** What a fleet's notes say about the capacity model it was sized with, per node management. */
export function capacityNotes(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  availabilityZones = 2,
): string[] {
  if (nodes === 'ecs-managed-instances')
    return [
      `ECS Managed Instances are sized without a per-instance task limit: their awsvpc mode trunks ENIs (${MANAGED_INSTANCES_NETWORKING}), and the per-type trunk limits are not in the instance catalog`,
      availabilityZones >= 3
        ? `ECS Managed Instances spread a service of several tasks over at least 3 instances in different Availability Zones where the subnets allow it, ahead of bin packing (${MANAGED_INSTANCES_PLACEMENT}); with the ${availabilityZones} zones this workload declares (network.availabilityZones) they are sized on their own, with no instance holding more than a third of a service's tasks (rounded up) and a service of three tasks or more on at least three instances`
        : `ECS Managed Instances spread a service of several tasks over at least 3 instances in different Availability Zones where the subnets allow it, ahead of bin packing (${MANAGED_INSTANCES_PLACEMENT}); they are sized for the 2 zones this workload declares (network.availabilityZones), as ECS on EC2, with no instance holding more than half of a service's tasks (rounded up), and private subnets in three zones or more can run more instances than that (declare network.availabilityZones: 3 to price them)`,
    ];
  if (nodes === 'eks-auto-mode')
    return [
      `EKS Auto Mode nodes are sized with at most ${AUTO_MODE_MAX_PODS} pods each and the EKS AMI's kube-reserved formula (assumed for Auto Mode's own AMI); the VPC CNI, kube-proxy and CoreDNS run inside the node, not as pods`,
    ];
  if (orchestrator === 'ecs')
    return [
      'ECS on EC2 is sized in bridge network mode; awsvpc without ENI trunking would fit fewer tasks per instance',
    ];
  return [];
}

export interface PlanEc2FleetInput {
  orchestrator: Orchestrator;
  /** Who runs the nodes: each option has its own capacity model (docs/aws-managed-nodes.md). Default self-managed. */
  nodes?: NodeManagement;
  services: readonly NormalisedService[];
  types: PricedInstanceType[];
  solve: FleetSolver;
  /** Minutes ahead of a rise that its capacity must be running (settings/fleet.yaml). */
  scaleOutLeadMinutes: number;
  /** Share of the weekly fleet cost a second architecture must save to be used (settings/fleet.yaml). */
  secondArchitectureMinSaving: number;
  /** The region whose prices `types` carry when not the fleet's own (advisor/fleet-price-basis.ts). */
  priceReference?: string | null;
  /**
   * Whether running tasks stay where they started while the fleet scales (ECS: keepsTasksInPlace). The services whose task count never changes are then sized on nodes of their own,
   * kept all week, and the others on nodes that come and go with them (solveWeek). Default false.
   */
  steadyApart?: boolean;
}

interface Level {
  groups: FleetTaskGroup[];
  /** Minutes of the week at this level. */
  minutes: number;
}

/**
 * A plan whose nodes and type lines may say their operating system (`os: 'windows'`; absent for Linux), as the
 * fleet's lines do: the optimizer sizes one OS at a time, and planEc2Fleet adds the Windows part's plans to the
 * Linux part's.
 */
interface OsPlan extends Omit<FleetPlan, 'nodes' | 'byType'> {
  nodes: (FleetPlan['nodes'][number] & { os?: NodeOs })[];
  byType: (FleetPlan['byType'][number] & { os?: NodeOs })[];
}

interface SolvedWeek {
  levels: (Level & { plan: OsPlan })[];
  /** Σ hourly cost × hours at that level: the fleet's weekly cost, for comparing architectures. */
  weeklyUsd: Money;
  /** Whether GPU tasks and the rest were sized apart, on GPU and on other nodes (solveWeek). */
  gpuSplit: boolean;
  /** The services sized on nodes of their own, kept all week (solveWeek with steadyApart); empty otherwise. */
  steady: string[];
  /**
   * Where each service runs on one instance type at every level (solveWeek with steadyApart: ECS), that type
   * per service name (serviceTypes); empty otherwise.
   */
  ownTypes: Map<string, string>;
  /**
   * Where the fleet was sized with both architectures, the architecture each service built for both was given
   * (oneArchitectureEach, intoHoles); empty otherwise.
   */
  architectures: Map<string, Architecture>;
}

/** What a fleet's nodes must hold: the tasks, the per-node agents and the optimizer's options for them. */
export interface FleetDemand {
  options: FleetOptions;
  /** Services that run on every node: per-node requests (none when only agents run on EC2). */
  daemons: NormalisedService[];
  /** Services placed as tasks (the agents themselves when nothing else runs on EC2). */
  taskServices: NormalisedService[];
  onlyDaemons: boolean;
  /** Whether the EKS add-ons (VPC CNI, kube-proxy, CoreDNS) run as pods on these nodes. */
  eksSystemPods: boolean;
}

/**
 * How the fleet of `services` is asked of the optimizer: the same for sizing it (planEc2Fleet) and for
 * checking that some instance type can hold its tasks at all (sizing/node-fit.ts).
 */
export function fleetDemand(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  services: readonly NormalisedService[],
): FleetDemand {
  // A fleet part runs one OS (fleetParts): EKS Windows nodes hold one ENI's addresses − 1 pods.
  const eksWindows = orchestrator === 'eks' && services.some((s) => s.os === 'windows');
  // Auto Mode runs the VPC CNI, kube-proxy and CoreDNS as part of the node, not as pods
  // (https://docs.aws.amazon.com/eks/latest/userguide/automode.html), so they take no pod requests. Nor do
  // they on an EKS Windows node: the aws-node DaemonSet's node affinity asks for kubernetes.io/os linux
  // (aws/amazon-vpc-cni-k8s config/master/aws-k8s-cni.yaml), and the EKS Windows AMIs run kube-proxy on the
  // host, as they do the kubelet (https://docs.aws.amazon.com/eks/latest/userguide/eks-optimized-windows-ami.html).
  const eksSystemPods = orchestrator === 'eks' && nodes !== 'eks-auto-mode' && !eksWindows;
  // Per-node agents become requests on every node; if nothing else runs on EC2, the agents alone
  // still need one node each to run on.
  const onlyDaemons = services.every((s) => s.needs.daemon);
  const daemons = onlyDaemons ? [] : services.filter((s) => s.needs.daemon);
  const taskServices = onlyDaemons ? [...services] : services.filter((s) => !s.needs.daemon);
  const maxTasksPerNode = diskTaskLimit(orchestrator, nodes, daemons, taskServices);
  const options: FleetOptions = {
    orchestrator,
    daemonSets: [
      ...daemons.map((d) => ({ vcpu: d.vcpu, memoryMiB: d.memoryMiB })),
      ...(eksSystemPods ? EKS_NODE_DAEMONS : []),
    ],
    minNodes: spreadOf(nodes, taskServices),
    // ECS on EC2 is priced in bridge mode: awsvpc without ENI trunking holds only ENIs − 1 tasks per instance.
    // Managed Instances trunk ENIs, whose per-type limits the catalog lacks: no task limit either.
    ecsNetworkMode: 'bridge',
    ...(nodes === 'eks-auto-mode' ? { eksMaxPodsCap: AUTO_MODE_MAX_PODS } : {}),
    ...(eksWindows ? { eksWindowsNodes: true } : {}),
    ...(maxTasksPerNode === null ? {} : { maxTasksPerNode }),
  };
  return { options, daemons, taskServices, onlyDaemons, eksSystemPods };
}

/**
 * How many tasks one node may hold so that their ephemeral storage, and the per-node agents', fits its disk
 * (sizing/root-volumes.ts); null when no task asks for storage. ECS on EC2 and ECS Managed Instances share one
 * solve (fleetCapacityModel), so an ECS fleet takes the lower limit of the two.
 */
function diskTaskLimit(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  daemons: readonly NormalisedService[],
  taskServices: readonly NormalisedService[],
): number | null {
  const largestTaskGiB = Math.max(0, ...taskServices.map(taskEphemeralGiB));
  if (largestTaskGiB === 0) return null;
  const os = [...daemons, ...taskServices].some((s) => s.os === 'windows') ? 'windows' : 'linux';
  const agentsGiB = daemons.reduce((sum, d) => sum + taskEphemeralGiB(d), 0);
  const kinds: NodeDiskKind[] =
    orchestrator === 'ecs' ? ['ecs', 'ecs-managed-instances'] : [nodeDiskKind(orchestrator, nodes)];
  const limits = kinds.map((kind) => maxTasksPerNodeForDisk({ kind, os, agentsGiB, largestTaskGiB }) ?? 0);
  return Math.min(...limits);
}

/**
 * The services of one operating system on a fleet, and what their nodes must hold. A node runs Linux or
 * Windows, never both, so a fleet with services of both is sized as two parts (planEc2Fleet), each with its
 * own per-node agents and capacity model.
 */
export interface OsPart {
  os: OperatingSystem;
  /** `Linux nodes` or `Windows nodes` where the fleet has both parts (it starts their notes); null otherwise. */
  label: string | null;
  services: NormalisedService[];
  demand: FleetDemand;
}

/**
 * The fleet's services by operating system, Linux first: one part, or two where Linux and Windows services
 * share the fleet. A per-node agent belongs to the part of its OS: an ECS daemon service's task definition and
 * a Kubernetes DaemonSet's pods run on nodes of one OS, so it runs (and is counted) on those nodes only.
 */
export function fleetParts(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  services: readonly NormalisedService[],
): OsPart[] {
  const found = OPERATING_SYSTEMS.filter((os) => services.some((s) => s.os === os));
  const oses = found.length === 0 ? (['linux'] as const) : found;
  return oses.map((os) => {
    const own = oses.length === 1 ? [...services] : services.filter((s) => s.os === os);
    return {
      os,
      label: oses.length === 1 ? null : PART_LABELS[os],
      services: own,
      demand: fleetDemand(orchestrator, nodes, own),
    };
  });
}

const OPERATING_SYSTEMS = ['linux', 'windows'] as const;
const PART_LABELS: Record<OperatingSystem, string> = { linux: 'Linux nodes', windows: 'Windows nodes' };

/** A note of one part, starting with which part it is about where the fleet has two. */
function labelled(part: Pick<OsPart, 'label'>, note: string): string {
  return part.label === null ? note : `${part.label}: ${note}`;
}

/**
 * Sizes one fleet per distinct capacity level of the week and counts the minutes each instance type runs.
 * The capacity holds the highest replica count of each hour, in place `scaleOutLeadMinutes` ahead of a
 * rise: a short spike is sized for its height, not for its hourly average (which is what Fargate bills).
 * Daemon services become per-node requests, and every node of their OS can run every daemon. The fleet keeps
 * to one CPU architecture unless its services need two, or two save more than the stated threshold. Linux and
 * Windows services are sized apart (a node runs one OS), at every level, and each level's two plans added up.
 */
export async function planEc2Fleet(input: PlanEc2FleetInput): Promise<Ec2Sizing> {
  const { orchestrator } = input;
  const nodes = input.nodes ?? 'self-managed';
  const parts = fleetParts(orchestrator, nodes, input.services);
  const notes: string[] = [];
  if (parts.length > 1) notes.push(splitNote(parts));
  for (const part of parts)
    if (part.demand.onlyDaemons)
      notes.push(labelled(part, 'only per-node agents run on EC2 here: sized as one node for them'));
  const levels = capacityLevels(
    parts.flatMap((p) => p.demand.taskServices.map((service) => ({ service, always: p.demand.onlyDaemons }))),
    input.scaleOutLeadMinutes,
  );
  if (levels.rises && input.scaleOutLeadMinutes > 0) {
    notes.push(
      `EC2 capacity holds the highest replica count of each hour and is in place ${input.scaleOutLeadMinutes} minutes before each rise (${orchestrator === 'ecs' ? 'the instance warm-up of ECS managed scaling' : "ECS managed scaling's default instance warm-up, taken for a new EKS node to launch, join and pull images too"}, settings/fleet.yaml); Fargate bills the replicas actually running`,
    );
  }

  let week: SolvedWeek;
  if (parts.length === 1) {
    const [part] = parts;
    const own = await sizePart(part!, levels.levels, input, notes);
    week =
      part!.os === 'windows'
        ? { ...own, levels: own.levels.map((level) => ({ ...level, plan: onWindows(level.plan) })) }
        : own;
  } else {
    const sized: { part: OsPart; at: number[]; week: SolvedWeek }[] = [];
    for (const part of parts) {
      const own = levelsOf(levels.levels, new Set(part.demand.taskServices.map((s) => s.name)));
      const partNotes: string[] = [];
      const partWeek = await sizePart(part, own.levels, input, partNotes);
      notes.push(...partNotes.map((note) => labelled(part, note)));
      sized.push({ part, at: own.at, week: partWeek });
    }
    week = weekOf(
      levels.levels.map((level, i) => ({
        ...level,
        plan: sized
          .map(({ part, at, week: w }) => {
            const plan = at[i] === -1 ? emptyPlan() : w.levels[at[i]!]!.plan;
            return labelPartNotes(part.os === 'windows' ? onWindows(plan) : plan, part);
          })
          .reduce(addPlans),
      })),
      sized.some((s) => s.week.gpuSplit),
      sized.flatMap((s) => s.week.steady).sort(),
      new Map(sized.flatMap((s) => [...s.week.ownTypes])),
    );
    week.architectures = new Map(sized.flatMap((s) => [...s.week.architectures]));
  }
  const solved = week.levels;
  const peak = peakPlanOf(solved.map((level) => level.plan));
  const instanceMinutes = new Map<string, { instanceType: string; os: NodeOs; minutes: number }>();
  for (const { plan, minutes } of solved) {
    for (const line of plan.byType) {
      const key = lineKey(line);
      const seen = instanceMinutes.get(key) ?? { instanceType: line.instanceType, os: line.os, minutes: 0 };
      seen.minutes += line.count * minutes;
      instanceMinutes.set(key, seen);
    }
    for (const u of plan.unplaceable) notes.push(`${u.service}: ${u.reason}`);
    // A safety stop on any level, not only the peak, means this fleet may differ between runs: say so.
    if (plan.stoppedBy === 'safety-time-limit')
      notes.push(...plan.notes.filter((n) => n.toLowerCase().includes('safety')));
  }
  if (peak === null) throw new Error('no EC2 tasks to place: every service has zero replicas all week');
  for (const part of parts) {
    const limit = part.demand.options.maxTasksPerNode;
    const own = peak.nodes.filter((n) => nodeOs(n) === part.os);
    if (limit !== undefined && own.some((n) => n.tasks.reduce((sum, t) => sum + t.count, 0) >= limit))
      notes.push(
        labelled(
          part,
          `no node holds more than ${limit} task${limit === 1 ? '' : 's'}, so that ${limit} × ${Math.max(...part.demand.taskServices.map(taskEphemeralGiB))} GiB of ephemeral storage (the largest task's), with the per-node agents', fits one EBS volume of at most ${MAX_ROOT_VOLUME_GIB} GiB (docs/pricing.md#root-volumes-of-ec2-nodes)`,
        ),
      );
  }
  const typical = medianPlan(solved);
  const floor = fleetFloor(solved);
  const counts = (plan: OsPlan): FleetTypeCount[] =>
    plan.byType.map((l) => withOs({ instanceType: l.instanceType, count: l.count }, l.os));
  const gaps = {
    peak: peak.gap,
    typical: typical === null ? null : typical.gap,
    week: weeklyGap(week),
    gpuSplit: week.gpuSplit,
    steadyApart: week.steady.length > 0,
    ownTypes: week.ownTypes.size > 0,
    oneArchitecture: week.architectures.size > 0,
  };
  if (week.steady.length > 0) notes.push(steadyNote(week.steady, input.services));
  if (week.ownTypes.size > 0) notes.push(ownTypesNote(week.ownTypes));
  const steadyNames = new Set(week.steady);
  const steadyTypes = new Map<string, FleetTypeCount>();
  for (const node of peak.nodes) {
    if (node.tasks.length === 0 || !node.tasks.every((t) => steadyNames.has(t.service))) continue;
    const key = lineKey(node);
    const seen = steadyTypes.get(key) ?? withOs({ instanceType: node.instanceType, count: 0 }, node.os);
    seen.count += 1;
    steadyTypes.set(key, seen);
  }
  return {
    // The method note is the peak level's: every level has its own, and the typical one may differ.
    notes: [
      ...new Set([...notes, ...peak.notes.map((n) => labelMethodNote(n, 'peak fleet')), gapNote(gaps)]),
    ],
    fleet: {
      peak: counts(peak),
      typical: typical === null ? [] : counts(typical),
      floor,
      steadyServices: week.steady,
      steady: [...steadyTypes.values()].sort(
        (a, b) => a.instanceType.localeCompare(b.instanceType) || osRank(a) - osRank(b),
      ),
      ceiling: fleetCeiling(solved),
      resourceCeiling: resourceCeiling(solved, input.types),
      placement: peak.nodes.map((n) => ({
        instanceType: n.instanceType,
        ...(n.os === undefined ? {} : { os: n.os }),
        tasks: n.tasks.map((t) => ({ service: t.service, count: t.count })),
      })),
      instanceMinutesPerWeek: [...instanceMinutes.values()]
        .sort((a, b) => a.instanceType.localeCompare(b.instanceType) || osRank(a) - osRank(b))
        .map(({ instanceType, os, minutes }) => withOs({ instanceType, minutes }, os)),
      servicePeaks: servicePeaks(solved),
      serviceTypicals: servicePlacements(typical),
      unplaced: unplacedNames(week),
      priceReference: input.priceReference ?? null,
      peakHourlyUsd: peak.hourlyUsd,
      peakLowerBoundHourlyUsd: peak.lowerBoundHourlyUsd,
      peakGap: gaps.peak,
      typicalGap: gaps.typical,
      weeklyGap: gaps.week,
      method: peak.method,
    },
  };
}

/** Per type and OS, the most nodes of any level of the week (Fleet.ceiling), in the order of the fleet's other lines. */
function fleetCeiling(levels: readonly { plan: OsPlan }[]): FleetTypeCount[] {
  const most = new Map<string, FleetTypeCount>();
  for (const { plan } of levels)
    for (const line of plan.byType) {
      const seen = most.get(lineKey(line));
      if (seen === undefined || line.count > seen.count)
        most.set(lineKey(line), withOs({ instanceType: line.instanceType, count: line.count }, line.os));
    }
  return [...most.values()]
    .filter((l) => l.count > 0)
    .sort((a, b) => a.instanceType.localeCompare(b.instanceType) || osRank(a) - osRank(b));
}

/**
 * Per kind of node (architecture, GPU or not, OS), the most vCPU and memory any level runs (Fleet.resourceCeiling):
 * each at its own level, as a limit on a pool's total must allow both.
 */
function resourceCeiling(
  levels: readonly { plan: OsPlan }[],
  types: readonly PricedInstanceType[],
): ResourceCeiling[] {
  const most = new Map<string, ResourceCeiling>();
  for (const { plan } of levels) {
    const here = new Map<string, ResourceCeiling>();
    for (const line of plan.byType) {
      const type = types.find((t) => t.name === line.instanceType);
      if (type === undefined) continue;
      const kind = withOs(
        { architecture: type.architecture, gpu: type.gpuCount > 0, vcpu: 0, memoryMiB: 0 },
        line.os,
      );
      const key = `${kind.architecture}/${kind.gpu}/${nodeOs(kind)}`;
      const sum = here.get(key) ?? kind;
      sum.vcpu += type.vcpu * line.count;
      sum.memoryMiB += type.memoryMiB * line.count;
      here.set(key, sum);
    }
    for (const [key, sum] of here) {
      const seen = most.get(key);
      if (seen === undefined) most.set(key, { ...sum });
      else {
        seen.vcpu = Math.max(seen.vcpu, sum.vcpu);
        seen.memoryMiB = Math.max(seen.memoryMiB, sum.memoryMiB);
      }
    }
  }
  return [...most.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r);
}

/**
 * Each service's tasks per type and OS at its busiest level (Fleet.servicePeaks): the level whose plan places
 * the most of its tasks; of equal ones, the level the week spends the most minutes at, then the first.
 */
function servicePeaks(levels: readonly { plan: OsPlan; minutes: number }[]): ServicePlacement[] {
  const best = new Map<string, { tasks: number; minutes: number; plan: OsPlan }>();
  for (const { plan, minutes } of levels) {
    const tasks = new Map<string, number>();
    for (const node of plan.nodes)
      for (const t of node.tasks) tasks.set(t.service, (tasks.get(t.service) ?? 0) + t.count);
    for (const [service, n] of tasks) {
      const seen = best.get(service);
      if (seen === undefined || n > seen.tasks || (n === seen.tasks && minutes > seen.minutes))
        best.set(service, { tasks: n, minutes, plan });
    }
  }
  return [...best.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, { plan }]) => ({ service, tasks: tasksOf(plan, service) }));
}

/** Each service's tasks per type and OS in one plan (Fleet.serviceTypicals for the typical fleet). */
function servicePlacements(plan: OsPlan | null): ServicePlacement[] {
  if (plan === null) return [];
  const names = new Set(plan.nodes.flatMap((n) => n.tasks.map((t) => t.service)));
  return [...names].sort().map((service) => ({ service, tasks: tasksOf(plan, service) }));
}

/** One service's tasks in a plan, per type and OS. */
function tasksOf(plan: OsPlan, service: string): ServicePlacement['tasks'] {
  const byType = new Map<string, ServicePlacement['tasks'][number]>();
  for (const node of plan.nodes)
    for (const t of node.tasks) {
      if (t.service !== service || t.count === 0) continue;
      const seen =
        byType.get(lineKey(node)) ?? withOs({ instanceType: node.instanceType, count: 0 }, node.os);
      seen.count += t.count;
      byType.set(lineKey(node), seen);
    }
  return [...byType.values()].sort(
    (a, b) => a.instanceType.localeCompare(b.instanceType) || osRank(a) - osRank(b),
  );
}

/** What the notes say of a fleet sized in two parts, one per operating system. */
function splitNote(parts: readonly OsPart[]): string {
  const names = (part: OsPart) => part.services.map((s) => s.name).join(', ');
  return `Linux and Windows services sized apart: a node runs one operating system, so the fleet is two parts in one cluster (${parts.map((p) => `${p.label}: ${names(p)}`).join('; ')}), each billed at its own OS's rate; each traffic level's fleet is the two parts added up`;
}

/** What the notes say of a fleet whose steady services were sized on nodes of their own (solveWeek). */
function steadyNote(steady: readonly string[], services: readonly NormalisedService[]): string {
  const names = new Set(steady);
  const others = services.filter((s) => !names.has(s.name) && !s.needs.daemon).map((s) => s.name);
  const list = (items: readonly string[]) => items.join(', ');
  return `ECS never moves a running task, and places a service's tasks only on the capacity providers its strategy names: the services that run the same number of tasks all week (${list(steady)}) are sized on nodes of their own, kept all week, and the others (${list(others)}) on nodes that come and go with them; the starter code launches the two apart (docs/pricing.md#steady-services-keep-their-nodes-on-ecs)`;
}

/**
 * Sizes one part's levels: its instance types (without GPU types when none of its tasks asks for a GPU, as a
 * fleet of these services alone would have them), the architecture its per-node agents need, then the
 * architecture choice and GPU split.
 */
async function sizePart(
  part: OsPart,
  levels: readonly Level[],
  input: PlanEc2FleetInput,
  notes: string[],
): Promise<SolvedWeek> {
  const { daemons, taskServices, options } = part.demand;
  let types = input.types;
  if (!part.services.some((s) => s.gpus.count > 0) && types.some((t) => t.gpuCount > 0))
    types = subsetOf(types, 'no-gpu', (t) => t.gpuCount === 0);
  // Every node must run every per-node agent: an agent built for one architecture restricts the nodes.
  const daemonArchitectures = new Set(daemons.map((d) => d.architecture).filter((a) => a !== 'any'));
  for (const architecture of daemonArchitectures) {
    types = subsetOf(types, architecture, (t) => t.architecture === architecture);
    const names = daemons.filter((d) => d.architecture === architecture).map((d) => d.name);
    notes.push(
      `${names.join(', ')} run${names.length === 1 ? 's' : ''} on every node and ${names.length === 1 ? 'is' : 'are'} built for ${architecture} only: every node is ${architecture}`,
    );
  }
  return chooseArchitecture(taskServices, types, levels, input, options, notes);
}

/**
 * One part's levels of the week: each level's task groups of these services only, the levels that have none
 * left out and equal ones merged (their minutes added), in order of first appearance, as the part's own week
 * would have them; and for each level of the week, the index of its part level (-1 where the part runs nothing).
 */
function levelsOf(
  levels: readonly Level[],
  services: ReadonlySet<string>,
): { levels: Level[]; at: number[] } {
  const own: Level[] = [];
  const byKey = new Map<string, number>();
  const at = levels.map((level) => {
    const groups = level.groups.filter((g) => services.has(g.service));
    if (groups.length === 0) return -1;
    const key = groups.map((g) => `${g.service}:${g.count}`).join(',');
    let index = byKey.get(key);
    if (index === undefined) {
      index = own.push({ groups, minutes: 0 }) - 1;
      byKey.set(key, index);
    }
    own[index]!.minutes += level.minutes;
    return index;
  });
  return { levels: own, at };
}

/** A plan of Windows nodes: every node and type line says so. */
function onWindows(plan: OsPlan): OsPlan {
  return {
    ...plan,
    nodes: plan.nodes.map((n) => ({ ...n, os: 'windows' as const })),
    byType: plan.byType.map((l) => ({ ...l, os: 'windows' as const })),
  };
}

/** A part's notes about its instance types and method, saying which part they are about (labelTypeNotes). */
function labelPartNotes(plan: OsPlan, part: OsPart): OsPlan {
  if (part.label === null) return plan;
  const label = part.label;
  const os = label.slice(0, label.indexOf(' '));
  const notes = plan.notes.map((note) => {
    if (!isTypesKeptNote(note)) return labelMethodNote(note, label);
    // A part that was split again (GPU nodes and other nodes) already names its half.
    const half = /^(GPU nodes|other nodes): /.exec(note);
    return half === null ? `${label}: ${note}` : `${os} ${note}`;
  });
  return { ...plan, notes };
}

/** A fleet line with its OS where it is Windows (Linux lines carry none, as they always have). */
function withOs<T extends object>(line: T, os: NodeOs): T & { os?: 'windows' } {
  return os === undefined ? line : { ...line, os };
}

/** Linux lines before Windows lines of the same type. */
function osRank(line: { os?: NodeOs }): number {
  return line.os === undefined ? 0 : 1;
}

/** A type line's key: its instance type and OS. */
function lineKey(line: { instanceType: string; os?: NodeOs }): string {
  return `${line.instanceType}/${nodeOs(line)}`;
}

/**
 * Keeps the fleet on one architecture unless the services need both. Where multi-arch services could go
 * either way, each single architecture is sized, and both together only win by more than the threshold.
 */
async function chooseArchitecture(
  services: readonly NormalisedService[],
  types: PricedInstanceType[],
  levels: readonly Level[],
  input: PlanEc2FleetInput,
  options: FleetOptions,
  notes: string[],
): Promise<SolvedWeek> {
  const required = new Set(services.map((s) => s.architecture).filter((a) => a !== 'any'));
  const available = new Set(types.map((t) => t.architecture));
  const flexible = services.some((s) => s.architecture === 'any');
  const only = (a: Architecture) => subsetOf(types, a, (t) => t.architecture === a);
  const solveWith = (subset: PricedInstanceType[], at: readonly Level[] = levels) =>
    solveWeek(at, subset, input.solve, options, input.steadyApart ?? false);
  // A service built for both architectures still runs on one of them, in one node pool: where the fleet may have
  // both, each such service is given one before the fleet is sized (oneArchitectureEach).
  const mixedWeek = async () => {
    const alone = oneArchitectureEach(levels, types, options);
    let week = { ...(await solveWith(types, alone.levels)), architectures: alone.architectures };
    // Services the other architecture's nodes have room for at every level, in the fleet just sized.
    const holes = intoHoles(week, alone.architectures, types, options);
    if (holes !== null) {
      const other = await solveWith(types, pinArchitectures(levels, holes));
      if (beats(other, week)) week = { ...other, architectures: holes };
    }
    return week;
  };
  // The note naming each pinned service's architecture, where the mixed week is the one kept.
  const pinnedNote = (week: SolvedWeek) =>
    week.architectures.size > 0 ? [oneArchitectureNote(week.architectures)] : [];
  if (available.size < 2) return solveWith(types);
  if (required.size === 2) {
    const mixed = await mixedWeek();
    notes.push(...pinnedNote(mixed));
    return mixed;
  }
  if (!flexible) {
    // Only system pods (CoreDNS) could use another architecture: they never pull one in on their own.
    const [architecture] = required.size === 1 ? [...required] : ['x86_64' as const];
    return solveWith(only(architecture!));
  }
  const singles: [Architecture, SolvedWeek][] = [];
  for (const a of (required.size === 1 ? [...required] : ['x86_64', 'arm64']) as Architecture[])
    singles.push([a, await solveWith(only(a))]);
  // A week that leaves services unplaced costs nothing for them: it never beats one that places more.
  const [bestArchitecture, best] = singles.reduce((a, b) => (beats(b[1], a[1]) ? b : a));
  const mixed = await mixedWeek();
  if (unplacedServices(mixed) < unplacedServices(best)) {
    notes.push(
      `x86_64 and arm64 nodes side by side: ${bestArchitecture} alone cannot hold every service (${unplacedNames(best).join(', ')})`,
    );
    notes.push(...pinnedNote(mixed));
    return mixed;
  }
  const saving = best.weeklyUsd.isZero()
    ? 0
    : best.weeklyUsd.minus(mixed.weeklyUsd).dividedBy(best.weeklyUsd).toNumber();
  const [percent, threshold] = percents(Math.max(0, saving), input.secondArchitectureMinSaving);
  if (saving > input.secondArchitectureMinSaving) {
    notes.push(...pinnedNote(mixed));
    notes.push(
      `x86_64 and arm64 nodes side by side: mixing saves ${percent} of the fleet's weekly cost over ${bestArchitecture} alone, more than the ${threshold} a second AMI and node group must save (settings/fleet.yaml)`,
    );
    return mixed;
  }
  notes.push(
    `one architecture (${bestArchitecture}) for the whole fleet: adding the other would save ${percent}, not the ${threshold} a second AMI and node group must save (settings/fleet.yaml)`,
  );
  return best;
}

/**
 * The levels with every service built for both architectures (`architecture: any`) on one of them, as the
 * starter code runs it where the fleet has both: a service's tasks run in one node pool, and a pool is of one
 * architecture (one AMI; deployment/node-pools.ts). Each gets the architecture of the type that would run its
 * tasks alone for the least over the week (serviceTypes: each level's tasks on as few nodes of the type as hold
 * them, within the spread). A service no type holds stays as it is (it is reported unplaced).
 * docs/pricing.md#each-service-runs-on-one-architecture
 */
function oneArchitectureEach(
  levels: readonly Level[],
  types: PricedInstanceType[],
  options: FleetOptions,
): { levels: Level[]; architectures: Map<string, Architecture> } {
  const architectureOf = new Map(types.map((t) => [t.name, t.architecture]));
  const flexible = new Set(
    levels.flatMap((l) => l.groups.filter((g) => g.architecture === 'any').map((g) => g.service)),
  );
  const architectures = new Map<string, Architecture>();
  for (const [service, type] of serviceTypes(levels, types, options))
    if (flexible.has(service)) architectures.set(service, architectureOf.get(type)!);
  return { levels: pinArchitectures(levels, architectures), architectures };
}

/** The levels with each service built for both architectures on the one given for it (none: as it is). */
function pinArchitectures(levels: readonly Level[], to: ReadonlyMap<string, Architecture>): Level[] {
  return levels.map((level) => ({
    ...level,
    groups: level.groups.map((g) => {
      const architecture = g.architecture === 'any' ? to.get(g.service) : undefined;
      return architecture === undefined ? g : { ...g, architecture };
    }),
  }));
}

/**
 * The assignment with the services built for both architectures moved to the other one where the week's nodes
 * of that architecture have room for all of the service's tasks at every level (free vCPU, memory and task
 * slots, no GPU node, within the spread: at most ceil(count / minNodes) of its tasks a node, one where it asks
 * for one a node), services taken by most task-minutes first, each move taking the room it uses. Null where no
 * service moves, or where the moves leave no node of the week empty (then they save nothing for sure, and
 * sizing the week again for them costs as much time as the first sizing). The alone assignment misses that
 * room: a service cheaper alone on Graviton is cheaper still in the gaps the x86-only services leave.
 */
function intoHoles(
  week: SolvedWeek,
  assigned: ReadonlyMap<string, Architecture>,
  types: readonly PricedInstanceType[],
  options: FleetOptions,
): Map<string, Architecture> | null {
  const architectureOf = new Map(types.map((t) => [t.name, t.architecture]));
  const spread = Math.max(1, Math.floor(options.minNodes ?? 1));
  const slots = options.maxTasksPerNode ?? Number.POSITIVE_INFINITY;
  // Per level, each node's free room (vCPU, memory, task slots), updated as services move in.
  const room = week.levels.map(({ plan }) =>
    plan.nodes.map((n) => ({
      architecture: architectureOf.get(n.instanceType),
      gpu: n.capacity.gpus > 0,
      vcpu: n.capacity.vcpu - n.usedVcpu,
      memoryMiB: n.capacity.memoryMiB - n.usedMemoryMiB,
      tasks: Math.min(n.capacity.maxTasks, slots) - n.tasks.reduce((sum, t) => sum + t.count, 0),
    })),
  );
  const taskMinutes = new Map<string, number>();
  for (const { groups, minutes } of week.levels)
    for (const g of groups) taskMinutes.set(g.service, (taskMinutes.get(g.service) ?? 0) + g.count * minutes);
  const minutesOf = (service: string) => taskMinutes.get(service) ?? 0;
  const order = [...assigned.keys()].sort((a, b) => minutesOf(b) - minutesOf(a) || a.localeCompare(b));
  const moved = new Map(assigned);
  let any = false;
  for (const service of order) {
    const to: Architecture = assigned.get(service) === 'arm64' ? 'x86_64' : 'arm64';
    const tried = room.map((nodes) => nodes.map((n) => ({ ...n })));
    const fits = week.levels.every((level, i) => {
      for (const g of level.groups.filter((x) => x.service === service)) {
        if (g.gpus > 0) return false;
        const cap = g.onePerNode === true ? 1 : spreadCap(g.count, spread);
        let left = g.count;
        for (const node of tried[i]!) {
          if (node.architecture !== to || node.gpu) continue;
          let here = 0;
          while (
            left > 0 &&
            here < cap &&
            node.tasks >= 1 &&
            node.vcpu + 1e-9 >= g.vcpu &&
            node.memoryMiB >= g.memoryMiB
          ) {
            node.vcpu -= g.vcpu;
            node.memoryMiB -= g.memoryMiB;
            node.tasks -= 1;
            here++;
            left--;
          }
        }
        if (left > 0) return false;
      }
      return true;
    });
    if (!fits) continue;
    tried.forEach((nodes, i) => {
      room[i] = nodes;
    });
    moved.set(service, to);
    any = true;
  }
  // Sized again only where a move leaves some node with no task: a sure saving at that level.
  return any && emptiesANode(week, moved, assigned) ? moved : null;
}

/** Whether moving the services whose architecture changed leaves some node of the week with no task. */
function emptiesANode(
  week: SolvedWeek,
  moved: ReadonlyMap<string, Architecture>,
  assigned: ReadonlyMap<string, Architecture>,
): boolean {
  const leaving = new Set([...moved].filter(([s, a]) => assigned.get(s) !== a).map(([s]) => s));
  return week.levels.some(({ plan }) =>
    plan.nodes.some(
      (n) => n.tasks.length > 0 && n.tasks.every((t) => leaving.has(t.service) || t.count === 0),
    ),
  );
}

/**
 * A saving and its threshold as percentages: the saving with as many decimals (one at least, four at most) as
 * it takes to read differently from the threshold, so one just above it never reads as equal to it (`10.0 %,
 * more than the 10 %`); the threshold with no trailing zeros.
 */
export function percents(saving: number, threshold: number): [string, string] {
  let digits = 1;
  while (digits < 4 && (saving * 100).toFixed(digits) === (threshold * 100).toFixed(digits)) digits++;
  return [`${(saving * 100).toFixed(digits)} %`, `${Number((threshold * 100).toFixed(digits))} %`];
}

/** The note on the architecture each service built for both runs on (oneArchitectureEach). */
function oneArchitectureNote(chosen: ReadonlyMap<string, Architecture>): string {
  const byArchitecture = new Map<Architecture, string[]>();
  for (const [service, architecture] of chosen)
    byArchitecture.set(architecture, [...(byArchitecture.get(architecture) ?? []), service]);
  const list = [...byArchitecture]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([architecture, services]) => `${architecture} (${services.sort().join(', ')})`)
    .join('; ');
  return `each service built for both architectures runs on one of them at every hour, since its tasks run in one node pool and a pool is of one architecture; each gets the architecture of the instance type that would run its tasks alone for the least over the week, or the other one where that architecture's nodes have room for all its tasks at every hour and the fleet sized so costs less: ${list}; a heuristic: declaring a service's architecture pins it, which can cost less (docs/pricing.md#each-service-runs-on-one-architecture)`;
}

/** The services some level of the week leaves without a node that holds them. */
function unplacedNames(week: SolvedWeek): string[] {
  return [...new Set(week.levels.flatMap((l) => l.plan.unplaceable.map((u) => u.service)))].sort();
}

function unplacedServices(week: SolvedWeek): number {
  return unplacedNames(week).length;
}

/**
 * Whether `week` is the better of two weeks: it leaves fewer services unplaced (a week that leaves services
 * unplaced costs nothing for them, so it never beats one that places more), or as many and costs less.
 */
function beats(week: SolvedWeek, other: SolvedWeek): boolean {
  const fewer = unplacedServices(week) - unplacedServices(other);
  return fewer < 0 || (fewer === 0 && week.weeklyUsd.lessThan(other.weeklyUsd));
}

/**
 * Sizes every level of the week. Where running tasks stay where they started (`steadyApart`: ECS, see
 * keepsTasksInPlace), the services whose task count is the same at every minute of the week are sized once,
 * on nodes of their own that every level keeps, and the rest level by level on other nodes: ECS never moves a
 * running task, so a fleet that re-packed the steady tasks at each level would be one ECS never runs
 * (docs/pricing.md#steady-services-keep-their-nodes-on-ecs). The starter code launches the two apart.
 */
async function solveWeek(
  levels: readonly Level[],
  types: PricedInstanceType[],
  solve: FleetSolver,
  options: FleetOptions,
  steadyApart: boolean,
): Promise<SolvedWeek> {
  const steady = steadyApart ? steadyServicesOf(levels) : new Set<string>();
  const isSteady = (g: FleetTaskGroup) => steady.has(g.service);
  // A week of steady services only runs one set of tasks at every minute: the weights of its one placement
  // split each service's tasks as placed at every hour, so its types need not be one per service.
  if (steady.size > 0 && levels.every((l) => l.groups.every(isSteady)))
    return solveGpuApart(levels, types, solve, options);
  if (steady.size === 0)
    return steadyApart
      ? solveOnOwnTypes(levels, types, solve, options)
      : solveGpuApart(levels, types, solve, options);
  const steadyGroups = levels[0]!.groups.filter(isSteady);
  const steadyWeek = await solveGpuApart(
    [{ groups: steadyGroups, minutes: MINUTES_PER_WEEK }],
    types,
    solve,
    {
      ...options,
      minNodes: partMinNodes([steadyGroups], options),
    },
  );
  const steadyPlan = labelTypeNotes(steadyWeek.levels[0]!.plan, STEADY_LABEL);
  const scaling = await sizeApart(
    levels,
    (g) => !isSteady(g),
    options,
    (busy, partOptions) => solveOnOwnTypes(busy, types, solve, partOptions),
  );
  return weekOf(
    levels.map((level, i) => ({
      ...level,
      plan: addPlans(steadyPlan, labelTypeNotes(scaling.plans[i]!, SCALING_LABEL)),
    })),
    steadyWeek.gpuSplit || (scaling.week?.gpuSplit ?? false),
    [...steady].sort(),
    scaling.week?.ownTypes,
  );
}

/**
 * Sizes every level of the week with each service on one instance type at every level, as ECS runs it: a
 * service's capacity provider strategy is fixed, so the share of its tasks each type's Auto Scaling group
 * (or Managed Instances capacity provider) gets is the same at every hour, and each group scales for its own
 * tasks alone. A fleet that re-packed a service onto other types level by level is one ECS never launches
 * (docs/pricing.md#each-ecs-service-runs-on-one-instance-type). Each service gets the type that runs it alone
 * for the least over the week (serviceTypes), or the one holding most of its tasks at its own busiest level
 * of the unrestricted fleet (busiestTypes), whichever week costs less; the services of one type are then
 * packed together, level by level, on nodes of that type only. A service no type holds is sized with all the
 * types (it is reported unplaced).
 */
async function solveOnOwnTypes(
  levels: readonly Level[],
  types: PricedInstanceType[],
  solve: FleetSolver,
  options: FleetOptions,
): Promise<SolvedWeek> {
  // One level all week: the strategy's weights split the tasks as placed at every minute (as for steady services).
  if (levels.length < 2) return solveGpuApart(levels, types, solve, options);
  const aloneTypes = serviceTypes(levels, types, options);
  const alone = await sizeOnTypes(levels, types, solve, options, aloneTypes);
  // Standalone costs miss what sharing saves (two services of one task per node each fill a larger node
  // together), so the types the unrestricted fleet gives each service at its own busiest level are tried too.
  const free = await solveGpuApart(levels, types, solve, options);
  const sharedTypes = busiestTypes(free.levels);
  // The same types give the same week: no need to size it again.
  if (
    [...aloneTypes].every(([service, type]) => sharedTypes.get(service) === type) &&
    aloneTypes.size === sharedTypes.size
  )
    return alone;
  const shared = await sizeOnTypes(levels, types, solve, options, sharedTypes);
  return beats(shared, alone) ? shared : alone;
}

/** Each service's type with the most of its tasks at its own busiest level (servicePeaks; ties by name). */
function busiestTypes(levels: readonly { plan: OsPlan; minutes: number }[]): Map<string, string> {
  const chosen = new Map<string, string>();
  for (const peak of servicePeaks(levels)) {
    const byType = new Map<string, number>();
    for (const t of peak.tasks) byType.set(t.instanceType, (byType.get(t.instanceType) ?? 0) + t.count);
    const [best] = [...byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (best !== undefined) chosen.set(peak.service, best[0]);
  }
  return chosen;
}

/** Sizes every level with each service on its given type only, the services of a type together (solveOnOwnTypes). */
async function sizeOnTypes(
  levels: readonly Level[],
  types: PricedInstanceType[],
  solve: FleetSolver,
  options: FleetOptions,
  ownTypes: Map<string, string>,
): Promise<SolvedWeek> {
  const names = [...new Set(ownTypes.values())].sort();
  let plans: OsPlan[] = levels.map(() => emptyPlan());
  const add = (part: OsPlan[]) => {
    plans = plans.map((plan, i) => addPlans(plan, part[i]!));
  };
  for (const name of names) {
    const subset = subsetOf(types, `type:${name}`, (t) => t.name === name);
    const part = await sizeApart(
      levels,
      (g) => ownTypes.get(g.service) === name,
      options,
      (busy, partOptions) => solveAll(busy, subset, solve, partOptions),
    );
    // Each part's note on the types kept says "1 of 1": the fleet's note on the types says how they were chosen.
    add(part.plans.map((plan) => ({ ...plan, notes: plan.notes.filter((n) => !isTypesKeptNote(n)) })));
  }
  const rest = await sizeApart(
    levels,
    (g) => !ownTypes.has(g.service),
    options,
    (busy, partOptions) => solveGpuApart(busy, types, solve, partOptions),
  );
  add(rest.plans);
  return weekOf(
    levels.map((level, i) => ({ ...level, plan: plans[i]! })),
    rest.week?.gpuSplit ?? false,
    [],
    ownTypes,
  );
}

/**
 * Each service's instance type on ECS: of the types that hold one of its tasks (architecture, GPUs and their
 * model; a type without GPUs for a task without one, where there is such a type), the one whose nodes would run
 * its tasks alone for the least over the week (each level's tasks on as few nodes as hold them, within the
 * spread, times the level's minutes and the type's hourly price); equal costs go to the lower hourly price,
 * then the name. Its tasks then share those nodes with the other services of the type. Services no type
 * holds get none.
 */
function serviceTypes(
  levels: readonly Level[],
  types: readonly PricedInstanceType[],
  options: FleetOptions,
): Map<string, string> {
  const minNodes = Math.max(1, Math.floor(options.minNodes ?? 1));
  const counts = new Map<string, { group: FleetTaskGroup; byLevel: number[] }>();
  levels.forEach((level, i) => {
    for (const group of level.groups) {
      const seen = counts.get(group.service) ?? { group, byLevel: levels.map(() => 0) };
      seen.byLevel[i]! += group.count;
      counts.set(group.service, seen);
    }
  });
  // The types the optimizer may use (filters and dominance pruning: catalogTypes), with their capacity.
  const kept = catalogTypes(types, options).kept;
  const anyWithoutGpu = kept.some((t) => t.gpu === 0);
  const chosen = new Map<string, string>();
  for (const [service, { group, byLevel }] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    const task = taskUnits(group.vcpu, group.memoryMiB, group.gpus, group.gpuModel);
    let best: { name: string; usd: number; price: number } | null = null;
    for (const type of kept) {
      if (!isCompatible({ architecture: group.architecture, ...task }, type)) continue;
      if (task.gpu === 0 && anyWithoutGpu && type.gpu > 0) continue;
      const by = (have: number, need: number) =>
        need === 0 ? Number.MAX_SAFE_INTEGER : Math.floor(have / need);
      const fit = Math.min(
        by(type.cpu, task.cpu),
        by(type.mem, task.mem),
        by(type.gpu, task.gpu),
        type.tasks,
        group.onePerNode === true ? 1 : Number.MAX_SAFE_INTEGER,
      );
      if (!(fit >= 1)) continue;
      let usd = 0;
      byLevel.forEach((count, i) => {
        if (count === 0) return;
        const perNode = Math.min(fit, spreadCap(count, minNodes));
        usd += Math.ceil(count / perNode) * type.price * levels[i]!.minutes;
      });
      const name = type.priced.name;
      if (
        best === null ||
        usd < best.usd - 1e-9 ||
        (Math.abs(usd - best.usd) <= 1e-9 &&
          (type.price < best.price || (type.price === best.price && name < best.name)))
      )
        best = { name, usd, price: type.price };
    }
    if (best !== null) chosen.set(service, best.name);
  }
  return chosen;
}

/** The note on which instance type runs each service (solveOnOwnTypes), type by type. */
function ownTypesNote(ownTypes: ReadonlyMap<string, string>): string {
  const byType = new Map<string, string[]>();
  for (const [service, type] of ownTypes) byType.set(type, [...(byType.get(type) ?? []), service]);
  const list = [...byType]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([type, services]) => `${type} (${services.sort().join(', ')})`)
    .join('; ');
  return `each service runs on one instance type at every hour, since its ECS capacity provider strategy is the same at every hour; each type is the one that would run the service alone for the least over the week or the one the fleet sized without this rule gave most of its tasks, whichever week costs less, and the services of a type share its nodes: ${list} (docs/pricing.md#each-ecs-service-runs-on-one-instance-type)`;
}

/** How the notes of the two parts of a fleet sized with its steady services apart name them. */
const STEADY_LABEL = 'nodes of the steady services';
const SCALING_LABEL = 'nodes that scale';

/**
 * The services of a week whose task count is the same at every minute: each is in every level with one count,
 * and the levels cover the whole week (a level leaves out the minutes where nothing runs).
 */
function steadyServicesOf(levels: readonly Level[]): Set<string> {
  const covered = levels.reduce((n, l) => n + l.minutes, 0);
  const steady = new Set<string>();
  const [first] = levels;
  if (first === undefined || levels.length < 2 || covered < MINUTES_PER_WEEK) return steady;
  for (const group of first.groups)
    if (levels.every((l) => l.groups.some((g) => g.service === group.service && g.count === group.count)))
      steady.add(group.service);
  return steady;
}

/** The spread a part of a fleet sized apart keeps: the fleet's, where some level of the part runs two tasks of a service. */
function partMinNodes(levels: readonly FleetTaskGroup[][], options: FleetOptions): FleetOptions['minNodes'] {
  return levels.some((groups) => groups.some((g) => g.count >= 2)) ? options.minNodes : 1;
}

/**
 * Each level's plan for the tasks `keep` selects, sized on their own with `size` (an empty plan where a level
 * has none of them), and the week those levels make (null where no level has any).
 */
async function sizeApart(
  levels: readonly Level[],
  keep: (g: FleetTaskGroup) => boolean,
  options: FleetOptions,
  size: (busy: Level[], options: FleetOptions) => Promise<SolvedWeek>,
): Promise<{ plans: OsPlan[]; week: SolvedWeek | null }> {
  const sub = levels.map((l) => ({ ...l, groups: l.groups.filter(keep) }));
  const busy = sub.filter((l) => l.groups.length > 0);
  const minNodes = partMinNodes(
    busy.map((l) => l.groups),
    options,
  );
  const week = busy.length === 0 ? null : await size(busy, { ...options, minNodes });
  let next = 0;
  const plans = sub.map((l) => (l.groups.length > 0 ? week!.levels[next++]!.plan : emptyPlan()));
  return { plans, week };
}

/**
 * Sizes every level of the week. GPU nodes hold only the tasks that need a GPU where other types can hold
 * the rest, as the starter code deploys them (deployment/node-pools.ts puts other services on non-GPU
 * pools, and EKS taints GPU nodes): the two parts are then sized apart and each level's plans added up.
 */
async function solveGpuApart(
  levels: readonly Level[],
  types: PricedInstanceType[],
  solve: FleetSolver,
  options: FleetOptions,
): Promise<SolvedWeek> {
  const needsGpu = (g: FleetTaskGroup) => g.gpus > 0;
  const gpuTypes = subsetOf(types, 'gpu', (t) => t.gpuCount > 0);
  const otherTypes = subsetOf(types, 'no-gpu', (t) => t.gpuCount === 0);
  const groups = levels.flatMap((l) => l.groups);
  const split =
    groups.some(needsGpu) && groups.some((g) => !needsGpu(g)) && gpuTypes.length > 0 && otherTypes.length > 0;
  if (!split) return solveAll(levels, types, solve, options);
  const part = async (keep: (g: FleetTaskGroup) => boolean, subset: PricedInstanceType[]) =>
    (
      await sizeApart(levels, keep, options, async (busy, partOptions) =>
        solveAll(busy, subset, solve, partOptions),
      )
    ).plans;
  const gpuPlans = (await part(needsGpu, gpuTypes)).map((plan) => labelTypeNotes(plan, 'GPU nodes'));
  const otherPlans = (await part((g) => !needsGpu(g), otherTypes)).map((plan) =>
    labelTypeNotes(plan, 'other nodes'),
  );
  return weekOf(
    levels.map((level, i) => ({ ...level, plan: addPlans(gpuPlans[i]!, otherPlans[i]!) })),
    true,
  );
}

/**
 * Where every task is built for one architecture (none `any`: services that need one, or those given one by
 * oneArchitectureEach) and the types are of both, no node may hold tasks of both, so the fleet is two fleets,
 * one per architecture, each sized on its own types: smaller problems, on which the optimizer's searches come
 * closer to the bound than on the whole. Exact against the whole: each service's cap per node is the same
 * (spreadCap of its count and minNodes), each part is sized with no least node count of its own (`leastNodes: 1`, a
 * relaxation, so the two proven bounds added are a bound of the whole), and the levels they make together are
 * checked for the whole's least node count, min(minNodes, tasks). Null where that does not hold or a level
 * falls short (the whole is then sized as one).
 */
async function solveArchitecturesApart(
  levels: readonly Level[],
  types: PricedInstanceType[],
  solve: FleetSolver,
  options: FleetOptions,
): Promise<SolvedWeek | null> {
  const groups = levels.flatMap((l) => l.groups);
  const architectures = [...new Set(types.map((t) => t.architecture))].sort();
  if (architectures.length < 2 || groups.length === 0 || groups.some((g) => g.architecture === 'any'))
    return null;
  let plans: OsPlan[] = levels.map(() => emptyPlan());
  for (const architecture of architectures) {
    const subset = subsetOf(types, architecture, (t) => t.architecture === architecture);
    const part = await sizeApart(
      levels,
      (g) => g.architecture === architecture,
      { ...options, leastNodes: 1 },
      (busy, partOptions) => solveAll(busy, subset, solve, partOptions),
    );
    plans = plans.map((plan, i) => addPlans(plan, labelTypeNotes(part.plans[i]!, `${architecture} nodes`)));
  }
  const spread = Math.max(1, Math.floor(options.minNodes ?? 1));
  const short = levels.some((level, i) => {
    const tasks = level.groups.reduce((n, g) => n + g.count, 0);
    return plans[i]!.nodes.length < Math.min(spread, tasks);
  });
  return short ? null : weekOf(levels.map((level, i) => ({ ...level, plan: plans[i]! })));
}

/**
 * The peak fleet of a week: its costliest level's plan (the first of equally costly ones), or null without
 * levels. It sets the starter code's maximum node counts and `fleet.peakGap`.
 */
export function peakPlanOf<P extends Pick<FleetPlan, 'hourlyUsd'>>(plans: readonly P[]): P | null {
  let peak: P | null = null;
  for (const plan of plans) if (peak === null || Number(plan.hourlyUsd) > Number(peak.hourlyUsd)) peak = plan;
  return peak;
}

/** Says which part of a split fleet a note about its instance types or its method is about (each part has its own). */
function labelTypeNotes<P extends Pick<FleetPlan, 'notes'>>(plan: P, part: string): P {
  const notes = plan.notes.map((note) => {
    if (isTypesKeptNote(note)) return `${part}: ${note}`;
    return labelMethodNote(note, part);
  });
  return { ...plan, notes };
}

/** Subsets of a type list already taken, by list and subset name (see subsetOf). */
const subsets = new WeakMap<readonly PricedInstanceType[], Map<string, PricedInstanceType[]>>();

/**
 * The types of a list that pass `keep`, taken once per list and name: the advisor keeps its type lists
 * between recommendations, and the same subset array lets the optimizer find its per-catalog work by
 * identity (optimizer/model/type-catalog.ts). Frozen at run time: it is shared, read it only. `name` must
 * stand for one `keep`.
 */
function subsetOf(
  types: PricedInstanceType[],
  name: string,
  keep: (type: PricedInstanceType) => boolean,
): PricedInstanceType[] {
  const byName = keptIn(subsets, types, () => new Map());
  return keptIn(byName, name, () => Object.freeze(types.filter(keep)) as PricedInstanceType[]);
}

async function solveAll(
  levels: readonly Level[],
  types: PricedInstanceType[],
  solve: FleetSolver,
  options: FleetOptions,
): Promise<SolvedWeek> {
  const apart = await solveArchitecturesApart(levels, types, solve, options);
  if (apart !== null) return apart;
  const groups = levels.map((level) => level.groups);
  const plans = solve.solveLevels
    ? await solve.solveLevels(groups, types, options)
    : await solveOneByOne(solve, groups, types, options);
  return weekOf(levels.map((level, i) => ({ ...level, plan: plans[i]! })));
}

function weekOf(
  solved: (Level & { plan: OsPlan })[],
  gpuSplit = false,
  steady: readonly string[] = [],
  ownTypes: ReadonlyMap<string, string> = new Map(),
): SolvedWeek {
  return {
    levels: solved,
    weeklyUsd: perWeek(solved, (plan) => plan.hourlyUsd),
    gpuSplit,
    steady: [...steady],
    ownTypes: new Map(ownTypes),
    architectures: new Map(),
  };
}

/** An hourly figure of each level's plan, in USD, summed over the week by the minutes spent at each level. */
function perWeek(levels: readonly (Level & { plan: OsPlan })[], hourly: (plan: OsPlan) => string): Money {
  return levels.reduce(
    (sum, { plan, minutes }) => sum.plus(toMoney(hourly(plan)).times(minutes).dividedBy(60)),
    toMoney(0),
  );
}

/** The gap of the week's instance cost: each level's fleet and proven bound, weighted by its minutes. */
function weeklyGap(week: SolvedWeek): number {
  return gapToBound(
    week.weeklyUsd,
    perWeek(week.levels, (plan) => plan.lowerBoundHourlyUsd),
  );
}

/**
 * The fleet's gaps in words. A gap is cost ÷ bound − 1 with a proven lower bound, so the fleet costs at most
 * that share more than the cheapest fleet of the allowed types for the same tasks. Where GPU tasks and the
 * rest were sized apart (solveWeek), every bound is for fleets that keep the other tasks off GPU nodes, and
 * the sentence starts by saying so.
 */
export function gapNote(gaps: {
  peak: number;
  typical: number | null;
  week: number;
  gpuSplit: boolean;
  /** Whether the steady services were sized on nodes of their own (solveWeek). */
  steadyApart?: boolean;
  /** Whether each service was sized on one instance type at every level (solveOnOwnTypes). */
  ownTypes?: boolean;
  /** Whether each service built for both architectures was sized on the one it was given (oneArchitectureEach). */
  oneArchitecture?: boolean;
}): string {
  const over = (what: string, verb: 'costs' | 'cost', gap: number, than: string) =>
    Number.isFinite(gap)
      ? `${what} ${verb} at most ${(Math.max(0, gap) * 100).toFixed(2)} % more than ${than}`
      : `how much more ${what} ${verb} than ${than} is unknown (no lower bound above $0 was proven)`;
  const parts = [
    `${over('the peak fleet', 'costs', gaps.peak, 'the cheapest fleet of the allowed types for its tasks')} (fleet.peakGap = cost ÷ proven lower bound − 1)`,
    ...(gaps.typical === null
      ? []
      : [
          `${over('the typical fleet', 'costs', gaps.typical, 'the cheapest for its tasks')} (fleet.typicalGap)`,
        ]),
    `${over("the week's instances", 'cost', gaps.week, "the cheapest fleet of each of the week's traffic levels would")} (fleet.weeklyGap)`,
  ];
  const kept = [
    ...(gaps.gpuSplit ? ['keep the tasks without a GPU off GPU nodes'] : []),
    ...(gaps.steadyApart ? ['keep the steady services on nodes of their own'] : []),
    ...(gaps.ownTypes ? ['run each service on one instance type'] : []),
    ...(gaps.oneArchitecture
      ? ['run each service built for both architectures on the architecture the notes give it']
      : []),
  ];
  const listed =
    kept.length < 2 ? kept.join('') : `${kept.slice(0, -1).join(', ')} and ${kept[kept.length - 1]}`;
  const among = kept.length === 0 ? '' : `among fleets that ${listed}, as the starter code deploys them: `;
  return `${among}${parts.join('; ')}`;
}

/** The fleet of a level with no task of one part: no node, trivially the cheapest. */
function emptyPlan(): FleetPlan {
  return {
    nodes: [],
    byType: [],
    hourlyUsd: '0',
    monthlyUsd: '0',
    lowerBoundHourlyUsd: '0',
    gap: 0,
    method: 'milp',
    optimal: true,
    solveMs: 0,
    unplaceable: [],
    notes: [],
  };
}

/**
 * Two fleets sized apart, as one: nodes and costs added, the lower bound the sum of both bounds. Lines of the
 * same type and OS are added up; a Linux and a Windows line of one type stay apart.
 */
function addPlans(a: OsPlan, b: OsPlan): OsPlan {
  // Empty: no node of any type and nothing left unplaced (an emptyPlan, or a part with no task).
  if (a.byType.length === 0 && a.unplaceable.length === 0) return b;
  if (b.byType.length === 0 && b.unplaceable.length === 0) return a;
  const sum = (x: string, y: string) => toMoney(x).plus(toMoney(y)).toString();
  const byType = new Map<string, OsPlan['byType'][number]>();
  for (const line of [...a.byType, ...b.byType]) {
    const seen = byType.get(lineKey(line));
    byType.set(
      lineKey(line),
      seen === undefined
        ? { ...line }
        : { ...seen, count: seen.count + line.count, hourlyUsd: sum(seen.hourlyUsd, line.hourlyUsd) },
    );
  }
  const hourly = toMoney(a.hourlyUsd).plus(toMoney(b.hourlyUsd));
  const bound = toMoney(a.lowerBoundHourlyUsd).plus(toMoney(b.lowerBoundHourlyUsd));
  const stoppedBy = a.stoppedBy ?? b.stoppedBy;
  return {
    nodes: [...a.nodes, ...b.nodes],
    byType: [...byType.values()].sort(
      (x, y) => x.instanceType.localeCompare(y.instanceType) || osRank(x) - osRank(y),
    ),
    hourlyUsd: hourly.toString(),
    monthlyUsd: sum(a.monthlyUsd, b.monthlyUsd),
    lowerBoundHourlyUsd: bound.toString(),
    gap: gapToBound(hourly, bound),
    method: a.method === 'heuristic' || b.method === 'heuristic' ? 'heuristic' : 'milp',
    optimal: a.optimal && b.optimal,
    solveMs: a.solveMs + b.solveMs,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
    unplaceable: [...a.unplaceable, ...b.unplaceable],
    notes: [...new Set([...a.notes, ...b.notes])],
  };
}

async function solveOneByOne(
  solve: FleetSolver,
  levels: FleetTaskGroup[][],
  types: PricedInstanceType[],
  options: FleetOptions,
): Promise<FleetPlan[]> {
  const plans: FleetPlan[] = [];
  for (const tasks of levels) plans.push(await solve(tasks, types, options));
  return plans;
}

/**
 * The distinct capacity levels of the week (which tasks run, minute by minute, `lead` minutes ahead of
 * each rise) with the minutes spent at each, in order of first appearance; and whether the week has rises.
 */
function capacityLevels(
  entries: readonly { service: NormalisedService; always: boolean }[],
  lead: number,
): { levels: Level[]; rises: boolean } {
  const services = entries.map((e) => e.service);
  const byMinute = entries.map(({ service: s, always }) =>
    always
      ? new Int32Array(MINUTES_PER_WEEK).fill(1)
      : capacityByMinute(replicasByMinute(s.traffic, s.replicas, s.replicas.fixed), lead),
  );
  // Minutes at which any service's capacity differs from the minute before (minute 0 always starts a level),
  // in order: each starts a stretch of minutes that runs to the next one.
  const changes = new Set<number>([0]);
  let rises = false;
  for (const capacity of byMinute) {
    const minutes = changeMinutes(capacity);
    for (let k = 0; k < minutes.length; k++) changes.add(minutes[k]!);
    if (minutes.length > 0 || capacity[0] !== capacity[MINUTES_PER_WEEK - 1]) rises = true;
  }
  const starts = [...changes].sort((a, b) => a - b);
  // A level is known by its replica counts, service by service (names are unique, the order fixed): its
  // task groups are built only the first time it is met, not at every change of the week.
  const levels = new Map<string, Level>();
  for (let c = 0; c < starts.length; c++) {
    const m = starts[c]!;
    let key = '';
    for (let i = 0; i < byMinute.length; i++) key += `${byMinute[i]![m]!},`;
    let level = levels.get(key);
    if (level === undefined) {
      const groups = services.map((s, i) => toGroup(s, byMinute[i]![m]!)).filter((g) => g.count > 0);
      level = { groups, minutes: 0 };
      levels.set(key, level);
    }
    level.minutes += (starts[c + 1] ?? MINUTES_PER_WEEK) - m;
  }
  return { levels: [...levels.values()].filter((l) => l.groups.length > 0), rises };
}

/** The minutes (1 … end of the week) at which a capacity differs from the minute before, by capacity. */
const changesByCapacity = new WeakMap<Int32Array, Int32Array>();

/** The minutes at which `capacity` changes, worked out once per capacity (they are shared, see below). */
function changeMinutes(capacity: Int32Array): Int32Array {
  return keptIn(changesByCapacity, capacity, () => {
    const found: number[] = [];
    for (let m = 1; m < capacity.length; m++) if (capacity[m] !== capacity[m - 1]) found.push(m);
    return Int32Array.from(found);
  });
}

/** Capacities already worked out, by minute profile (shared, see replicasByMinute) and lead. */
const capacities = new WeakMap<Int32Array, Map<number, Int32Array>>();

/**
 * The capacity each minute must hold: the highest level of its hour (instances are not stopped and started
 * again between the spikes of one hour), and the highest level of the next `lead` minutes, wrapping round
 * the week (capacity is running before a rise, not after it). Each fleet of a recommendation asks for the
 * same services' capacities: they are worked out once. The array is shared: read it only.
 */
function capacityByMinute(levels: Int32Array, lead: number): Int32Array {
  const byLead = keptIn(capacities, levels, () => new Map());
  return keptIn(byLead, lead, () => expandCapacity(levels, lead));
}

function expandCapacity(levels: Int32Array, lead: number): Int32Array {
  const hours = levels.length / 60;
  const hourly = new Int32Array(hours);
  for (let hour = 0; hour < hours; hour++) {
    let high = 0;
    for (let m = hour * 60; m < hour * 60 + 60; m++) high = Math.max(high, levels[m]!);
    hourly[hour] = high;
  }
  // Minute m holds the highest level of the hours that minutes m … m + lead fall in.
  const out = new Int32Array(levels.length);
  if (lead >= 0 && Number.isInteger(lead)) {
    // Within hour h those are hours h … h + q for its first 60 − r minutes and h … h + q + 1 for the rest
    // (lead = 60q + r): two values an hour, each filled in, rather than a scan for every minute.
    const q = Math.floor(lead / 60);
    const r = lead % 60;
    for (let hour = 0; hour < hours; hour++) {
      let high = 0;
      for (let k = hour; k <= hour + q; k++) high = Math.max(high, hourly[k % hours]!);
      const start = hour * 60;
      out.fill(high, start, start + 60 - r);
      if (r > 0) out.fill(Math.max(high, hourly[(hour + q + 1) % hours]!), start + 60 - r, start + 60);
    }
    return out;
  }
  for (let m = 0; m < levels.length; m++) {
    let high = 0;
    const last = Math.floor((m + lead) / 60);
    for (let hour = Math.floor(m / 60); hour <= last; hour++) high = Math.max(high, hourly[hour % hours]!);
    out[m] = high;
  }
  return out;
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
    ...(s.needs.onePerNode ? { onePerNode: true } : {}),
  };
}

/**
 * The plan in force at the median minute of the week when minutes are sorted by fleet cost; null when
 * nothing runs then (a nightly batch's fleet is empty most of the week).
 */
function medianPlan(levels: readonly { plan: OsPlan; minutes: number }[]): OsPlan | null {
  const sorted = [...levels].sort((a, b) => Number(a.plan.hourlyUsd) - Number(b.plan.hourlyUsd));
  let seen = MINUTES_PER_WEEK - sorted.reduce((n, l) => n + l.minutes, 0);
  if (seen > MINUTES_PER_WEEK / 2) return null;
  for (const level of sorted) {
    seen += level.minutes;
    if (seen > MINUTES_PER_WEEK / 2) return level.plan;
  }
  return sorted[sorted.length - 1]?.plan ?? null;
}

/**
 * Per instance type, the fewest nodes any minute of the week runs: the nodes a fixed baseline may keep all
 * week without holding more than was priced at any hour. Empty when some minutes run nothing on EC2 (a
 * nightly batch); a type some level does not use has no floor.
 */
function fleetFloor(levels: readonly { plan: OsPlan; minutes: number }[]): FleetTypeCount[] {
  const covered = levels.reduce((n, l) => n + l.minutes, 0);
  if (levels.length === 0 || covered < MINUTES_PER_WEEK) return [];
  const countOf = (plan: OsPlan, key: string) =>
    plan.byType.filter((l) => lineKey(l) === key).reduce((n, l) => n + l.count, 0);
  const lines = new Map<string, { instanceType: string; os: NodeOs }>();
  for (const l of levels)
    for (const t of l.plan.byType) lines.set(lineKey(t), { instanceType: t.instanceType, os: t.os });
  return [...lines.entries()]
    .sort(
      ([, a], [, b]) =>
        (a.instanceType < b.instanceType ? -1 : a.instanceType > b.instanceType ? 1 : 0) ||
        osRank(a) - osRank(b),
    )
    .map(([key, { instanceType, os }]) =>
      withOs({ instanceType, count: Math.min(...levels.map((l) => countOf(l.plan, key))) }, os),
    )
    .filter((l) => l.count > 0);
}
