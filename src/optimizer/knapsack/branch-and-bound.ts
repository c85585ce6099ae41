/**
 * @module branch-and-bound: the column search of column generation (its "pricing problem"): the most valuable load of one node.
 * A bounded integer knapsack in four dimensions (vCPU, memory, task slots, GPUs), solved by
 * depth-first branch and bound in plain JS (docs/optimizer.md#knapsack-in-plain-js: solving it as an
 * LP-text MILP cost ~10 ms a call and 80 % of the run; a native search is the recommended fix).
 */
import { filled } from '../model/lists.js';
import { chooseMix, sortByKeyDescending, surrogateSize } from './surrogate-bound.js';
import type { KnapsackCapacity, KnapsackItem, KnapsackResult, Mix } from './types.js';

export type { KnapsackCapacity, KnapsackItem, KnapsackResult, Mix } from './types.js';

export interface KnapsackOptions {
  /** Branch-and-bound nodes before giving up (0: the root bound only). Default 20 000. */
  nodeLimit?: number;
  /** Only loads worth more than this are wanted. */
  minValue?: number;
  mix?: Mix;
}

/** Items in branching order (typed arrays: the search runs millions of times a solve). */
interface Prepared {
  n: number;
  /** The input position of the item at each branching position. */
  index: Int32Array;
  value: Float64Array;
  cpu: Float64Array;
  mem: Float64Array;
  gpu: Float64Array;
  bound: Int32Array;
  /**
   * From position j on: the most tasks, vCPU and memory the items could take (Σ bound, Σ bound · cpu,
   * Σ bound · mem), n + 1 entries. A resource left at or above its sum cannot bind, so its fractional
   * bound is no lower than another's and need not be computed (restBound).
   */
  slotsAfter: Float64Array;
  cpuAfter: Float64Array;
  memAfter: Float64Array;
  /** Surrogate size: a weighted sum of the item's shares of the node's cpu, memory and GPUs. */
  size: Float64Array;
  ones: Float64Array;
  mix: Mix;
  /** 0..n−1 (branching order), and positions sorted by value per unit of cpu, memory and task slot. */
  positions: Int32Array;
  byCpu: Int32Array;
  byMem: Int32Array;
  byTask: Int32Array;
}

const EPS = 1e-9;
/** Margin on the resource sums of restBound's skip test, far above their rounding error. */
const SLACK = 1e-9;

function gcd(a: number, b: number): number {
  while (b > 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return a;
}

/** The gcd of the sizes when they are all whole numbers (0 when none is positive), else null. */
function wholeGcd(items: readonly KnapsackItem[], size: (item: KnapsackItem) => number): number | null {
  let g = 0;
  for (const item of items) {
    const x = size(item);
    if (!Number.isInteger(x)) return null;
    if (x > 0) g = gcd(g, x);
  }
  return g;
}

function floorTo(limit: number, unit: number | null): number {
  return unit ? Math.floor(limit / unit) * unit : limit;
}

const cpuOf = (item: KnapsackItem) => item.cpu;
const memOf = (item: KnapsackItem) => item.mem;
const gpuOf = (item: KnapsackItem) => item.gpu;

/** Capacity no load can use past: a load's cpu is a multiple of the gcd of the item cpus, and so on. */
function roundCapacity(items: readonly KnapsackItem[], cap: KnapsackCapacity): KnapsackCapacity {
  return {
    cpu: floorTo(cap.cpu, wholeGcd(items, cpuOf)),
    mem: floorTo(cap.mem, wholeGcd(items, memOf)),
    tasks: cap.tasks,
    gpu: floorTo(cap.gpu, wholeGcd(items, gpuOf)),
  };
}

function fitCount(p: Prepared, k: number, cpu: number, mem: number, tasks: number, gpu: number): number {
  let n = p.bound[k]!;
  if (tasks < n) n = tasks;
  const c = Math.floor(cpu / p.cpu[k]!);
  if (c < n) n = c;
  const m = Math.floor(mem / p.mem[k]!);
  if (m < n) n = m;
  if (p.gpu[k]! > 0) {
    const g = Math.floor(gpu / p.gpu[k]!);
    if (g < n) n = g;
  }
  return Math.max(n, 0);
}

/**
 * What fractional and restBound read and leave: the state they bound (room left in the surrogate
 * knapsack, cpu, memory, task slots and GPUs left), the value that is `enough` to prune, and the bound
 * they find. Doubles passed to or returned from a function V8 does not inline are boxed on the heap, and
 * these run millions of times a solve (about a fifth of what the solver allocated).
 */
const ROOM = 0;
const CPU = 1;
const MEM = 2;
const TASKS = 3;
const GPU = 4;
const ENOUGH = 5;
const BOUND = 6;
const bounds = new Float64Array(BOUND + 1);

/**
 * Fractional bound of items at positions ≥ k, visited in `order`, against one linear resource (its room
 * left at `bounds[limit]`): left in `bounds[BOUND]`.
 */
function fractional(
  p: Prepared,
  order: Int32Array,
  sizes: Float64Array,
  limit: number,
  k: number,
  capK: number,
): void {
  let room = bounds[limit]!;
  const cpu = bounds[CPU]!;
  const mem = bounds[MEM]!;
  const tasks = bounds[TASKS]!;
  const gpu = bounds[GPU]!;
  let value = 0;
  // Branching order is the identity: positions before k are all below it.
  for (let x = order === p.positions ? k : 0; x < p.n; x++) {
    const j = order[x]!;
    if (j < k) continue;
    let n = fitCount(p, j, cpu, mem, tasks, gpu);
    if (j === k && capK < n) n = capK;
    if (n === 0) continue;
    const size = sizes[j]!;
    if (size <= 0) {
      value += n * p.value[j]!;
      continue;
    }
    const take = Math.min(n, room / size);
    value += take * p.value[j]!;
    room -= take * size;
    if (room <= EPS) break;
  }
  bounds[BOUND] = value;
}

/**
 * Upper bound on what items at positions ≥ k can add to the state in `bounds` (item k capped at capK):
 * the least of four fractional knapsacks, the surrogate one and one each for cpu, memory and task slots.
 * Stops as soon as one bound is at most `bounds[ENOUGH]`, since the caller then prunes anyway. Leaves the
 * bound in `bounds[BOUND]` and returns whether it is at most that.
 */
function restBound(p: Prepared, k: number, capK: number): boolean {
  const enough = bounds[ENOUGH]!;
  fractional(p, p.positions, p.size, ROOM, k, capK);
  let best = bounds[BOUND]!;
  if (best <= enough) return true;
  // A resource that cannot bind gives every item its full fit: a bound no lower than the one above.
  if (bounds[CPU]! < p.cpuAfter[k]! * (1 + SLACK)) {
    fractional(p, p.byCpu, p.cpu, CPU, k, capK);
    if (bounds[BOUND]! < best) best = bounds[BOUND]!;
    if (best <= enough) return finish(best, true);
  }
  if (bounds[MEM]! < p.memAfter[k]! * (1 + SLACK)) {
    fractional(p, p.byMem, p.mem, MEM, k, capK);
    if (bounds[BOUND]! < best) best = bounds[BOUND]!;
    if (best <= enough) return finish(best, true);
  }
  if (bounds[TASKS]! >= p.slotsAfter[k]!) return finish(best, false);
  fractional(p, p.byTask, p.ones, TASKS, k, capK);
  if (bounds[BOUND]! < best) best = bounds[BOUND]!;
  return finish(best, best <= enough);
}

function finish(best: number, prunes: boolean): boolean {
  bounds[BOUND] = best;
  return prunes;
}

/** Sets the state restBound reads. */
function setState(room: number, cpu: number, mem: number, tasks: number, gpu: number, enough: number): void {
  bounds[ROOM] = room;
  bounds[CPU] = cpu;
  bounds[MEM] = mem;
  bounds[TASKS] = tasks;
  bounds[GPU] = gpu;
  bounds[ENOUGH] = enough;
}

/** The arrays of one search of n items: the prepared items and the search's stack. */
interface Workspace {
  p: Prepared;
  density: Float64Array;
  key: Float64Array;
  fa: Int32Array;
  fValue: Float64Array;
  fRoom: Float64Array;
  fCpu: Float64Array;
  fMem: Float64Array;
  fTasks: Float64Array;
  fGpu: Float64Array;
  current: Int32Array;
  /** The best load found so far, by branching position (valid where `solveKnapsack` says it has one). */
  best: Int32Array;
}

/**
 * Workspaces by item count, reused from call to call: the search runs hundreds of thousands of times a
 * solve, mostly on a dozen or so items, and allocating its arrays each time cost more than many searches.
 * Safe because a search never calls another before it returns (and each worker thread has its own).
 */
const workspaces: Workspace[] = [];
/** solveKnapsack's lists of the items it can take, reused as the workspaces are. */
const usefulScratch: number[] = [];
const subScratch: KnapsackItem[] = [];

function workspaceFor(n: number): Workspace {
  let w = workspaces[n];
  if (w === undefined) {
    const ints = () => new Int32Array(n);
    const floats = () => new Float64Array(n);
    w = {
      p: {
        n,
        index: ints(),
        value: floats(),
        cpu: floats(),
        mem: floats(),
        gpu: floats(),
        bound: ints(),
        slotsAfter: new Float64Array(n + 1),
        cpuAfter: new Float64Array(n + 1),
        memAfter: new Float64Array(n + 1),
        size: floats(),
        ones: floats().fill(1),
        mix: [0.5, 0.5, 0],
        positions: ints(),
        byCpu: ints(),
        byMem: ints(),
        byTask: ints(),
      },
      density: floats(),
      key: floats(),
      fa: ints(),
      fValue: floats(),
      fRoom: floats(),
      fCpu: floats(),
      fMem: floats(),
      fTasks: floats(),
      fGpu: floats(),
      current: ints(),
      best: ints(),
    };
    for (let j = 0; j < n; j++) w.p.positions[j] = j;
    workspaces[n] = w;
  }
  return w;
}

function setIdentity(order: Int32Array): void {
  for (let j = 0; j < order.length; j++) order[j] = j;
}

function prepare(
  items: readonly KnapsackItem[],
  cap: KnapsackCapacity,
  hint: Mix | undefined,
  w: Workspace,
): Prepared {
  const mix = chooseMix(items, cap, hint);
  const n = items.length;
  // Densest first; equal sizes stay adjacent, best value first, so symmetric branches can be cut
  // (the tiny value term breaks density ties toward the more valuable item).
  const density = w.density;
  for (let i = 0; i < n; i++) {
    const size = surrogateSize(items[i]!, cap, mix);
    density[i] =
      (size > 0 ? items[i]!.value / size : Number.POSITIVE_INFINITY) * (1 + 1e-12) + items[i]!.value * 1e-12;
  }
  const p = w.p;
  const index = p.index;
  setIdentity(index);
  sortByKeyDescending(index, density);
  p.mix = mix;
  setIdentity(p.byCpu);
  setIdentity(p.byMem);
  setIdentity(p.byTask);
  for (let j = 0; j < n; j++) {
    const item = items[index[j]!]!;
    p.value[j] = item.value;
    p.cpu[j] = item.cpu;
    p.mem[j] = item.mem;
    p.gpu[j] = item.gpu;
    p.bound[j] = item.bound;
    p.size[j] = surrogateSize(item, cap, mix);
  }
  for (let j = n - 1; j >= 0; j--) {
    p.slotsAfter[j] = p.slotsAfter[j + 1]! + p.bound[j]!;
    p.cpuAfter[j] = p.cpuAfter[j + 1]! + p.bound[j]! * p.cpu[j]!;
    p.memAfter[j] = p.memAfter[j + 1]! + p.bound[j]! * p.mem[j]!;
  }
  const key = w.key;
  for (let j = 0; j < n; j++) key[j] = p.value[j]! / p.cpu[j]!;
  sortByKeyDescending(p.byCpu, key);
  for (let j = 0; j < n; j++) key[j] = p.value[j]! / p.mem[j]!;
  sortByKeyDescending(p.byMem, key);
  sortByKeyDescending(p.byTask, p.value);
  return p;
}
/**
 * A cheap upper bound on the best load of the `useful` items: no load is worth more than all of them, nor
 * more than a resource's capacity times the best value per unit of that resource (cpu, memory, task slots).
 */
function quickBound(
  items: readonly KnapsackItem[],
  useful: readonly number[],
  cap: KnapsackCapacity,
): number {
  let total = 0;
  let perCpu = 0;
  let perMem = 0;
  let perTask = 0;
  for (const i of useful) {
    const item = items[i]!;
    total += item.value * item.bound;
    perCpu = Math.max(perCpu, item.value / item.cpu);
    perMem = Math.max(perMem, item.value / item.mem);
    perTask = Math.max(perTask, item.value);
  }
  return Math.min(total, perCpu * cap.cpu, perMem * cap.mem, perTask * cap.tasks);
}

/**
 * The counts of a search that found no load: one list of zeros per item count, shared (read only). Most calls
 * find none (the quick bound settles them), and a list made for each was a fifth of what the solver
 * allocated.
 */
const zeroLists: (readonly number[])[] = [];
function zerosOf(n: number): readonly number[] {
  let zeros = zeroLists[n];
  if (zeros === undefined) {
    zeros = filled<number>(n, 0);
    zeroLists[n] = zeros;
  }
  return zeros;
}

/**
 * Maximises Σ value·count within capacity, looking only for loads worth more than `minValue`.
 * Stops after `nodeLimit` nodes; `upperBound` then is the largest bound among the branches not yet
 * explored, so it stays a proof (with a limit of 0 it is the root bound).
 */
export function solveKnapsack(
  items: readonly KnapsackItem[],
  capacity: KnapsackCapacity,
  options: KnapsackOptions = {},
): KnapsackResult {
  const nodeLimit = options.nodeLimit ?? 20_000;
  const minValue = options.minValue ?? 0;
  const counts = zerosOf(items.length);
  // Scratch lists (a search never starts another before it returns): the items that can be taken.
  const useful = usefulScratch;
  const sub = subScratch;
  useful.length = 0;
  sub.length = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (
      item.value > 0 &&
      item.bound > 0 &&
      item.cpu > 0 &&
      item.mem > 0 &&
      item.cpu <= capacity.cpu &&
      item.mem <= capacity.mem &&
      item.gpu <= capacity.gpu &&
      capacity.tasks > 0
    ) {
      useful.push(i);
      sub.push(item);
    }
  }
  const floor = Math.max(0, minValue);
  if (useful.length === 0) return { counts, value: 0, upperBound: floor, exhausted: true };
  // Most pricing calls ask a type for a load it cannot hold: an O(n) bound settles them before the
  // search is set up. The mix hint is handed back, so the caller keeps it for the next call.
  if (floor > 0 && quickBound(items, useful, capacity) <= floor) {
    return { counts, value: 0, upperBound: floor, exhausted: true, mix: options.mix };
  }
  const cap = roundCapacity(sub, capacity);
  const w = workspaceFor(sub.length);
  const p = prepare(sub, cap, options.mix, w);
  const n = p.n;
  // The stack holds one frame per depth: frame d branches on item d, with the state before it.
  const { fa, fValue, fRoom, fCpu, fMem, fTasks, fGpu, current, best } = w;
  // Only `current` is read before it is written (the same-size rule looks at the previous depth).
  current.fill(0);
  let bestValue = floor;
  // Whether `best` holds a load (by branching position, zero past the depth it was found at).
  let found = false;
  let depth = 0;
  fValue[0] = 0;
  fRoom[0] = 1;
  fCpu[0] = cap.cpu;
  fMem[0] = cap.mem;
  fTasks[0] = cap.tasks;
  fGpu[0] = cap.gpu;
  fa[0] = fitCount(p, 0, cap.cpu, cap.mem, cap.tasks, cap.gpu) + 1;
  let nodes = 0;
  let exhausted = true;
  let upper = floor;
  while (depth >= 0) {
    const k = depth;
    fa[k] = fa[k]! - 1;
    if (fa[k]! < 0) {
      current[k] = 0;
      depth -= 1;
      continue;
    }
    if (++nodes > nodeLimit) {
      exhausted = false;
      // Unexplored: counts ≤ a of item d under every frame d on the stack (≤ a − 1 below the top).
      for (let d = 0; d <= k; d++) {
        const capK = d === k ? fa[d]! : fa[d]! - 1;
        if (capK < 0) continue;
        setState(fRoom[d]!, fCpu[d]!, fMem[d]!, fTasks[d]!, fGpu[d]!, Number.NEGATIVE_INFINITY);
        restBound(p, d, capK);
        const b = fValue[d]! + bounds[BOUND]!;
        if (b > upper) upper = b;
      }
      break;
    }
    // Same-size items: take the less valuable one only once the other is used up. (Sorting puts the
    // better one first, except among items of surrogate size 0, whose density ties at infinity.)
    if (
      fa[k]! > 0 &&
      k > 0 &&
      p.value[k]! <= p.value[k - 1]! &&
      p.cpu[k] === p.cpu[k - 1] &&
      p.mem[k] === p.mem[k - 1] &&
      p.gpu[k] === p.gpu[k - 1] &&
      current[k - 1]! < p.bound[k - 1]!
    ) {
      fa[k] = 0;
    }
    const a = fa[k]!;
    current[k] = a;
    const value = fValue[k]! + a * p.value[k]!;
    if (value > bestValue + EPS) {
      bestValue = value;
      best.set(current);
      best.fill(0, k + 1);
      found = true;
    }
    if (k + 1 >= n) continue;
    const room = fRoom[k]! - a * p.size[k]!;
    const cpu = fCpu[k]! - a * p.cpu[k]!;
    const mem = fMem[k]! - a * p.mem[k]!;
    const tasks = fTasks[k]! - a;
    const gpu = fGpu[k]! - a * p.gpu[k]!;
    const enough = bestValue + EPS - value;
    setState(room, cpu, mem, tasks, gpu, enough);
    if (restBound(p, k + 1, 1 << 30)) continue;
    depth = k + 1;
    fValue[depth] = value;
    fRoom[depth] = room;
    fCpu[depth] = cpu;
    fMem[depth] = mem;
    fTasks[depth] = tasks;
    fGpu[depth] = gpu;
    fa[depth] = fitCount(p, depth, cpu, mem, tasks, gpu) + 1;
  }
  if (!found) return { counts, value: 0, upperBound: Math.max(upper, floor), exhausted, mix: p.mix };
  const load = filled<number>(items.length, 0);
  for (let j = 0; j < n; j++) load[useful[p.index[j]!]!] = best[j]!;
  return { counts: load, value: bestValue, upperBound: Math.max(upper, bestValue), exhausted, mix: p.mix };
}
