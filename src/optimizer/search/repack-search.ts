/**
 * @module repack-search: large-neighbourhood search over a fleet. Each round frees a few nodes (one
 * of the worst by reduced cost at the LP duals, and others near it or at random), then re-packs their
 * tasks node by node: the type and knapsack load worth the most per dollar at noisy duals, the
 * "sequential value correction" idea for cutting stock. A re-pack that costs less replaces the freed
 * nodes. Rounds take a few milliseconds, so many fit where one MILP over the columns would not.
 */

import { type KnapsackItem, type Mix, solveKnapsack } from '../knapsack/branch-and-bound.js';
import type { FleetProblem } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import { cheapestHolder, costOf, type PlacedNode } from '../model/placement.js';
import { knapsackItems, quickBoundLeft } from './column-finder.js';
import { SafetyClock } from './solve-limits.js';

/** Node types each re-pack tries: the best value per dollar at the duals, plus the freed nodes' own. */
const TOP_TYPES = 60;
/** The first freed node is drawn from this many of the worst nodes by reduced cost. */
const WORST_POOL = 6;
/** Freed nodes per round, drawn uniformly. */
const MIN_FREED = 2;
const MAX_FREED = 4;
/** Relative noise on the task values, so rounds over the same nodes try different loads. */
const VALUE_NOISE = 0.15;
/** Branch-and-bound nodes per knapsack: the loads are small, a near-best one is enough. */
const KNAPSACK_NODES = 300;
/** Types searched in full for each new node: the best by a quick bound per dollar. */
const SEARCHED_TYPES = 8;

export interface RepackOptions {
  /** Stop after this many rounds in all. */
  maxRounds: number;
  /** Stop after this many rounds in a row without an improvement. */
  stallRounds: number;
  /** The safety stop (default: none). */
  clock?: SafetyClock;
  /** Seed of the deterministic random stream (same inputs and seed, same rounds). */
  seed?: number;
}

export interface RepackResult {
  nodes: PlacedNode[];
  rounds: number;
  improvements: number;
}

/** xorshift32: a small deterministic stream in [0, 1). */
function randomStream(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

function reducedCost(problem: FleetProblem, node: PlacedNode, duals: readonly number[]): number {
  let value = 0;
  node.counts.forEach((c, i) => {
    value += c * duals[i]!;
  });
  return problem.types[node.type]!.price - value;
}

/** Value per dollar; a free type (a price source may say $0) ranks first whenever it adds value. */
function perDollar(value: number, price: number): number {
  if (price > 0) return value / price;
  return value > 0 ? Number.POSITIVE_INFINITY : 0;
}

/** Types ranked by the root bound of their best load at the duals, per dollar; null past the safety stop. */
function promisingTypes(
  problem: FleetProblem,
  duals: readonly number[],
  clock: SafetyClock,
): number[] | null {
  const score: number[] = [];
  for (const type of problem.types) {
    if (clock.expired()) return null;
    const items = knapsackItems(problem, type.items, duals, (i) => problem.items[i]!.maxPerNode);
    score.push(perDollar(solveKnapsack(items, type, { nodeLimit: 0 }).upperBound, type.price));
  }
  return mapPacked(problem.types, (_, t) => t)
    .sort((a, b) => score[b]! - score[a]! || a - b)
    .slice(0, TOP_TYPES);
}

/** The lowest price per unit of vCPU and of memory over every type of the problem (0 when none has the resource). */
interface UnitPrices {
  cpu: number;
  mem: number;
}

function unitPricesOf(problem: FleetProblem): UnitPrices {
  let cpu = Number.POSITIVE_INFINITY;
  let mem = Number.POSITIVE_INFINITY;
  for (const type of problem.types) {
    if (type.cpu > 0) cpu = Math.min(cpu, type.price / type.cpu);
    if (type.mem > 0) mem = Math.min(mem, type.price / type.mem);
  }
  // Shaved by a billionth, so the rounding of a division never lifts the bound above a real fleet's cost.
  const shave = (x: number) => (Number.isFinite(x) ? x * (1 - 1e-9) : 0);
  return { cpu: shave(cpu), mem: shave(mem) };
}

/** packByValue's lists, reused from node to node (the search never runs inside itself). */
const usableScratch: number[] = [];
const itemScratch: KnapsackItem[] = [];
const itemPool: KnapsackItem[] = [];

/**
 * The knapsack items of the tasks `usable` at `values`, each capped at what is left and at its spread:
 * knapsackItems' items, written into objects reused from call to call (solveKnapsack keeps none of them).
 */
function loadItems(
  problem: FleetProblem,
  usable: readonly number[],
  values: readonly number[],
  left: readonly number[],
): KnapsackItem[] {
  while (itemPool.length < usable.length) itemPool.push({ value: 0, cpu: 0, mem: 0, gpu: 0, bound: 0 });
  itemScratch.length = 0;
  for (let k = 0; k < usable.length; k++) {
    const i = usable[k]!;
    const task = problem.items[i]!;
    const item = itemPool[k]!;
    item.value = values[i]!;
    item.cpu = task.cpu;
    item.mem = task.mem;
    item.gpu = task.gpu;
    item.bound = Math.min(left[i]!, task.maxPerNode);
    itemScratch.push(item);
  }
  return itemScratch;
}

/**
 * Packs the tasks `left` one node at a time, each the type and load with the most value per dollar,
 * moved to the cheapest type that holds it. Gives up (null) once the cost reaches `budget` or at the
 * safety stop.
 */
function packByValue(
  problem: FleetProblem,
  left: number[],
  values: readonly number[],
  types: readonly number[],
  budget: number,
  clock: SafetyClock,
  mixes: Map<number, Mix>,
  unitPrices: UnitPrices,
): PlacedNode[] | null {
  const nodes: PlacedNode[] = [];
  let cost = 0;
  // vCPU and memory still to place: any nodes that hold them cost at least the cheapest price per unit
  // times as much, so once that reaches the budget the re-pack cannot win and stops early.
  let cpuLeft = 0;
  let memLeft = 0;
  left.forEach((c, i) => {
    cpuLeft += c * problem.items[i]!.cpu;
    memLeft += c * problem.items[i]!.mem;
  });
  while (left.some((c) => c > 0)) {
    if (cost + Math.max(cpuLeft * unitPrices.cpu, memLeft * unitPrices.mem) >= budget - 1e-9) return null;
    if (clock.expired()) return null;
    // Quick bounds first (a few operations a type), then full searches of the most promising types
    // in order of bound per dollar, until no bound can beat the best load found.
    // The SEARCHED_TYPES best by bound per dollar (ties by type index), best first: a partial insertion
    // sort, since sorting every type's bound cost more than the searches it orders.
    const topTypes: number[] = [];
    const topBounds: number[] = [];
    for (const t of types) {
      const quick = quickBoundLeft(problem, problem.types[t]!, left, values);
      if (quick === null) continue;
      const bound = perDollar(quick, problem.types[t]!.price);
      let y = topTypes.length;
      while (y > 0 && (topBounds[y - 1]! < bound || (topBounds[y - 1] === bound && topTypes[y - 1]! > t)))
        y--;
      if (y >= SEARCHED_TYPES) continue;
      topTypes.splice(y, 0, t);
      topBounds.splice(y, 0, bound);
      if (topTypes.length > SEARCHED_TYPES) {
        topTypes.pop();
        topBounds.pop();
      }
    }
    let best: { type: number; counts: number[]; score: number } | null = null;
    for (let rank = 0; rank < topTypes.length; rank++) {
      const t = topTypes[rank]!;
      const bound = topBounds[rank]!;
      if (best && bound <= best.score) break;
      const type = problem.types[t]!;
      const usable = usableScratch;
      usable.length = 0;
      for (const i of type.items) if (left[i]! > 0) usable.push(i);
      const items = loadItems(problem, usable, values, left);
      // Only a load worth more per dollar than the best so far can take its place: the search may prune at
      // that value (less a margin above its own tolerance, so no such load is missed).
      const minValue = best && type.price > 0 ? best.score * type.price - 1e-8 : 0;
      const load = solveKnapsack(items, type, { nodeLimit: KNAPSACK_NODES, minValue, mix: mixes.get(t) });
      const score = perDollar(load.value, type.price);
      if (load.value > 0 && (!best || score > best.score)) {
        const counts = filled(problem.items.length, 0);
        usable.forEach((i, k) => {
          counts[i] = load.counts[k]!;
        });
        best = { type: t, counts, score };
      }
    }
    if (!best) return null;
    const holder = cheapestHolder(problem, best.counts);
    const type = holder >= 0 ? holder : best.type;
    cost += problem.types[type]!.price;
    if (cost >= budget - 1e-9) return null;
    nodes.push({ type, counts: best.counts });
    best.counts.forEach((c, i) => {
      left[i] = left[i]! - c;
      cpuLeft -= c * problem.items[i]!.cpu;
      memLeft -= c * problem.items[i]!.mem;
    });
  }
  return nodes;
}

/**
 * Re-packs small groups of nodes for `maxRounds` rounds, or until `stallRounds` rounds in a row find
 * nothing; never raises the cost, keeps every task placed and keeps at least `problem.minNodes` nodes.
 * `duals` price the tasks (the covering LP's duals).
 */
export function repackSearch(
  problem: FleetProblem,
  start: readonly PlacedNode[],
  duals: readonly number[],
  options: RepackOptions,
): RepackResult {
  let nodes = mapPacked(start, (node) => ({ type: node.type, counts: [...node.counts] }));
  const random = randomStream(options.seed ?? 1);
  const clock = options.clock ?? new SafetyClock();
  const top = promisingTypes(problem, duals, clock);
  if (top === null) return { nodes, rounds: 0, improvements: 0 };
  const mixes = new Map<number, Mix>();
  const unitPrices = unitPricesOf(problem);
  let rounds = 0;
  let improvements = 0;
  let stall = 0;
  while (
    nodes.length >= MIN_FREED &&
    rounds < options.maxRounds &&
    stall < options.stallRounds &&
    !clock.expired()
  ) {
    rounds += 1;
    stall += 1;
    const reduced = mapPacked(nodes, (node) => reducedCost(problem, node, duals));
    const worst = mapPacked(nodes, (_, n) => n)
      .sort((a, b) => reduced[b]! - reduced[a]!)
      .slice(0, WORST_POOL);
    const size = Math.min(nodes.length, MIN_FREED + Math.floor(random() * (MAX_FREED - MIN_FREED + 1)));
    const freed = new Set([worst[Math.floor(random() * worst.length)]!]);
    while (freed.size < size) {
      const from = random() < 0.5 ? worst : mapPacked(nodes, (_, n) => n);
      freed.add(from[Math.floor(random() * from.length)]!);
    }
    const freedNodes = mapPacked([...freed], (n) => nodes[n]!);
    const left = filled(problem.items.length, 0);
    for (const node of freedNodes) {
      node.counts.forEach((c, i) => {
        left[i] = left[i]! + c;
      });
    }
    // A tiny floor keeps tasks with a zero dual packable.
    const values = mapPacked(duals, (d) => Math.max(0, d) * (1 + VALUE_NOISE * (2 * random() - 1)) + 1e-6);
    const types = [...new Set([...top, ...mapPacked(freedNodes, (node) => node.type)])];
    const made = packByValue(
      problem,
      left,
      values,
      types,
      costOf(problem, freedNodes),
      clock,
      mixes,
      unitPrices,
    );
    if (made === null || nodes.length - freed.size + made.length < problem.minNodes) continue;
    nodes = [...nodes.filter((_, n) => !freed.has(n)), ...made];
    improvements += 1;
    stall = 0;
  }
  return { nodes, rounds, improvements };
}
