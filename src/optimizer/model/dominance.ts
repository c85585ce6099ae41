/**
 * @module dominance: drops instance types that another type beats for these tasks: as cheap or
 * cheaper, and able to hold every load the other can hold.
 */
import type { ProblemItem } from './integer-model.js';
import { mapPacked } from './lists.js';

/** What dominance reads of a type: its price, integer capacity and the items it may run. */
export interface DominanceCandidate {
  name: string;
  price: number;
  cpu: number;
  mem: number;
  tasks: number;
  gpu: number;
  /** Indices of the items one node of this type may run (each fits alone). */
  items: readonly number[];
}

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

/** Rounds a capacity down to what loads of sizes that are all multiples of `unit` can use. */
function usable(capacity: number, unit: number): number {
  return unit > 0 && Number.isInteger(capacity) ? Math.floor(capacity / unit) * unit : capacity;
}

/**
 * The capacity that loads of these items can actually use: no load needs more of a resource than all
 * the tasks it may hold together (each item at most its per-node cap), a load's cpu is a multiple of
 * the gcd of the items' cpu (likewise memory and GPUs), and no load holds more tasks than fit by cpu or
 * memory with the smallest item. A node of type B whose loads all fit these limits of type A fits A.
 */
export function effectiveCapacity(
  type: DominanceCandidate,
  items: readonly ProblemItem[],
): { cpu: number; mem: number; tasks: number; gpu: number } {
  let cpu = 0;
  let mem = 0;
  let gpu = 0;
  let tasks = 0;
  let gCpu = 0;
  let gMem = 0;
  let gGpu = 0;
  let minCpu = Number.POSITIVE_INFINITY;
  let minMem = Number.POSITIVE_INFINITY;
  for (const i of type.items) {
    const item = items[i]!;
    const cap = item.maxPerNode;
    cpu += item.cpu * cap;
    mem += item.mem * cap;
    gpu += item.gpu * cap;
    tasks += cap;
    gCpu = gcd(gCpu, item.cpu);
    gMem = gcd(gMem, item.mem);
    if (item.gpu > 0) gGpu = gcd(gGpu, item.gpu);
    minCpu = Math.min(minCpu, item.cpu);
    minMem = Math.min(minMem, item.mem);
  }
  const effCpu = usable(Math.min(type.cpu, cpu), gCpu);
  const effMem = usable(Math.min(type.mem, mem), gMem);
  const effTasks = Math.min(type.tasks, tasks, Math.floor(effCpu / minCpu), Math.floor(effMem / minMem));
  return { cpu: effCpu, mem: effMem, tasks: effTasks, gpu: usable(Math.min(type.gpu, gpu), gGpu) };
}

/** The items of a type as a bit set, so "runs every item the other runs" is a few word operations. */
function bitsOf(indices: readonly number[], words: number): Uint32Array {
  const bits = new Uint32Array(words);
  for (const i of indices) bits[i >>> 5] = bits[i >>> 5]! | (1 << (i & 31));
  return bits;
}

function isSubset(small: Uint32Array, big: Uint32Array): boolean {
  for (let w = 0; w < small.length; w++) if ((small[w]! & ~big[w]!) !== 0) return false;
  return true;
}

/**
 * Keeps only types that no other type dominates: as cheap or cheaper, at least as much of every
 * resource the items can use (effectiveCapacity), and able to run every item the other runs. Any node
 * of a dominated type can be swapped for its dominator without raising the cost, so the optimum and
 * every lower bound are unchanged (docs/optimizer.md#dominated-instance-types: plain dominance cut 60 types to 15; counting
 * only usable capacity cuts a small problem's catalog to a handful). Among equivalent types the first by
 * name survives. Returned cheapest first.
 */
export function pruneDominated<T extends DominanceCandidate>(
  types: readonly T[],
  items: readonly ProblemItem[],
): T[] {
  const words = Math.max(1, Math.ceil(items.length / 32));
  const prepared = mapPacked(types, (type) => ({
    type,
    eff: effectiveCapacity(type, items),
    bits: bitsOf(type.items, words),
  }));
  // Bigger first among equal prices, so a type is only ever dominated by one already seen.
  prepared.sort(
    (a, b) =>
      a.type.price - b.type.price ||
      b.eff.cpu - a.eff.cpu ||
      b.eff.mem - a.eff.mem ||
      b.eff.tasks - a.eff.tasks ||
      b.eff.gpu - a.eff.gpu ||
      b.type.items.length - a.type.items.length ||
      (a.type.name < b.type.name ? -1 : a.type.name > b.type.name ? 1 : 0),
  );
  const kept: typeof prepared = [];
  for (const candidate of prepared) {
    const { eff, bits } = candidate;
    const dominated = kept.some(
      (k) =>
        k.eff.cpu >= eff.cpu &&
        k.eff.mem >= eff.mem &&
        k.eff.tasks >= eff.tasks &&
        k.eff.gpu >= eff.gpu &&
        isSubset(bits, k.bits),
    );
    if (!dominated) kept.push(candidate);
  }
  return mapPacked(kept, (k) => k.type);
}
