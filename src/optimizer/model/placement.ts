/** @module placement: nodes as item counts, and the checks and repairs every solver shares. */
import { keptIn } from '../../memo.js';
import type { FleetProblem, ProblemType } from './integer-model.js';
import { filled } from './lists.js';

/** One node: its type (an index into problem.types) and how many tasks of each item it holds. */
export interface PlacedNode {
  type: number;
  counts: number[];
}

export interface Load {
  cpu: number;
  mem: number;
  tasks: number;
  gpu: number;
}

export function loadOf(problem: FleetProblem, counts: readonly number[]): Load {
  const load = { cpu: 0, mem: 0, tasks: 0, gpu: 0 };
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count === 0) continue;
    const item = problem.items[i]!;
    load.cpu += item.cpu * count;
    load.mem += item.mem * count;
    load.tasks += count;
    load.gpu += item.gpu * count;
  }
  return load;
}

export function loadFits(load: Load, type: ProblemType): boolean {
  return load.cpu <= type.cpu && load.mem <= type.mem && load.tasks <= type.tasks && load.gpu <= type.gpu;
}

/** Whether a node of `type` may hold these counts: every item allowed, the spread kept, the load within capacity. */
export function canHold(problem: FleetProblem, type: ProblemType, counts: readonly number[]): boolean {
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count === 0) continue;
    if (count > problem.items[i]!.maxPerNode || !type.accepts[i]) return false;
  }
  return loadFits(loadOf(problem, counts), type);
}

/**
 * Each problem's type indices, cheapest first (equal prices by index). A problem's types are never changed
 * once built, and residual problems share their parent's list, so one order serves them all.
 */
const typesByPrice = new WeakMap<readonly ProblemType[], Int32Array>();

function byPrice(types: readonly ProblemType[]): Int32Array {
  // Looked up before keptIn: cheapestHolder asks on every call, and the closure keptIn takes was
  // allocated each time (about 5 % of a recommendation's allocation).
  const known = typesByPrice.get(types);
  if (known !== undefined) return known;
  return keptIn(typesByPrice, types, () =>
    Int32Array.from(types.keys()).sort((a, b) => types[a]!.price - types[b]!.price || a - b),
  );
}

/** The lowest price of any of the problem's types (+∞ without types). */
export function cheapestPrice(problem: FleetProblem): number {
  const first = byPrice(problem.types)[0];
  return first === undefined ? Number.POSITIVE_INFINITY : problem.types[first]!.price;
}

/** Scratch for cheapestHolder's item indices: it runs hundreds of thousands of times a solve. */
let usedScratch = new Int32Array(64);

/**
 * The cheapest type that can hold these counts (the lowest index among equally cheap ones), or -1. The load
 * is computed once, and types are tried cheapest first, so the first that holds it is the answer. It
 * allocates nothing (the exact searches call it for every new load).
 */
export function cheapestHolder(problem: FleetProblem, counts: readonly number[]): number {
  if (usedScratch.length < counts.length) usedScratch = new Int32Array(counts.length);
  const used = usedScratch;
  let nUsed = 0;
  let cpu = 0;
  let mem = 0;
  let tasks = 0;
  let gpu = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (count === 0) continue;
    const item = problem.items[i]!;
    if (count > item.maxPerNode) return -1;
    used[nUsed++] = i;
    cpu += item.cpu * count;
    mem += item.mem * count;
    tasks += count;
    gpu += item.gpu * count;
  }
  const types = problem.types;
  const order = byPrice(types);
  for (let k = 0; k < order.length; k++) {
    const t = order[k]!;
    const type = types[t]!;
    if (!(cpu <= type.cpu && mem <= type.mem && tasks <= type.tasks && gpu <= type.gpu)) continue;
    let accepts = true;
    for (let u = 0; u < nUsed && accepts; u++) accepts = type.accepts[used[u]!] === true;
    if (accepts) return t;
  }
  return -1;
}

export function costOf(problem: FleetProblem, nodes: readonly PlacedNode[]): number {
  return nodes.reduce((sum, node) => sum + problem.types[node.type]!.price, 0);
}

/** Moves every node to the cheapest type that still holds its tasks, and drops empty nodes. */
export function downsizeNodes(problem: FleetProblem, nodes: readonly PlacedNode[]): PlacedNode[] {
  const result: PlacedNode[] = [];
  for (const node of nodes) {
    if (node.counts.every((c) => c === 0)) continue;
    const cheapest = cheapestHolder(problem, node.counts);
    result.push({ type: cheapest >= 0 ? cheapest : node.type, counts: node.counts });
  }
  return result;
}

/** Splits the busiest node in two (same type, then downsized by the caller) until the fleet has `minNodes` nodes. */
export function enforceMinNodes(problem: FleetProblem, nodes: readonly PlacedNode[]): PlacedNode[] {
  const target = problem.minNodes;
  const result = [...nodes];
  while (result.length < target) {
    const tasksOf = (n: PlacedNode) => n.counts.reduce((a, b) => a + b, 0);
    result.sort((a, b) => tasksOf(b) - tasksOf(a));
    const busiest = result[0];
    if (!busiest || tasksOf(busiest) < 2) break;
    result.shift();
    const half = filled(busiest.counts.length, 0);
    let toMove = Math.floor(tasksOf(busiest) / 2);
    const kept = [...busiest.counts];
    for (let i = 0; i < kept.length && toMove > 0; i++) {
      const move = Math.min(kept[i]!, toMove);
      kept[i] = kept[i]! - move;
      half[i] = move;
      toMove -= move;
    }
    result.push({ type: busiest.type, counts: kept }, { type: busiest.type, counts: half });
  }
  return result;
}

/** Checks that the nodes hold exactly every task, within capacity and spread; returns the first problem found. */
export function findPlacementError(problem: FleetProblem, nodes: readonly PlacedNode[]): string | null {
  const placed = filled(problem.items.length, 0);
  for (const [n, node] of nodes.entries()) {
    const type = problem.types[node.type];
    if (!type) return `node ${n} has no type`;
    if (!canHold(problem, type, node.counts))
      return `node ${n} (${type.name}) is over capacity or breaks a constraint`;
    node.counts.forEach((c, i) => {
      placed[i] = (placed[i] ?? 0) + c;
    });
  }
  if (nodes.length < problem.minNodes)
    return `${nodes.length} nodes, fewer than the spread's ${problem.minNodes}`;
  const missing = problem.items.findIndex((item, i) => placed[i] !== item.demand);
  if (missing >= 0)
    return `item ${missing} has ${placed[missing]} of ${problem.items[missing]!.demand} tasks placed`;
  return null;
}
