/**
 * @module consolidate: Karpenter's consolidation (consolidationPolicy WhenEmptyOrUnderutilized,
 * consolidateAfter 0s), run until no move saves money. Documented at
 * https://karpenter.sh/docs/concepts/disruption/#consolidation; the details below follow
 * kubernetes-sigs/karpenter pkg/controllers/disruption (consolidation.go, emptiness.go,
 * multinodeconsolidation.go, singlenodeconsolidation.go).
 */
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import { cheapestOption, podCount, type SimNode, type SimPool, withAdded } from './cluster.js';
import { simulateScheduling } from './scheduler.js';

export type MoveKind = 'empty' | 'multi-node' | 'single-node';

/** One executed consolidation command. */
export interface Move {
  kind: MoveKind;
  /** Instance types of the nodes removed. */
  removed: string[];
  /** Instance type of the one replacement node, if any. */
  replacement: string | null;
  /** $/h saved. */
  saving: number;
}

interface Command {
  candidates: SimNode[];
  /** Pods each remaining node takes, by position in `others`. */
  added: (number[] | null)[];
  others: SimNode[];
  replacement: { counts: number[]; load: SimNode['load']; pool: number; options: number[] } | null;
}

/** multinodeconsolidation.go: "Only consider a maximum batch of 100 NodeClaims". */
const MAX_MULTI_NODE_BATCH = 100;
/** A guard only: every move lowers the cost, so the loop ends long before this. */
const MAX_MOVES = 100_000;

const price = (problem: FleetProblem, t: number) => problem.types[t]!.price;
const priceOf = (problem: FleetProblem, nodes: readonly SimNode[]) =>
  nodes.reduce((sum, node) => sum + price(problem, node.type), 0);

/**
 * Candidates by disruption cost, lowest first (consolidation.go sortCandidates). A pod's eviction cost
 * is 1 without a deletion-cost annotation or priority (pkg/utils/disruption EvictionCost), so the cost
 * is the pod count; ties keep creation order.
 */
function sortCandidates(nodes: readonly SimNode[]): SimNode[] {
  return [...nodes].sort((a, b) => podCount(a) - podCount(b) || a.id - b.id);
}

/** roundup(total × percentage) per NodePool: the default budget of `nodes: 10%`. */
function allowedDisruptions(pools: readonly SimPool[], nodes: readonly SimNode[]): number[] {
  return pools.map((pool, p) => Math.ceil(nodes.filter((n) => n.pool === p).length * pool.budget));
}

/** Keeps the candidates, in order, that the pools' budgets allow disrupting together. */
function withinBudget(pools: readonly SimPool[], nodes: readonly SimNode[], ordered: SimNode[]): SimNode[] {
  const allowed = allowedDisruptions(pools, nodes);
  return ordered.filter((node) => {
    if (allowed[node.pool]! <= 0) return false;
    allowed[node.pool]! -= 1;
    return true;
  });
}

/**
 * consolidation.go computeConsolidation: simulate scheduling the candidates' pods onto the other nodes
 * plus new NodeClaims. Every pod must land; no new claim means delete; more than one is refused ("we're
 * not going to turn a single node into multiple"); one is a replacement whose options must cost less
 * than the candidates together.
 */
function computeConsolidation(
  problem: FleetProblem,
  pools: readonly SimPool[],
  nodes: readonly SimNode[],
  candidates: SimNode[],
): Command | null {
  const ids = new Set(candidates.map((c) => c.id));
  const others = nodes.filter((node) => !ids.has(node.id));
  const pods = candidates.flatMap((c) =>
    c.counts.flatMap((count, i) => Array.from({ length: count }, () => i)),
  );
  const result = simulateScheduling(problem, pools, pods, others);
  if (result.unschedulable > 0 || result.claims.length > 1) return null;
  const claim = result.claims[0];
  if (!claim) return { candidates, added: result.added, others, replacement: null };
  const candidatePrice = priceOf(problem, candidates);
  const options = claim.types.filter((t) => price(problem, t) < candidatePrice);
  if (options.length === 0) return null;
  return {
    candidates,
    added: result.added,
    others,
    replacement: { counts: claim.counts, load: claim.load, pool: claim.pool, options },
  };
}

/**
 * multinodeconsolidation.go filterOutSameType: when a replacement could be one of the types being
 * removed, only options cheaper than the cheapest such node stay (else deleting the others is the
 * simpler move).
 */
function filterOutSameType(problem: FleetProblem, command: Command): number[] {
  const replacement = command.replacement!;
  let maxPrice = Number.POSITIVE_INFINITY;
  for (const t of replacement.options) {
    if (command.candidates.some((c) => c.type === t)) maxPrice = Math.min(maxPrice, price(problem, t));
  }
  return replacement.options.filter((t) => price(problem, t) < maxPrice);
}

/** Empty-node consolidation: delete the nodes without pods (within budget). */
function emptyNodes(pools: readonly SimPool[], nodes: readonly SimNode[]): Command | null {
  const empty = withinBudget(
    pools,
    nodes,
    nodes.filter((node) => podCount(node) === 0),
  );
  if (empty.length === 0) return null;
  const ids = new Set(empty.map((n) => n.id));
  const others = nodes.filter((node) => !ids.has(node.id));
  return { candidates: empty, added: others.map(() => null), others, replacement: null };
}

/**
 * Multi-node consolidation: binary search for the longest prefix (at least two) of the sorted
 * candidates that can be deleted or replaced by one cheaper node (firstNConsolidationOption).
 */
function multiNode(
  problem: FleetProblem,
  pools: readonly SimPool[],
  nodes: readonly SimNode[],
): Command | null {
  const candidates = withinBudget(pools, nodes, sortCandidates(nodes));
  if (candidates.length < 2) return null;
  let min = 1;
  let max = candidates.length <= MAX_MULTI_NODE_BATCH ? candidates.length - 1 : MAX_MULTI_NODE_BATCH;
  let last: Command | null = null;
  while (min <= max) {
    const mid = Math.floor((min + max) / 2);
    const command = computeConsolidation(problem, pools, nodes, candidates.slice(0, mid + 1));
    if (command?.replacement) command.replacement.options = filterOutSameType(problem, command);
    if (command && (!command.replacement || command.replacement.options.length > 0)) {
      last = command;
      min = mid + 1;
    } else {
      max = mid - 1;
    }
  }
  return last;
}

/** Single-node consolidation: the first candidate, in order, that can be deleted or replaced by one cheaper node. */
function singleNode(
  problem: FleetProblem,
  pools: readonly SimPool[],
  nodes: readonly SimNode[],
): Command | null {
  const allowed = allowedDisruptions(pools, nodes);
  for (const candidate of sortCandidates(nodes)) {
    if (allowed[candidate.pool]! <= 0) continue;
    const command = computeConsolidation(problem, pools, nodes, [candidate]);
    if (command) return command;
  }
  return null;
}

/** Carries a command out: the pods move as the simulation placed them, the replacement launches at lowest price. */
function execute(problem: FleetProblem, command: Command, nextId: number): SimNode[] {
  const result = command.others.map((node, k) => withAdded(problem, node, command.added[k] ?? null));
  const replacement = command.replacement;
  if (replacement) {
    result.push({
      id: nextId,
      pool: replacement.pool,
      type: cheapestOption(problem, replacement.options),
      counts: replacement.counts,
      load: replacement.load,
    });
  }
  return result;
}

/**
 * Runs the three consolidation methods in Karpenter's order (empty, multi-node, single-node), executing
 * the first command found and starting over, until none saves money. Returns the final nodes and the
 * moves made. Timeouts (1 min multi-node, 3 min single-node) and pod churn are not modelled.
 */
export function consolidate(
  problem: FleetProblem,
  pools: readonly SimPool[],
  start: readonly SimNode[],
): { nodes: SimNode[]; moves: Move[] } {
  let nodes = [...start];
  let nextId = nodes.reduce((max, node) => Math.max(max, node.id + 1), 0);
  const moves: Move[] = [];
  const methods: [MoveKind, () => Command | null][] = [
    ['empty', () => emptyNodes(pools, nodes)],
    ['multi-node', () => multiNode(problem, pools, nodes)],
    ['single-node', () => singleNode(problem, pools, nodes)],
  ];
  while (moves.length < MAX_MOVES) {
    let done = true;
    for (const [kind, find] of methods) {
      const command = find();
      if (!command) continue;
      const before = priceOf(problem, nodes);
      nodes = execute(problem, command, nextId++);
      const replaced = nodes.at(-1);
      moves.push({
        kind,
        removed: command.candidates.map((c) => problem.types[c.type]!.name),
        replacement: command.replacement && replaced ? problem.types[replaced.type]!.name : null,
        saving: before - priceOf(problem, nodes),
      });
      done = false;
      break;
    }
    if (done) break;
  }
  return { nodes, moves };
}
