/**
 * @module lib-baselines: first-fit decreasing, a packer the fleet benchmark compares against, on Berth's
 * own capacity model (same reserves, max pods, architectures and GPUs), so only the packing differs.
 * The Karpenter baseline is a simulation of its own, in bench/karpenter/.
 */
import type { FleetProblem } from '../src/optimizer/model/integer-model.js';
import { cheapestHolder, downsizeNodes, type PlacedNode } from '../src/optimizer/model/placement.js';

/** A node being filled: how many tasks of each item it holds, and their total load. */
interface OpenNode {
  counts: number[];
  load: { cpu: number; mem: number; tasks: number; gpu: number };
}

function typeTakes(problem: FleetProblem, claim: OpenNode, t: number, i: number): boolean {
  const type = problem.types[t]!;
  const item = problem.items[i]!;
  return (
    type.accepts[i] === true &&
    claim.counts[i]! + 1 <= item.maxPerNode &&
    claim.load.cpu + item.cpu <= type.cpu &&
    claim.load.mem + item.mem <= type.mem &&
    claim.load.tasks + 1 <= type.tasks &&
    claim.load.gpu + item.gpu <= type.gpu
  );
}

/** Largest share of a reference node first (performance.md appendix: max(cpu/32, mem/128)). */
function tasksByDominantShare(problem: FleetProblem): number[] {
  const share = (i: number) => Math.max(problem.items[i]!.cpu / 32_000, problem.items[i]!.mem / 131_072);
  const tasks = problem.items.flatMap((item, i) => Array.from({ length: item.demand }, () => i));
  return tasks.sort((a, b) => share(b) - share(a) || a - b);
}

/** First-fit decreasing where a new node for item i is of type seed[i] (or i's cheapest holder). */
function firstFitDecreasing(
  problem: FleetProblem,
  order: readonly number[],
  seed: readonly number[],
  fallback: readonly number[],
): PlacedNode[] {
  const nodes: OpenNode[] = [];
  const nodeTypes: number[] = [];
  for (const i of order) {
    const item = problem.items[i]!;
    let n = nodes.findIndex((node, k) => typeTakes(problem, node, nodeTypes[k]!, i));
    if (n < 0) {
      const type = problem.types[seed[i]!]?.accepts[i] ? seed[i]! : fallback[i]!;
      nodes.push({
        counts: problem.items.map(() => 0),
        load: { cpu: 0, mem: 0, tasks: 0, gpu: 0 },
      });
      nodeTypes.push(type);
      n = nodes.length - 1;
    }
    const node = nodes[n]!;
    node.counts[i] = node.counts[i]! + 1;
    node.load.cpu += item.cpu;
    node.load.mem += item.mem;
    node.load.tasks += 1;
    node.load.gpu += item.gpu;
  }
  return downsizeNodes(
    problem,
    nodes.map((node, k) => ({ type: nodeTypes[k]!, counts: node.counts })),
  );
}

const cost = (problem: FleetProblem, nodes: readonly PlacedNode[]) =>
  nodes.reduce((sum, n) => sum + problem.types[n.type]!.price, 0);

/** Seeds tried per class: the types with the most cpu and memory per dollar (all would take minutes). */
const SEEDS_PER_CLASS = 12;

/**
 * First-fit decreasing with the best "new node" type (performance.md §A3: each type tried as the
 * seed, then every node downsized). Tasks that can run on the same set of types share a seed; the
 * seeds are chosen one class at a time, trying that class's most cost-efficient types and keeping the
 * cheapest fleet.
 */
export function packFirstFitDecreasing(problem: FleetProblem): PlacedNode[] {
  const order = tasksByDominantShare(problem);
  const fallback = problem.items.map((_, i) => {
    const counts = problem.items.map((_, j) => (j === i ? 1 : 0));
    return cheapestHolder(problem, counts);
  });
  const value = (t: number) =>
    (problem.types[t]!.cpu / 1000 + problem.types[t]!.mem / 4096) / problem.types[t]!.price;
  const classOf = problem.items.map((_, i) =>
    problem.types.flatMap((t, k) => (t.accepts[i] ? [k] : [])).join(','),
  );
  const classes = [...new Set(classOf)];
  // Start every class on the type with the most cpu+memory per dollar among those it may use.
  const seed = problem.items.map(() => -1);
  for (const key of classes) {
    const members = problem.items.flatMap((_, i) => (classOf[i] === key ? [i] : []));
    const allowed = key.split(',').map(Number);
    const start = allowed.reduce((best, t) => (value(t) > value(best) ? t : best));
    for (const i of members) seed[i] = start;
  }
  let best = firstFitDecreasing(problem, order, seed, fallback);
  for (const key of classes) {
    const members = problem.items.flatMap((_, i) => (classOf[i] === key ? [i] : []));
    let bestSeed = seed[members[0]!]!;
    const candidates = key
      .split(',')
      .map(Number)
      .sort((a, b) => value(b) - value(a))
      .slice(0, SEEDS_PER_CLASS);
    for (const t of candidates) {
      for (const i of members) seed[i] = t;
      const nodes = firstFitDecreasing(problem, order, seed, fallback);
      if (cost(problem, nodes) < cost(problem, best)) {
        best = nodes;
        bestSeed = t;
      }
    }
    for (const i of members) seed[i] = bestSeed;
  }
  return best;
}
