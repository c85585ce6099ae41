/** @module simulate: a Karpenter-managed cluster from empty to steady state: provisioning, then consolidation. */
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import { fleetCost, type SimNode, type SimPool } from './cluster.js';
import { consolidate, type Move } from './consolidate.js';
import { type Batching, podBatches, provisionBatch } from './provision.js';

export interface KarpenterRun {
  /** The fleet at steady state: no consolidation move saves money. */
  nodes: SimNode[];
  /** $/h of the fleet provisioning alone would have left (the same batches, consolidation off). */
  provisionedCost: number;
  /** $/h at steady state. */
  cost: number;
  moves: Move[];
}

const nextIdOf = (nodes: readonly SimNode[]) => nodes.reduce((max, node) => Math.max(max, node.id + 1), 0);

/**
 * Each batch is provisioned and then consolidated to steady state before the next arrives (with
 * consolidateAfter 0s consolidation runs between batches; https://karpenter.sh/docs/concepts/disruption/).
 * The provisioning-only fleet is simulated alongside, with consolidation off, for comparison.
 */
export function simulateKarpenter(
  problem: FleetProblem,
  pools: readonly SimPool[],
  batching: Batching = 'one-batch',
): KarpenterRun {
  let nodes: SimNode[] = [];
  let provisioned: SimNode[] = [];
  const moves: Move[] = [];
  for (const pods of podBatches(problem, batching)) {
    provisioned = provisionBatch(problem, pools, pods, provisioned, nextIdOf(provisioned));
    const steady = consolidate(problem, pools, provisionBatch(problem, pools, pods, nodes, nextIdOf(nodes)));
    nodes = steady.nodes;
    moves.push(...steady.moves);
  }
  return { nodes, provisionedCost: fleetCost(problem, provisioned), cost: fleetCost(problem, nodes), moves };
}
