/**
 * @module enumerate-loads: every maximal load of one node worth at least a threshold. The exact search
 * of the fleet optimizer lists them for each node it opens (see exact-packing).
 */
import { filled } from '../model/lists.js';
import { sortByKeyDescending } from './surrogate-bound.js';
import type { KnapsackCapacity, KnapsackItem } from './types.js';

export interface EnumerateLimits {
  /** Give up (complete: false) past this many loads... */
  maxLoads: number;
  /** ...or past this many search nodes. */
  maxNodes: number;
  /** Index of an item every listed load must hold at least one task of. */
  required?: number;
}

export interface EnumerateResult {
  /** Counts parallel to the input items. */
  loads: number[][];
  /** False when a limit stopped the listing: then it may miss loads. */
  complete: boolean;
  nodes: number;
}

/** Relative slack on the threshold, so float error never drops a load that is worth exactly enough. */
export const THRESHOLD_SLACK = 1e-9;

/** The typed arrays of a listing of n items, reused from call to call (see `arraysFor`). */
interface ListingArrays {
  value: Float64Array;
  cpu: Float64Array;
  mem: Float64Array;
  gpu: Float64Array;
  bound: Int32Array;
  perCpu: Float64Array;
  perMem: Float64Array;
  byCpu: Int32Array;
  byMem: Int32Array;
  byTask: Int32Array;
  suffixValue: Float64Array;
  counts: Int32Array;
}

/**
 * Arrays by item count: the exact search lists loads at every node it opens, mostly of a few items, and
 * allocating a dozen typed arrays each time cost more than the listing. Safe because a listing never
 * starts another before it returns (and each worker thread has its own).
 */
const arraysByCount: ListingArrays[] = [];

function arraysFor(n: number): ListingArrays {
  let arrays = arraysByCount[n];
  if (arrays === undefined) {
    const floats = (length = n) => new Float64Array(length);
    const ints = () => new Int32Array(n);
    arrays = {
      value: floats(),
      cpu: floats(),
      mem: floats(),
      gpu: floats(),
      bound: ints(),
      perCpu: floats(),
      perMem: floats(),
      byCpu: ints(),
      byMem: ints(),
      byTask: ints(),
      suffixValue: floats(n + 1),
      counts: ints(),
    };
    arraysByCount[n] = arrays;
  }
  return arrays;
}

/** The items in search order, as typed arrays, and the search's running state. */
class Listing {
  readonly n: number;
  readonly value: Float64Array;
  readonly cpu: Float64Array;
  readonly mem: Float64Array;
  readonly gpu: Float64Array;
  readonly bound: Int32Array;
  /** Positions sorted by value per millicore, per MiB and per task slot. */
  readonly byCpu: Int32Array;
  readonly byMem: Int32Array;
  readonly byTask: Int32Array;
  /** Value of every item from a position on, each at its bound. */
  readonly suffixValue: Float64Array;
  readonly counts: Int32Array;
  readonly loads: number[][] = [];
  nodes = 0;
  complete = true;

  constructor(
    readonly items: readonly KnapsackItem[],
    readonly useful: readonly number[],
    readonly threshold: number,
    readonly required: number,
    readonly limits: EnumerateLimits,
  ) {
    const n = useful.length;
    this.n = n;
    const arrays = arraysFor(n);
    this.value = arrays.value;
    this.cpu = arrays.cpu;
    this.mem = arrays.mem;
    this.gpu = arrays.gpu;
    this.bound = arrays.bound;
    for (let k = 0; k < n; k++) {
      const item = items[useful[k]!]!;
      this.value[k] = Math.max(0, item.value);
      this.cpu[k] = item.cpu;
      this.mem[k] = item.mem;
      this.gpu[k] = item.gpu;
      this.bound[k] = item.bound;
    }
    const { perCpu, perMem } = arrays;
    for (let k = 0; k < n; k++) {
      perCpu[k] = this.value[k]! / this.cpu[k]!;
      perMem[k] = this.value[k]! / this.mem[k]!;
    }
    this.byCpu = sortPositions(arrays.byCpu, perCpu);
    this.byMem = sortPositions(arrays.byMem, perMem);
    this.byTask = sortPositions(arrays.byTask, this.value);
    this.suffixValue = arrays.suffixValue;
    this.suffixValue[n] = 0;
    for (let k = n - 1; k >= 0; k--) {
      this.suffixValue[k] = this.suffixValue[k + 1]! + this.value[k]! * this.bound[k]!;
    }
    // A listing stopped by a limit leaves counts behind.
    this.counts = arrays.counts.fill(0);
  }

  /** Fractional bound of the items at positions ≥ k on one resource (sizes null: one slot each). */
  fractional(order: Int32Array, sizes: Float64Array | null, room: number, k: number): number {
    let total = 0;
    for (let x = 0; x < this.n; x++) {
      const j = order[x]!;
      if (j < k || this.value[j] === 0) continue;
      const unit = sizes ? sizes[j]! : 1;
      const take = Math.min(this.bound[j]!, room / unit);
      total += take * this.value[j]!;
      room -= take * unit;
      if (room <= 0) break;
    }
    return total;
  }

  /** Records the current counts if the load is worth enough and nothing more fits. */
  leaf(got: number, c: number, m: number, t: number, g: number): void {
    if (got < this.threshold) return;
    for (let j = 0; j < this.n; j++) {
      if (
        this.counts[j]! < this.bound[j]! &&
        this.cpu[j]! <= c &&
        this.mem[j]! <= m &&
        this.gpu[j]! <= g &&
        t >= 1
      ) {
        return;
      }
    }
    if (this.loads.length >= this.limits.maxLoads) {
      this.complete = false;
      return;
    }
    const load = filled<number>(this.items.length, 0);
    for (let j = 0; j < this.n; j++) load[this.useful[j]!] = this.counts[j]!;
    this.loads.push(load);
  }

  visit(k: number, got: number, c: number, m: number, t: number, g: number): void {
    if (!this.complete) return;
    if (++this.nodes > this.limits.maxNodes) {
      this.complete = false;
      return;
    }
    if (k === this.n) {
      this.leaf(got, c, m, t, g);
      return;
    }
    if (got + this.suffixValue[k]! < this.threshold) return;
    if (this.value[k]! > 0) {
      let rest = this.fractional(this.byCpu, this.cpu, c, k);
      if (got + rest >= this.threshold) rest = Math.min(rest, this.fractional(this.byMem, this.mem, m, k));
      if (got + rest >= this.threshold) rest = Math.min(rest, this.fractional(this.byTask, null, t, k));
      if (got + rest < this.threshold) return;
    }
    let most = Math.min(this.bound[k]!, t, Math.floor(c / this.cpu[k]!), Math.floor(m / this.mem[k]!));
    if (this.gpu[k]! > 0) most = Math.min(most, Math.floor(g / this.gpu[k]!));
    const least = k === this.required ? 1 : 0;
    for (let x = most; x >= least && this.complete; x--) {
      this.counts[k] = x;
      const v = got + x * this.value[k]!;
      this.visit(k + 1, v, c - x * this.cpu[k]!, m - x * this.mem[k]!, t - x, g - x * this.gpu[k]!);
    }
    this.counts[k] = 0;
  }
}

/** The items a listing can use, and their value density: scratch space reused by every listing. */
const usefulScratch: number[] = [];
let densityScratch = new Float64Array(0);

/** Whether item `a` comes after item `b`: it is less dense in value, or as dense with a higher index. */
function sortsAfter(density: Float64Array, a: number, b: number): boolean {
  return (density[b]! - density[a]! || a - b) > 0;
}

/** Fills `order` with the positions 0..n−1 sorted by `key` descending (ties by position: the sort is stable). */
function sortPositions(order: Int32Array, key: Float64Array): Int32Array {
  for (let k = 0; k < order.length; k++) order[k] = k;
  sortByKeyDescending(order, key);
  return order;
}

/**
 * Lists every load (counts within each item's bound and the node's cpu, memory, task slots and GPUs)
 * that is maximal, meaning no further task of any item fits, and whose value is at least `minValue`.
 * Depth-first over the items, most valuable per unit of room first, cut by the least of three
 * fractional bounds (cpu, memory, task slots) on what the items left can add.
 */
export function enumerateLoads(
  items: readonly KnapsackItem[],
  cap: KnapsackCapacity,
  minValue: number,
  limits: EnumerateLimits,
): EnumerateResult {
  // Reused from call to call, like the listing's arrays: a listing never starts another before it returns.
  const useful = usefulScratch;
  useful.length = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (
      item.bound > 0 &&
      item.cpu <= cap.cpu &&
      item.mem <= cap.mem &&
      item.gpu <= cap.gpu &&
      cap.tasks > 0
    ) {
      useful.push(i);
    }
  }
  if (limits.required !== undefined && !useful.includes(limits.required)) {
    return { loads: [], complete: true, nodes: 0 };
  }
  // Valuable items first (so the bound cuts early), zero-value ones last; ties by index. An insertion
  // sort in place: a few items per call, and Array.prototype.sort allocates a work array every time.
  if (densityScratch.length < items.length) densityScratch = new Float64Array(items.length);
  const density = densityScratch;
  for (const i of useful) density[i] = items[i]!.value / (items[i]!.cpu / cap.cpu + items[i]!.mem / cap.mem);
  for (let x = 1; x < useful.length; x++) {
    const j = useful[x]!;
    let y = x - 1;
    while (y >= 0 && sortsAfter(density, useful[y]!, j)) {
      useful[y + 1] = useful[y]!;
      y--;
    }
    useful[y + 1] = j;
  }
  const required = limits.required === undefined ? -1 : useful.indexOf(limits.required);
  const threshold = minValue - THRESHOLD_SLACK * Math.max(1, Math.abs(minValue));
  const listing = new Listing(items, useful, threshold, required, limits);
  listing.visit(0, 0, cap.cpu, cap.mem, cap.tasks, cap.gpu);
  return { loads: listing.complete ? listing.loads : [], complete: listing.complete, nodes: listing.nodes };
}
