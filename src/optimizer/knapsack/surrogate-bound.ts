/**
 * @module surrogate-bound: the surrogate constraint of the knapsack search: one weighted mix of
 * the cpu, memory and GPU constraints whose fractional bound is small, chosen per node type.
 */
import type { KnapsackCapacity, KnapsackItem, Mix } from './types.js';

const EPS = 1e-9;

export function surrogateSize(item: KnapsackItem, cap: KnapsackCapacity, mix: Mix): number {
  return surrogateSizeAt(item, cap, mix[0], mix[1], mix[2]);
}

/** surrogateSize at the weights (cpu, mem, gpu) taken apart, so that trying a mix allocates nothing. */
function surrogateSizeAt(
  item: KnapsackItem,
  cap: KnapsackCapacity,
  cpu: number,
  mem: number,
  gpu: number,
): number {
  const g = item.gpu > 0 ? (gpu * item.gpu) / cap.gpu : 0;
  return (cpu * item.cpu) / cap.cpu + (mem * item.mem) / cap.mem + g;
}

/**
 * Sorts `order` so that `key` descends: an insertion sort, because the lists are short (one entry per
 * task shape) and it is called tens of thousands of times a solve, where a comparator sort dominated.
 */
export function sortByKeyDescending(order: Int32Array, key: Float64Array): void {
  for (let x = 1; x < order.length; x++) {
    const j = order[x]!;
    const k = key[j]!;
    let y = x - 1;
    while (y >= 0 && key[order[y]!]! < k) {
      order[y + 1] = order[y]!;
      y--;
    }
    order[y + 1] = j;
  }
}

/** Scratch arrays for the surrogate bounds of one knapsack, so evaluating a mix allocates nothing. */
interface Scratch {
  size: Float64Array;
  ratio: Float64Array;
  order: Int32Array;
}

/** Scratch arrays by item count, reused from call to call (a mix is chosen for nearly every search). */
const scratches: Scratch[] = [];

function scratchFor(n: number): Scratch {
  let scratch = scratches[n];
  if (scratch === undefined) {
    scratch = { size: new Float64Array(n), ratio: new Float64Array(n), order: new Int32Array(n) };
    scratches[n] = scratch;
  }
  return scratch;
}

/** The surrogate bound at the mix (cpu, mem, gpu). */
function surrogateBound(
  items: readonly KnapsackItem[],
  cap: KnapsackCapacity,
  cpu: number,
  mem: number,
  gpu: number,
  scratch: Scratch,
): number {
  const { size, ratio, order } = scratch;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    size[i] = surrogateSizeAt(item, cap, cpu, mem, gpu);
    ratio[i] = size[i]! > 0 ? item.value / size[i]! : Number.POSITIVE_INFINITY;
    order[i] = i;
  }
  sortByKeyDescending(order, ratio);
  let room = 1;
  let value = 0;
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    const item = items[i]!;
    const take = size[i]! <= 0 ? item.bound : Math.min(item.bound, room / size[i]!);
    value += take * item.value;
    room -= take * size[i]!;
    if (room <= EPS) break;
  }
  return value;
}

/** The best mix tried so far by one chooseMix call (module scratch: chooseMix never runs inside itself). */
const tried = { cpu: 0.5, mem: 0.5, gpu: 0, bound: Number.POSITIVE_INFINITY };

/** Tries the mix (cpu, 1 − cpu − gpu, gpu); keeps it in `tried` if its bound is the smallest so far. */
function tryMix(
  items: readonly KnapsackItem[],
  cap: KnapsackCapacity,
  gpus: boolean,
  scratch: Scratch,
  cpu: number,
  gpu: number,
): void {
  const mem = 1 - cpu - gpu;
  if (cpu < -1e-12 || gpu < -1e-12 || mem < -1e-12 || (!gpus && gpu > 0)) return;
  const c = Math.max(0, cpu);
  const m = Math.max(0, mem);
  const g = Math.max(0, gpu);
  const bound = surrogateBound(items, cap, c, m, g, scratch);
  if (bound < tried.bound) {
    tried.cpu = c;
    tried.mem = m;
    tried.gpu = g;
    tried.bound = bound;
  }
}

/**
 * The mix of the surrogate constraint with the smallest root bound: a grid over the simplex (cpu and
 * memory only when no item needs a GPU), then halving steps around the best point.
 */
export function chooseMix(items: readonly KnapsackItem[], cap: KnapsackCapacity, hint: Mix | undefined): Mix {
  const gpus = items.some((item) => item.gpu > 0) && cap.gpu > 0;
  const scratch = scratchFor(items.length);
  tried.cpu = 0.5;
  tried.mem = 0.5;
  tried.gpu = 0;
  tried.bound = Number.POSITIVE_INFINITY;
  const steps = gpus ? 4 : 8;
  // Duals move little between rounds, so the last mix is a good start and the grid can be skipped.
  if (hint) tryMix(items, cap, gpus, scratch, hint[0], hint[2]);
  else
    for (let c = 0; c <= steps; c++) {
      // Without GPUs only the points with no GPU weight can be tried (tryMix refuses the others).
      if (!gpus) tryMix(items, cap, gpus, scratch, c / steps, 0);
      else for (let g = 0; c + g <= steps; g++) tryMix(items, cap, gpus, scratch, c / steps, g / steps);
    }
  for (let step = hint ? 1 / 32 : 1 / (2 * steps); step >= 1 / 128; step /= 2) {
    const c = tried.cpu;
    const g = tried.gpu;
    tryMix(items, cap, gpus, scratch, c + step, g);
    tryMix(items, cap, gpus, scratch, c - step, g);
    if (gpus) {
      tryMix(items, cap, gpus, scratch, c, g + step);
      tryMix(items, cap, gpus, scratch, c, g - step);
      tryMix(items, cap, gpus, scratch, c + step, g - step);
      tryMix(items, cap, gpus, scratch, c - step, g + step);
    }
  }
  return [tried.cpu, tried.mem, tried.gpu];
}
