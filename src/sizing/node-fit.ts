/**
 * @module node-fit: whether any instance type a fleet may use can hold one task of each of its services,
 * prices aside. The fleet optimizer only sees the priced types; this reads the whole catalog, so a task
 * that no type can hold (the fleet's candidate is then not feasible) is told apart from one whose types
 * merely lack a price in the region (flagged MISSING, as every missing price is).
 */
import { gpuModelMatches } from '../model/gpu-match.js';
import type { NodeManagement, OperatingSystem, Orchestrator } from '../model/vocabulary.js';
import { taskUnits } from '../optimizer/model/build-model.js';
import { fleetNodeCapacity } from '../optimizer/node-capacity.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { fleetParts, type OsPart } from './ec2-fleet.js';
import { eligibleNodeTypes } from './node-types.js';
import {
  MAX_ROOT_VOLUME_GIB,
  maxNodeTasksGiB,
  nodeDiskGiB,
  nodeDiskKind,
  taskEphemeralGiB,
} from './root-volumes.js';

/** The largest EBS volume, the limit on a node's disk (sizing/root-volumes.ts). */
export const EBS_VOLUME_TYPES_SOURCE =
  'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html';

/** The EC2 instance types and their sizes: the source when no eligibility check ruled the fitting types out. */
export const INSTANCE_TYPES_SOURCE =
  'https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html';

/** Per-node agents: a DaemonSet runs a pod on every node, an ECS DAEMON service a task on every instance. */
const DAEMONSET_SOURCE = 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/';
const ECS_DAEMON_SOURCE =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html';

export interface NodeFitInput {
  orchestrator: Orchestrator;
  /** Who runs the nodes, as the fleet is sized (sizing/ec2-fleet.ts fleetCapacityModel). */
  nodes: NodeManagement;
  /** The services the fleet runs on EC2. */
  services: readonly NormalisedService[];
  /** The whole instance catalog, priced or not. */
  catalog: readonly InstanceType[];
  /** Families taken as previous generation where the catalog does not say (settings/fleet.yaml). */
  previousGenerationFamilies: readonly string[];
}

export interface UnholdableService {
  service: string;
  /** What the task needs and why no type holds it: `no EC2 instance type ... holds ...: {why}`. */
  reason: string;
  /** The AWS page the reason rests on. */
  source: string;
}

/**
 * The services of a fleet of which no instance type the fleet may use holds one task, each with its reason;
 * empty when every task fits some type. The same filters and node capacities as the sizing: the node-type
 * checks (sizing/node-types.ts), no burstable types, the architecture a per-node agent is built for, GPU
 * tasks and the rest on separate types where both kinds exist, and what a node leaves to tasks after the
 * agent or kubelet reserve and the per-node agents (optimizer/node-capacity.ts). Linux and Windows services
 * are checked apart, as they are sized (sizing/ec2-fleet.ts fleetParts): each against its own OS's agents
 * and disk.
 */
export function findUnholdableServices(input: NodeFitInput): UnholdableService[] {
  if (input.services.length === 0) return [];
  return fleetParts(input.orchestrator, input.nodes, input.services).flatMap((part) =>
    unholdableIn(input, part),
  );
}

/** The services of one OS part of the fleet that no instance type it may use holds. */
function unholdableIn(input: NodeFitInput, part: OsPart): UnholdableService[] {
  const { orchestrator, nodes, catalog } = input;
  const { services, demand } = part;
  const gpusRequested = services.some((s) => s.gpus.count > 0);
  const { types: eligible, excluded } = eligibleNodeTypes(catalog, {
    orchestrator,
    previousGenerationFamilies: input.previousGenerationFamilies,
    gpusRequested,
    nodes,
  });
  const daemonArchitectures = new Set(demand.daemons.map((d) => d.architecture).filter((a) => a !== 'any'));
  const usable = eligible.filter(
    (t) => !t.burstable && [...daemonArchitectures].every((a) => t.architecture === a),
  );
  const capacityOf = (t: InstanceType) => fleetNodeCapacity(t, demand.options);
  // As the sizing does (ec2-fleet.ts solveWeek): tasks without a GPU stay off GPU types where both exist.
  const splitGpu =
    gpusRequested &&
    demand.taskServices.some((s) => s.gpus.count === 0) &&
    usable.some((t) => t.gpuCount > 0) &&
    usable.some((t) => t.gpuCount === 0);

  const out: UnholdableService[] = tooMuchStorage(orchestrator, nodes, services, part.os);
  for (const s of demand.taskServices) {
    if (out.some((u) => u.service === s.name)) continue;
    const task = taskOf(s);
    const pool = splitGpu && task.gpu === 0 ? usable.filter((t) => t.gpuCount === 0) : usable;
    if (pool.some((t) => holds(t, capacityOf(t), task))) continue;
    const what = `no EC2 instance type eligible for ${describeNodes(orchestrator, nodes)} holds ${describeTask(s)}`;
    // A per-node agent built for one architecture makes every node that architecture: that is the cause when
    // the task needs the other (or the agents need both), whatever types the checks below left out.
    const clash = architectureClash(s, demand.daemons);
    if (clash !== null) {
      out.push({
        service: s.name,
        reason: `${what}: ${clash}`,
        source: orchestrator === 'eks' ? DAEMONSET_SOURCE : ECS_DAEMON_SOURCE,
      });
      continue;
    }
    // A type the checks left out that would hold the task is the reason to give: its check names the cause.
    const usableNames = new Set(usable.map((t) => t.name));
    const byName = new Map(catalog.map((t) => [t.name, t]));
    // The smallest of them first: the type a user would look for.
    const ruledOut = excluded
      .flatMap((e) => {
        const t = byName.get(e.instanceType);
        return t !== undefined && !usableNames.has(t.name) && holds(t, rawCapacity(t), task)
          ? [{ e, t }]
          : [];
      })
      .sort(
        (a, b) => a.t.vcpu - b.t.vcpu || a.t.memoryMiB - b.t.memoryMiB || a.t.name.localeCompare(b.t.name),
      )
      .map(({ e }) => e);
    const first = ruledOut[0];
    if (first !== undefined) {
      const others = ruledOut.length - 1;
      const more =
        others > 0
          ? ` (${others} larger type${others === 1 ? '' : 's'} that would hold it, ruled out as well)`
          : '';
      out.push({ service: s.name, reason: `${what}: ${first.reason}${more}`, source: first.source });
      continue;
    }
    out.push({
      service: s.name,
      reason: `${what}: ${whyNone(task, pool, capacityOf, orchestrator)}`,
      source: INSTANCE_TYPES_SOURCE,
    });
  }
  return out;
}

interface Task {
  /** Millicores, MiB and milli-GPUs, rounded up as the optimizer does (optimizer/model/build-model.ts). */
  cpu: number;
  mem: number;
  gpu: number;
  gpuModel: string | null;
  architecture: NormalisedService['architecture'];
}

function taskOf(s: NormalisedService): Task {
  return { ...taskUnits(s.vcpu, s.memoryMiB, s.gpus.count, s.gpus.model), architecture: s.architecture };
}

interface Room {
  vcpu: number;
  memoryMiB: number;
  maxTasks: number;
}

function holds(t: InstanceType, room: Room, task: Task): boolean {
  if (task.architecture !== 'any' && task.architecture !== t.architecture) return false;
  if (task.gpu > 0 && (t.gpuCount * 1000 < task.gpu || !gpuModelMatches(task.gpuModel, t.gpuModel)))
    return false;
  return Math.round(room.vcpu * 1000) >= task.cpu && room.memoryMiB >= task.mem && room.maxTasks >= 1;
}

/** A type's nominal size: for asking whether a type the checks left out would have held the task. */
function rawCapacity(t: InstanceType): Room {
  return { vcpu: t.vcpu, memoryMiB: t.memoryMiB, maxTasks: 1 };
}

/** The first need no usable type meets, in the order a user can act on: architecture, GPUs, then size. */
function whyNone(
  task: Task,
  pool: readonly InstanceType[],
  capacityOf: (t: InstanceType) => Room,
  orchestrator: Orchestrator,
): string {
  if (pool.length === 0) return 'no instance type is left after the node-type checks';
  let left = pool.filter((t) => task.architecture === 'any' || t.architecture === task.architecture);
  if (left.length === 0) return `no eligible type is ${task.architecture}`;
  if (task.gpu > 0) {
    left = left.filter((t) => t.gpuCount > 0);
    if (left.length === 0) return 'no eligible type of its architecture has a GPU';
    left = left.filter((t) => gpuModelMatches(task.gpuModel, t.gpuModel));
    if (left.length === 0) return `no eligible type of its architecture has a ${task.gpuModel} GPU`;
    const most = Math.max(...left.map((t) => t.gpuCount));
    if (most * 1000 < task.gpu) return `the most such GPUs one eligible type has is ${most}`;
    left = left.filter((t) => t.gpuCount * 1000 >= task.gpu);
  }
  const rooms = left.map(capacityOf);
  const after = `after ${orchestrator === 'eks' ? 'kube-reserved, the eviction threshold' : 'the ECS agent reserve'} and per-node agents`;
  const maxCpu = Math.max(...rooms.map((r) => r.vcpu));
  const maxMem = Math.max(...rooms.map((r) => r.memoryMiB));
  if (Math.max(...rooms.map((r) => r.maxTasks)) < 1) return 'no eligible type has a free task or pod slot';
  if (maxCpu * 1000 < task.cpu) return `the largest eligible type leaves ${maxCpu} vCPU to tasks ${after}`;
  if (maxMem < task.mem) return `the largest eligible type leaves ${maxMem} MiB to tasks ${after}`;
  return `no eligible type leaves both the vCPU and the memory ${after}`;
}

function describeNodes(orchestrator: Orchestrator, nodes: NodeManagement): string {
  if (nodes === 'eks-auto-mode') return 'EKS Auto Mode';
  if (nodes === 'ecs-managed-instances') return 'ECS Managed Instances';
  return orchestrator === 'eks' ? 'EKS on EC2' : 'ECS on EC2';
}

/** "a task of 4 vCPU, 16 GiB and 1 AMD GPU (x86_64)". */
/**
 * Why the per-node agents' architectures leave no node for `service`: "log-agent runs on every node and is
 * built for x86_64 only, so every node is x86_64, and web is built for arm64 only"; null when they do not.
 */
function architectureClash(service: NormalisedService, daemons: readonly NormalisedService[]): string | null {
  const fixed = daemons.filter((d) => d.architecture !== 'any');
  const arches = [...new Set(fixed.map((d) => d.architecture))].sort();
  const names = (arch: string) => fixed.filter((d) => d.architecture === arch).map((d) => d.name);
  const built = (arch: string) => {
    const list = names(arch);
    return `${list.join(', ')} ${list.length === 1 ? 'runs' : 'run'} on every node and ${list.length === 1 ? 'is' : 'are'} built for ${arch} only`;
  };
  if (arches.length > 1)
    return `${arches.map(built).join(', and ')}: no node can run them all (a node must run every per-node agent)`;
  const [arch] = arches;
  if (arch === undefined || service.architecture === 'any' || service.architecture === arch) return null;
  return `${built(arch)}, so every node is ${arch}, and ${service.name} is built for ${service.architecture} only (a node must run every per-node agent)`;
}

function describeTask(s: NormalisedService): string {
  const memory = s.memoryMiB % 1024 === 0 ? `${s.memoryMiB / 1024} GiB` : `${s.memoryMiB} MiB`;
  const parts = [`${s.vcpu} vCPU`, memory];
  if (s.gpus.count > 0)
    parts.push(
      `${s.gpus.count} ${s.gpus.model === null ? '' : `${s.gpus.model} `}GPU${s.gpus.count === 1 ? '' : 's'}`,
    );
  const last = parts.pop();
  const arch = s.architecture === 'any' ? 'any architecture' : s.architecture;
  return `a task of ${parts.join(', ')} and ${last} (${arch})`;
}

/**
 * The services one task of which, beside every per-node agent's (daemon service's) ephemeral storage, needs
 * a larger disk than one EBS volume can be. One task alone always fits (the workload schema bounds it); the
 * agents run on every node, so their storage adds up there.
 */
function tooMuchStorage(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
  services: readonly NormalisedService[],
  os: OperatingSystem,
): UnholdableService[] {
  const kind = nodeDiskKind(orchestrator, nodes);
  const agents = services.filter((s) => s.needs.daemon);
  const agentsGiB = agents.reduce((sum, d) => sum + taskEphemeralGiB(d), 0);
  const room = maxNodeTasksGiB(kind, os);
  const what = `no EC2 node's disk (${describeNodes(orchestrator, nodes)}) holds`;
  const size = (gib: number) => `${gib.toLocaleString('en-US')} GiB`;
  const out: UnholdableService[] = [];
  for (const s of services) {
    const own = taskEphemeralGiB(s);
    if (own === 0) continue;
    const total = s.needs.daemon ? agentsGiB : agentsGiB + own;
    if (total <= room) continue;
    const together = s.needs.daemon
      ? `the per-node agents' ephemeral storage (${size(agentsGiB)} together, on every node)`
      : `a task's ${size(own)} of ephemeral storage beside the per-node agents' ${size(agentsGiB)}`;
    out.push({
      service: s.name,
      reason: `${what} ${together}: that needs a ${size(nodeDiskGiB(kind, os, total))} root volume, and an EBS volume holds at most ${size(MAX_ROOT_VOLUME_GIB)}`,
      source: EBS_VOLUME_TYPES_SOURCE,
    });
  }
  return out;
}
