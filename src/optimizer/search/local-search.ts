/**
 * @module local-search: cheap moves that repair the poorly filled nodes a rounding leaves behind:
 * merge two nodes into one cheaper node, empty a node into the free room of the others, and re-pack
 * two nodes into two cheaper ones.
 */
import type { FleetProblem } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import { patternKey } from '../model/pattern.js';
import {
  canHold,
  cheapestHolder,
  cheapestPrice,
  costOf,
  loadOf,
  type PlacedNode,
} from '../model/placement.js';
import type { SafetyClock } from './solve-limits.js';

/** A re-pack of two nodes: the two nodes they become, and what that saves an hour. */
interface PairRepack {
  first: PlacedNode;
  second: PlacedNode;
  saving: number;
}

/** Node contents numbered per problem: a pair's moves are keyed by the two numbers. */
const MAX_NODE_IDS = 1 << 16;
/** Pair results kept per problem before the memo starts again (a number each; a scan adds a few thousand at most). */
const MAX_PAIR_RESULTS = 1 << 18;

/**
 * The pair moves already worked out on a problem. A solve hands the local search dozens of fleets (the
 * greedy fleet, dives, the searches' fleets) that share most of their nodes, and each of its moves
 * changes only one or two nodes, so the same pairs come up again and again. What a pair gives depends
 * only on the two nodes' contents (and, for a re-pack, on the type tried first), so a remembered result
 * is the one the move would compute: the fleets do not change, only the work.
 */
class PairMemo {
  readonly #ids = new Map<string, number>();
  /** The cheapest type holding both nodes' tasks (-1: none), by pair. */
  readonly merges = new Map<number, number>();
  /** Pairs and first-node types whose re-pack saves nothing (pair key × type count + type). */
  readonly noRepack = new Set<number>();

  /**
   * The ids of these nodes, for one scan of pair moves. The memo starts again here, never within a scan,
   * when it holds too much: an id handed out before a restart would name other nodes after it.
   */
  idsOf(nodes: readonly PlacedNode[], which: readonly number[]): number[] {
    const full = this.merges.size + this.noRepack.size >= MAX_PAIR_RESULTS;
    if (full || this.#ids.size + which.length > MAX_NODE_IDS) this.clear();
    return mapPacked(which, (n) => {
      const key = patternKey(nodes[n]!);
      let id = this.#ids.get(key);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(key, id);
      }
      return id;
    });
  }

  /** One number for an unordered pair of node ids: both moves are symmetric in the two nodes. */
  pairKey(a: number, b: number): number {
    return a < b ? a * MAX_NODE_IDS + b : b * MAX_NODE_IDS + a;
  }

  clear(): void {
    this.#ids.clear();
    this.merges.clear();
    this.noRepack.clear();
  }
}

const memos = new WeakMap<FleetProblem, PairMemo>();

function memoOf(problem: FleetProblem): PairMemo {
  let memo = memos.get(problem);
  if (memo === undefined) {
    memo = new PairMemo();
    memos.set(problem, memo);
  }
  return memo;
}

/** How full a node is: its largest share of cpu or memory. */
function fill(problem: FleetProblem, node: PlacedNode): number {
  const type = problem.types[node.type]!;
  const load = loadOf(problem, node.counts);
  return Math.max(load.cpu / type.cpu, load.mem / type.mem);
}

/** Node indices from the emptiest to the fullest; each node's fill is computed once, not per comparison. */
function emptiestFirst(problem: FleetProblem, nodes: readonly PlacedNode[]): number[] {
  const fills = mapPacked(nodes, (node) => fill(problem, node));
  return mapPacked(nodes, (_, n) => n).sort((a, b) => fills[a]! - fills[b]!);
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
  const memo = memoOf(problem);
  const ids = memo.idsOf(nodes, worst);
  let best: { a: number; b: number; type: number; saving: number } | null = null;
  for (const [x, a] of worst.entries()) {
    if (clock.expired()) break;
    for (let y = x + 1; y < worst.length; y++) {
      const b = worst[y]!;
      const key = memo.pairKey(ids[x]!, ids[y]!);
      let type = memo.merges.get(key);
      if (type === undefined) {
        const union = mapPacked(nodes[a]!.counts, (c, i) => c + nodes[b]!.counts[i]!);
        type = cheapestHolder(problem, union);
        memo.merges.set(key, type);
      }
      if (type < 0) continue;
      const saving =
        problem.types[nodes[a]!.type]!.price +
        problem.types[nodes[b]!.type]!.price -
        problem.types[type]!.price;
      if (saving > 1e-9 && (!best || saving > best.saving)) best = { a, b, type, saving };
    }
  }
  if (!best) return false;
  const union = mapPacked(nodes[best.a]!.counts, (c, i) => c + nodes[best.b]!.counts[i]!);
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
    const moved = mapPacked(nodes, (node) => [...node.counts]);
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
  const used = [...new Set(mapPacked(nodes, (n) => n.type))];
  const items = mapPacked(problem.items, (_, i) => i);
  const orders = [
    [...items].sort((a, b) => problem.items[b]!.cpu - problem.items[a]!.cpu),
    [...items].sort((a, b) => problem.items[b]!.mem - problem.items[a]!.mem),
  ];
  const cheapest = cheapestPrice(problem);
  let best: { a: number; b: number; first: PlacedNode; second: PlacedNode; saving: number } | null = null;
  // Scratch counts, copied only into a move that becomes the best.
  const pool = filled(problem.items.length, 0);
  const first = filled(problem.items.length, 0);
  const rest = filled(problem.items.length, 0);
  const memo = memoOf(problem);
  const ids = memo.idsOf(nodes, worst);
  const typeCount = problem.types.length;
  for (const [x, a] of worst.entries()) {
    if (clock.expired()) break;
    for (let y = x + 1; y < worst.length; y++) {
      const b = worst[y]!;
      const pair = memo.pairKey(ids[x]!, ids[y]!);
      let pooled = false;
      const current = problem.types[nodes[a]!.type]!.price + problem.types[nodes[b]!.type]!.price;
      for (const t of used) {
        if (problem.types[t]!.price >= current) continue;
        // Even the cheapest type as the second node would not save more than the best move found.
        const most = current - problem.types[t]!.price - cheapest;
        if (most <= 1e-9 || (best && most <= best.saving)) continue;
        // A pair and type known to save nothing are skipped; a move that saves is worked out again (it is
        // taken or beaten, and either way rare), so the memo keeps no counts.
        const key = pair * typeCount + t;
        if (memo.noRepack.has(key)) continue;
        if (!pooled) {
          for (let i = 0; i < pool.length; i++) pool[i] = nodes[a]!.counts[i]! + nodes[b]!.counts[i]!;
          pooled = true;
        }
        let move: PairRepack | null = null;
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
          if (saving > 1e-9 && (!move || saving > move.saving)) {
            move = {
              first: { type: t, counts: [...first] },
              second: { type: holder, counts: [...rest] },
              saving,
            };
          }
        }
        if (move === null) {
          memo.noRepack.add(key);
          continue;
        }
        if (!best || move.saving > best.saving) best = { a, b, ...move };
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
  const nodes = mapPacked(start, (node) => ({ type: node.type, counts: [...node.counts] }));
  const before = costOf(problem, nodes);
  for (let moves = 0; moves < maxMoves && !clock.expired(); moves++) {
    // Only the emptiest nodes are tried: they are where rounding leaves waste, and the moves stay cheap.
    // Every move tries the nodes from the emptiest, in the order taken before any of them moves.
    const order = emptiestFirst(problem, nodes);
    if (nodes.length > problem.minNodes && mergeBestPair(problem, nodes, order, 24, clock)) continue;
    if (nodes.length > problem.minNodes && evacuateOne(problem, nodes, order, 12, clock)) continue;
    if (repackBestPair(problem, nodes, order, 10, clock)) continue;
    break;
  }
  return costOf(problem, nodes) < before ? nodes : [...start];
}
