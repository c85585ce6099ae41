/**
 * @module provision: Karpenter's provisioning of one batch of pending pods: one scheduling simulation
 * over the running nodes and new NodeClaims, then each NodeClaim launched as its cheapest remaining type.
 */
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import { cheapestOption, type SimNode, type SimPool, withAdded } from './cluster.js';
import { simulateScheduling } from './scheduler.js';

/**
 * How pods reach Karpenter. Karpenter batches pending pods for 1–10 s
 * (https://karpenter.sh/docs/reference/settings/ BATCH_IDLE_DURATION, BATCH_MAX_DURATION):
 * `one-batch` is a whole workload deployed at once; `per-service` is a cluster that grew one
 * service at a time, each service's pods one batch, in the order the services first appear in the
 * problem's items.
 */
export type Batching = 'one-batch' | 'per-service';

/** The pods of each batch, as item indices. */
export function podBatches(problem: FleetProblem, batching: Batching): number[][] {
  if (batching === 'one-batch') {
    return [problem.items.flatMap((item, i) => Array.from({ length: item.demand }, () => i))];
  }
  const services = [...new Set(problem.items.flatMap((item) => item.services.map((s) => s.service)))];
  return services.map((service) =>
    problem.items.flatMap((item, i) => {
      const count = item.services.find((s) => s.service === service)?.count ?? 0;
      return Array.from({ length: count }, () => i);
    }),
  );
}

/**
 * Places one batch: pods first fill running nodes with room (the simulation's stand-in for
 * kube-scheduler, which binds pods to existing capacity before Karpenter sees them pending), the rest
 * go to new NodeClaims. Each NodeClaim keeps every instance type that fits all its pods; on-demand
 * capacity launches the cheapest of them (`lowest-price`). Throws if a pod fits no NodePool, since the
 * comparison would then not be like for like.
 */
export function provisionBatch(
  problem: FleetProblem,
  pools: readonly SimPool[],
  pods: readonly number[],
  running: readonly SimNode[],
  firstId: number,
): SimNode[] {
  const result = simulateScheduling(problem, pools, pods, running);
  if (result.unschedulable > 0) {
    throw new Error(
      `karpenter provisioning left ${result.unschedulable} pods pending: no NodePool has a type they fit`,
    );
  }
  const nodes = running.map((node, k) => withAdded(problem, node, result.added[k] ?? null));
  result.claims.forEach((claim, k) => {
    nodes.push({
      id: firstId + k,
      pool: claim.pool,
      type: cheapestOption(problem, claim.types),
      counts: claim.counts,
      load: claim.load,
    });
  });
  return nodes;
}
