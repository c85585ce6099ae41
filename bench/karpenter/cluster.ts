/**
 * @module cluster: the nodes and NodePools of the Karpenter simulation, on Berth's integer model
 * (src/optimizer/model/integer-model.ts), so a node's room is exactly the allocatable capacity Berth
 * uses: kube-reserved, eviction threshold, max pods and DaemonSets already taken off.
 */
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import type { Load } from '../../src/optimizer/model/placement.js';

/** A NodePool as the simulation sees it (https://karpenter.sh/docs/concepts/nodepools/). */
export interface SimPool {
  name: string;
  /** Indices into problem.types: the instance types the NodePool's requirements admit. */
  types: number[];
  /** takes[i]: pods of item i may use this NodePool (they tolerate its taints, their requirements meet its). */
  takes: boolean[];
  /**
   * spec.disruption.budgets `nodes` as a fraction of the pool's nodes; Karpenter defaults to one budget of
   * 10 %, rounded up (https://karpenter.sh/docs/concepts/disruption/#nodepool-disruption-budgets).
   */
  budget: number;
}

/** A launched node: one instance type, and how many pods of each item it runs. */
export interface SimNode {
  /** Creation order; stands in for the node name Karpenter orders existing nodes by. */
  id: number;
  pool: number;
  type: number;
  counts: number[];
  load: Load;
}

export const emptyLoad = (): Load => ({ cpu: 0, mem: 0, tasks: 0, gpu: 0 });

/** Whether one more pod of item i fits a node of type t that already holds `counts` and `load`. */
export function typeTakesPod(
  problem: FleetProblem,
  t: number,
  counts: readonly number[],
  load: Load,
  i: number,
): boolean {
  const type = problem.types[t]!;
  const item = problem.items[i]!;
  return (
    type.accepts[i] === true &&
    counts[i]! + 1 <= item.maxPerNode &&
    load.cpu + item.cpu <= type.cpu &&
    load.mem + item.mem <= type.mem &&
    load.tasks + 1 <= type.tasks &&
    load.gpu + item.gpu <= type.gpu
  );
}

export function addPod(problem: FleetProblem, counts: number[], load: Load, i: number): void {
  const item = problem.items[i]!;
  counts[i] = counts[i]! + 1;
  load.cpu += item.cpu;
  load.mem += item.mem;
  load.tasks += 1;
  load.gpu += item.gpu;
}

/** The node with `added` pods (counts per item) on it, as a new object; the node itself when nothing is added. */
export function withAdded(problem: FleetProblem, node: SimNode, added: readonly number[] | null): SimNode {
  if (!added) return node;
  const moved: SimNode = { ...node, counts: [...node.counts], load: { ...node.load } };
  added.forEach((count, i) => {
    for (let c = 0; c < count; c++) addPod(problem, moved.counts, moved.load, i);
  });
  return moved;
}

/**
 * The type EC2 CreateFleet launches for on-demand capacity under Karpenter's `lowest-price` allocation
 * strategy: the cheapest of the NodeClaim's instance-type options (ties to the lower index, so runs
 * repeat). aws/karpenter-provider-aws pkg/providers/instance; https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-allocation-strategy.html
 */
export function cheapestOption(problem: FleetProblem, options: readonly number[]): number {
  let best = -1;
  for (const t of options) {
    if (best < 0 || problem.types[t]!.price < problem.types[best]!.price) best = t;
  }
  return best;
}

export function podCount(node: { counts: readonly number[] }): number {
  let pods = 0;
  for (const c of node.counts) pods += c;
  return pods;
}

export function fleetCost(problem: FleetProblem, nodes: readonly SimNode[]): number {
  return nodes.reduce((sum, node) => sum + problem.types[node.type]!.price, 0);
}
