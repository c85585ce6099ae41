/** @module fleet-types: the public input and output shapes of the EC2 fleet optimizer. */
import type { ImageArchitecture, Orchestrator } from '../model/vocabulary.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { SolveLimits } from './search/solve-limits.js';

/** `count` identical tasks (ECS tasks or EKS pods) of one service. */
export interface FleetTaskGroup {
  service: string;
  count: number;
  vcpu: number;
  memoryMiB: number;
  gpus: number;
  /** Required GPU model ("A10G", "T4", ...); null or absent accepts any model. */
  gpuModel?: string | null;
  /** `any` runs on both (a multi-arch image). */
  architecture: ImageArchitecture;
  /**
   * At most one of this service's tasks on a node (replicas of a stateful service: losing a node loses one
   * copy), whatever the spread (`FleetOptions.minNodes`) allows; the starter code asks the scheduler for the
   * same (required pod anti-affinity on the node's hostname on EKS, `distinctInstance` on ECS).
   */
  onePerNode?: boolean;
}

/** What a DaemonSet (EKS) or a daemon-strategy service (ECS) requests on every node. */
export interface DaemonSetRequest {
  vcpu: number;
  memoryMiB: number;
}

export interface FleetOptions {
  orchestrator: Orchestrator;
  /** Burstable (T-family) types are excluded unless allowed: their CPU credits make sustained load unsafe. */
  allowBurstable?: boolean;
  /** Availability spread: at least this many nodes, and no node holds more than ceil(count / minNodes) tasks of one service (spreadCap: fewer where that would leave a service on fewer than min(minNodes, count) nodes). */
  minNodes?: number;
  /**
   * The least nodes a fleet may have, where not `minNodes` (which then only caps each service's tasks a node):
   * for a part of a fleet whose other part's nodes count towards the whole's spread (sizing's
   * solveArchitecturesApart, which checks the whole afterwards).
   */
  leastNodes?: number;
  daemonSets?: DaemonSetRequest[];
  /**
   * Safety time limit of one `optimizeFleet` or `optimizeFleets` call, wall clock. The solve is bounded
   * by work counts (`limits`), so it normally ends long before; if it does fire, the plans say so in
   * `stoppedBy` and their notes, because they may then differ between runs. Default 30 000 ms.
   */
  timeLimitMs?: number;
  /** Work limits of the solve (rounds, nodes, moves), for tests and benchmarks; default DEFAULT_SOLVE_LIMITS. */
  limits?: Partial<SolveLimits>;
  /** Solve in a worker thread so the caller's event loop stays free. Default true. */
  useWorker?: boolean;
  /**
   * With `useWorker`: this solve's levels start a solver thread only while the process has fewer (never
   * more than one per core, up to two; the default). A thread another solve started may still take them
   * when idle. Each thread compiles the solver for itself, so a process that makes one recommendation (the
   * CLI) finishes sooner with one (docs/optimizer.md#solver-threads).
   */
  solverThreads?: number;
  /** Allow-list of instance families ("m7g", "c7i"); absent means every family. */
  instanceFamilies?: string[];
  /** ECS only: `awsvpc` (default) gives each task an ENI; `bridge` and `host` do not. */
  ecsNetworkMode?: 'awsvpc' | 'bridge' | 'host';
  /** ECS only: ECS_RESERVED_MEMORY of the container agent, MiB. Default 256. */
  ecsReservedMemoryMiB?: number;
  /** EKS only: a cap on pods per node below the VPC CNI's count (EKS Auto Mode: 110). Default none. */
  eksMaxPodsCap?: number;
  /**
   * EKS only: the nodes run Windows, whose pods get the IPv4 addresses of one ENI only: its addresses − 1 per
   * node (node-capacity.ts). Default false (Linux nodes).
   */
  eksWindowsNodes?: boolean;
  /**
   * At most this many tasks (besides the per-node daemons) on one node, whatever its type: so that their
   * ephemeral storage fits one node's disk (sizing/root-volumes.ts). Default none.
   */
  maxTasksPerNode?: number;
}

export interface PricedInstanceType extends InstanceType {
  /** On-demand price per instance-hour, a decimal string ("0.0960"). */
  usdPerHour: string;
}

/** What one node of a type leaves to tasks once the orchestrator, the OS and the daemons have taken their share. */
export interface NodeCapacity {
  vcpu: number;
  memoryMiB: number;
  /** Tasks or pods this node can hold (ENI or max-pods limit, net of daemons). */
  maxTasks: number;
  gpus: number;
}

export interface FleetNode {
  instanceType: string;
  tasks: { service: string; count: number }[];
  usedVcpu: number;
  usedMemoryMiB: number;
  capacity: NodeCapacity;
}

export interface FleetTypeLine {
  instanceType: string;
  count: number;
  /** Unit price of one instance-hour (a line item's unit price, decimal string). */
  usdPerHour: string;
  /** count × usdPerHour, exact. */
  hourlyUsd: string;
}

export interface UnplaceableGroup {
  service: string;
  reason: string;
}

export interface FleetPlan {
  nodes: FleetNode[];
  byType: FleetTypeLine[];
  hourlyUsd: string;
  monthlyUsd: string;
  /** A proven lower bound on the hourly cost of any fleet that holds these tasks. */
  lowerBoundHourlyUsd: string;
  /** (hourly − lower bound) / lower bound; 0 when both are zero. */
  gap: number;
  method: 'milp' | 'heuristic';
  /** True when the plan is proven cheapest (gap within solver tolerance). */
  optimal: boolean;
  /**
   * Wall-clock time of the solve, for reporting: the one field that differs between runs of the same
   * input. Every other field is the same on every run unless `stoppedBy` is set.
   */
  solveMs: number;
  /**
   * Present only when the safety time limit cut the solve short; the plan is then valid but may
   * differ between runs, and its notes say so.
   */
  stoppedBy?: 'safety-time-limit';
  unplaceable: UnplaceableGroup[];
  notes: string[];
}
