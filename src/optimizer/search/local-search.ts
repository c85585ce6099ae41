/**
 * @module local-search: cheap moves that repair the poorly filled nodes a rounding leaves behind:
 * merge two nodes into one cheaper node, empty a node into the free room of the others, and re-pack
 * two nodes into two cheaper ones.
 */
import type { FleetProblem } from '../model/integer-model.js';
import {
  canHold,
  cheapestHolder,
  cheapestPrice,
  costOf,
  loadOf,
  type PlacedNode,
} from '../model/placement.js';
import type { SafetyClock } from './solve-limits.js';

/** How full a node is: its largest share of cpu or memory. */
function fill(problem: FleetProblem, node: PlacedNode): number {
  const type = problem.types[node.type]!;
  const load = loadOf(problem, node.counts);
  return Math.max(load.cpu / type.cpu, load.mem / type.mem);
}

/** Node indices from the emptiest to the fullest; each node's fill is computed once, not per comparison. */
function emptiestFirst(problem: FleetProblem, nodes: readonly PlacedNode[]): number[] {
  const fills = nodes.map((node) => fill(problem, node));
  return nodes.map((_, n) => n).sort((a, b) => fills[a]! - fills[b]!);
}

/** Merges the pair of nodes that saves the most by moving to one cheaper type; false when none does. */
function mergeBestPair(
  problem: FleetProblem,
  nodes: PlacedNode[],
  order: readonly number[],
  candidates: number,
  clock: SafetyClock,
): boolean {
  const worst = order.slice(0, candidates);
  let best: { a: number; b: number; type: number; saving: number } | null = null;
  for (const [x, a] of worst.entries()) {
    if (clock.expired()) break;
    for (const b of worst.slice(x + 1)) {
      const union = nodes[a]!.counts.map((c, i) => c + nodes[b]!.counts[i]!);
      const type = cheapestHolder(problem, union);
      if (type < 0) continue;
      const saving =
        problem.types[nodes[a]!.type]!.price +
        problem.types[nodes[b]!.type]!.price -
        problem.types[type]!.price;
      if (saving > 1e-9 && (!best || saving > best.saving)) best = { a, b, type, saving };
    }
  }
  if (!best) return false;
  const union = nodes[best.a]!.counts.map((c, i) => c + nodes[best.b]!.counts[i]!);
  nodes[best.a] = { type: best.type, counts: union };
  nodes.splice(best.b, 1);
  return true;
}

/** Moves every task of one node into the room left on the others (first fit); true when it emptied one. */
function evacuateOne(
  problem: FleetProblem,
  nodes: PlacedNode[],
  order: readonly number[],
  candidates: number,
  clock: SafetyClock,
): boolean {
  for (const victim of order.slice(0, candidates)) {
    if (clock.expired()) return false;
    const moved = nodes.map((node) => [...node.counts]);
    const source = moved[victim]!;
    let ok = true;
    for (let i = 0; i < source.length && ok; i++) {
      while (source[i]! > 0) {
        const target = moved.findIndex((counts, n) => {
          if (n === victim) return false;
          counts[i] = counts[i]! + 1;
          const fits = canHold(problem, problem.types[nodes[n]!.type]!, counts);
          counts[i] = counts[i]! - 1;
          return fits;
        });
        if (target < 0) {
          ok = false;
          break;
        }
        moved[target]![i] = moved[target]![i]! + 1;
        source[i] = source[i]! - 1;
      }
    }
    if (!ok || nodes.length - 1 < Math.min(problem.minNodes, nodes.length)) continue;
    const kept = moved.flatMap((counts, n) => (n === victim ? [] : [{ type: nodes[n]!.type, counts }]));
    nodes.splice(0, nodes.length, ...kept);
    return true;
  }
  return false;
}

/** Fills an empty node of `type` from `pool` first-fit in the given item order; writes the counts taken to `taken`. */
function fillFrom(
  problem: FleetProblem,
  type: number,
  pool: readonly number[],
  order: readonly number[],
  taken: number[],
): void {
  const node = problem.types[type]!;
  taken.fill(0);
  let cpu = node.cpu;
  let mem = node.mem;
  let tasks = node.tasks;
  let gpu = node.gpu;
  for (const i of order) {
    if (pool[i]! === 0 || !node.accepts[i] || tasks === 0) continue;
    const item = problem.items[i]!;
    let take = Math.min(
      pool[i]!,
      item.maxPerNode,
      tasks,
      Math.floor(cpu / item.cpu),
      Math.floor(mem / item.mem),
    );
    if (item.gpu > 0) take = Math.min(take, Math.floor(gpu / item.gpu));
    if (take <= 0) continue;
    taken[i] = take;
    cpu -= take * item.cpu;
    mem -= take * item.mem;
    tasks -= take;
    gpu -= take * item.gpu;
  }
}

/**
 * Re-packs the tasks of two nodes into two cheaper ones: the first node of a type the fleet already
 * uses, filled largest tasks first (by cpu, then by memory), the rest on the cheapest type that holds them.
 */
function repackBestPair(
  problem: FleetProblem,
  nodes: PlacedNode[],
  order: readonly number[],
  candidates: number,
  clock: SafetyClock,
): boolean {
  const worst = order.slice(0, candidates);
  const used = [...new Set(nodes.map((n) => n.type))];
  const items = problem.items.map((_, i) => i);
  const orders = [
    [...items].sort((a, b) => problem.items[b]!.cpu - problem.items[a]!.cpu),
    [...items].sort((a, b) => problem.items[b]!.mem - problem.items[a]!.mem),
  ];
  const cheapest = cheapestPrice(problem);
  let best: { a: number; b: number; first: PlacedNode; second: PlacedNode; saving: number } | null = null;
  // Scratch counts, copied only into a move that becomes the best.
  const pool = problem.items.map(() => 0);
  const first = problem.items.map(() => 0);
  const rest = problem.items.map(() => 0);
  for (const [x, a] of worst.entries()) {
    if (clock.expired()) break;
    for (const b of worst.slice(x + 1)) {
      for (let i = 0; i < pool.length; i++) pool[i] = nodes[a]!.counts[i]! + nodes[b]!.counts[i]!;
      const current = problem.types[nodes[a]!.type]!.price + problem.types[nodes[b]!.type]!.price;
      for (const t of used) {
        if (problem.types[t]!.price >= current) continue;
        // Even the cheapest type as the second node would not save more than the best move found.
        const most = current - problem.types[t]!.price - cheapest;
        if (most <= 1e-9 || (best && most <= best.saving)) continue;
        for (const itemOrder of orders) {
          fillFrom(problem, t, pool, itemOrder, first);
          let firstEmpty = true;
          let restEmpty = true;
          for (let i = 0; i < pool.length; i++) {
            rest[i] = pool[i]! - first[i]!;
            if (first[i] !== 0) firstEmpty = false;
            if (rest[i] !== 0) restEmpty = false;
          }
          if (firstEmpty || restEmpty) continue;
          const holder = cheapestHolder(problem, rest);
          if (holder < 0) continue;
          const saving = current - problem.types[t]!.price - problem.types[holder]!.price;
          if (saving > 1e-9 && (!best || saving > best.saving)) {
            best = {
              a,
              b,
              first: { type: t, counts: [...first] },
              second: { type: holder, counts: [...rest] },
              saving,
            };
          }
        }
      }
    }
  }
  if (!best) return false;
  nodes[best.a] = best.first;
  nodes[best.b] = best.second;
  return true;
}

/** Applies up to `maxMoves` improving moves, until none is left or the safety stop; never raises the cost. */
export function improveFleet(
  problem: FleetProblem,
  start: readonly PlacedNode[],
  maxMoves: number,
  clock: SafetyClock,
): PlacedNode[] {
  const nodes = start.map((node) => ({ type: node.type, counts: [...node.counts] }));
  const before = costOf(problem, nodes);
  for (let moves = 0; moves < maxMoves && !clock.expired(); moves++) {
    // Only the emptiest nodes are tried: they are where rounding leaves waste, and the moves stay cheap.
    // The moves try the nodes from the emptiest, in one order taken before any of them moves.
    const order = emptiestFirst(problem, nodes);
    if (nodes.length > problem.minNodes && mergeBestPair(problem, nodes, order, 24, clock)) continue;
    if (nodes.length > problem.minNodes && evacuateOne(problem, nodes, order, 12, clock)) continue;
    if (repackBestPair(problem, nodes, order, 10, clock)) continue;
    break;
  }
  return costOf(problem, nodes) < before ? nodes : [...start];
}
