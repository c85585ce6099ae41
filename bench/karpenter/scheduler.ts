/**
 * @module scheduler: Karpenter's scheduling simulation, which both provisioning and consolidation run
 * (https://karpenter.sh/docs/concepts/scheduling/; kubernetes-sigs/karpenter
 * pkg/controllers/provisioning/scheduling/scheduler.go, nodeclaim.go, queue.go).
 */
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import type { Load } from '../../src/optimizer/model/placement.js';
import { addPod, emptyLoad, type SimNode, type SimPool, typeTakesPod } from './cluster.js';

/** A NodeClaim being planned: not one instance type but every type that can still hold all its pods. */
export interface Claim {
  pool: number;
  /** Instance-type options left, as indices into problem.types. */
  types: number[];
  counts: number[];
  load: Load;
  pods: number;
}

export interface SchedulingResult {
  /** Pods each existing node would take, by position in the `existing` argument; null when none. */
  added: (number[] | null)[];
  /** New NodeClaims the pods need. */
  claims: Claim[];
  /** Pods no node and no NodePool could take. */
  unschedulable: number;
}

/** Karpenter's queue order (queue.go byCPUAndMemoryDescending): CPU request, then memory, descending. */
export function sortPods(problem: FleetProblem, pods: number[]): number[] {
  return pods.sort((a, b) => {
    const x = problem.items[a]!;
    const y = problem.items[b]!;
    return y.cpu - x.cpu || y.mem - x.mem || a - b;
  });
}

/** Adds a pod to a claim when at least one of its types still holds every pod; narrows the types. */
function claimTakes(problem: FleetProblem, claim: Claim, i: number): boolean {
  const left = claim.types.filter((t) => typeTakesPod(problem, t, claim.counts, claim.load, i));
  if (left.length === 0) return false;
  claim.types = left;
  addPod(problem, claim.counts, claim.load, i);
  claim.pods += 1;
  return true;
}

/** A NodeClaim for pod i from the first NodePool (in weight order) that admits it and has a type it fits. */
function newClaim(problem: FleetProblem, pools: readonly SimPool[], i: number): Claim | null {
  for (const [pool, spec] of pools.entries()) {
    if (!spec.takes[i]) continue;
    const claim = { pool, types: spec.types, counts: problem.items.map(() => 0), load: emptyLoad(), pods: 0 };
    if (claimTakes(problem, claim, i)) return claim;
  }
  return null;
}

/**
 * Schedules `pods` (item indices) the way Karpenter's Scheduler.add does, in queue order:
 * 1. the first existing node, in order, with room whose taints the pod tolerates (addToExistingNode);
 * 2. else the in-flight NodeClaims, fewest pods first (scheduler.go sorts newNodeClaims by pod count
 *    before trying them), the first that some remaining type can still hold it in (addToInflightNode);
 * 3. else a new NodeClaim from the first NodePool that admits the pod, keeping every type of the pool
 *    the pod fits (addToNewNodeClaim).
 * `existing` is only read; what it would take is returned in `added`.
 */
export function simulateScheduling(
  problem: FleetProblem,
  pools: readonly SimPool[],
  pods: readonly number[],
  existing: readonly SimNode[],
): SchedulingResult {
  const added: (number[] | null)[] = existing.map(() => null);
  const counts = existing.map((node) => node.counts);
  const loads = existing.map((node) => ({ ...node.load }));
  const claims: Claim[] = [];
  let unschedulable = 0;
  for (const i of sortPods(problem, [...pods])) {
    // A node's NodePool must admit the pod too: its taints (the GPU pool's) keep other pods off.
    const n = existing.findIndex(
      (node, k) => pools[node.pool]!.takes[i] && typeTakesPod(problem, node.type, counts[k]!, loads[k]!, i),
    );
    if (n >= 0) {
      // Copy the node's counts on its first new pod; `existing` stays untouched.
      if (!added[n]) {
        added[n] = problem.items.map(() => 0);
        counts[n] = [...existing[n]!.counts];
      }
      addPod(problem, counts[n]!, loads[n]!, i);
      added[n]![i] = added[n]![i]! + 1;
      continue;
    }
    // A stable sort keeps creation order among equals, where Go's sort.Slice leaves it unspecified.
    claims.sort((a, b) => a.pods - b.pods);
    if (claims.some((claim) => pools[claim.pool]!.takes[i] && claimTakes(problem, claim, i))) continue;
    const claim = newClaim(problem, pools, i);
    if (claim) claims.push(claim);
    else unschedulable += 1;
  }
  return { added, claims, unschedulable };
}
