/**
 * @module enumerate-loads: every maximal load of one node worth at least a threshold. The exact search
 * of the fleet optimizer lists them for each type: any node of a fleet cheaper than the best known one
 * holds a load that one of them contains (reduced-cost fixing, see exact-search).
 */
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
const SLACK = 1e-9;

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
  const useful: number[] = [];
  items.forEach((item, i) => {
    if (
      item.bound > 0 &&
      item.cpu <= cap.cpu &&
      item.mem <= cap.mem &&
      item.gpu <= cap.gpu &&
      cap.tasks > 0
    ) {
      useful.push(i);
    }
  });
  if (limits.required !== undefined && !useful.includes(limits.required)) {
    return { loads: [], complete: true, nodes: 0 };
  }
  const n = useful.length;
  const size = (i: number) => items[i]!.cpu / cap.cpu + items[i]!.mem / cap.mem;
  // Valuable items first (so the bound cuts early), zero-value ones last.
  useful.sort((a, b) => items[b]!.value / size(b) - items[a]!.value / size(a) || a - b);
  const value = new Float64Array(n);
  const cpu = new Float64Array(n);
  const mem = new Float64Array(n);
  const gpu = new Float64Array(n);
  const bound = new Int32Array(n);
  useful.forEach((i, k) => {
    const item = items[i]!;
    value[k] = Math.max(0, item.value);
    cpu[k] = item.cpu;
    mem[k] = item.mem;
    gpu[k] = item.gpu;
    bound[k] = item.bound;
  });
  const byKey = (key: (k: number) => number) => {
    const order = Int32Array.from({ length: n }, (_, k) => k);
    order.sort((a, b) => key(b) - key(a) || a - b);
    return order;
  };
  const byCpu = byKey((k) => value[k]! / cpu[k]!);
  const byMem = byKey((k) => value[k]! / mem[k]!);
  const byTask = byKey((k) => value[k]!);
  const required = limits.required === undefined ? -1 : useful.indexOf(limits.required);
  const suffixValue = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) suffixValue[k] = suffixValue[k + 1]! + value[k]! * bound[k]!;
  const threshold = minValue - SLACK * Math.max(1, Math.abs(minValue));

  /** Fractional bound of items at positions ≥ k on one resource, visiting them in `order`. */
  const fractional = (order: Int32Array, sizes: Float64Array | null, room: number, k: number) => {
    let total = 0;
    for (let x = 0; x < n; x++) {
      const j = order[x]!;
      if (j < k || value[j] === 0) continue;
      const unit = sizes ? sizes[j]! : 1;
      const take = Math.min(bound[j]!, room / unit);
      total += take * value[j]!;
      room -= take * unit;
      if (room <= 0) break;
    }
    return total;
  };

  const loads: number[][] = [];
  const counts = new Int32Array(n);
  let nodes = 0;
  let complete = true;

  const visit = (k: number, got: number, c: number, m: number, t: number, g: number): void => {
    if (!complete) return;
    if (++nodes > limits.maxNodes) {
      complete = false;
      return;
    }
    if (k === n) {
      if (got < threshold) return;
      for (let j = 0; j < n; j++) {
        if (counts[j]! < bound[j]! && cpu[j]! <= c && mem[j]! <= m && gpu[j]! <= g && t >= 1) return;
      }
      if (loads.length >= limits.maxLoads) {
        complete = false;
        return;
      }
      const load = items.map(() => 0);
      for (let j = 0; j < n; j++) load[useful[j]!] = counts[j]!;
      loads.push(load);
      return;
    }
    if (got + suffixValue[k]! < threshold) return;
    if (value[k]! > 0) {
      const rest = Math.min(
        fractional(byCpu, cpu, c, k),
        fractional(byMem, mem, m, k),
        fractional(byTask, null, t, k),
      );
      if (got + rest < threshold) return;
    }
    let most = Math.min(bound[k]!, t, Math.floor(c / cpu[k]!), Math.floor(m / mem[k]!));
    if (gpu[k]! > 0) most = Math.min(most, Math.floor(g / gpu[k]!));
    const least = k === required ? 1 : 0;
    for (let x = most; x >= least && complete; x--) {
      counts[k] = x;
      visit(k + 1, got + x * value[k]!, c - x * cpu[k]!, m - x * mem[k]!, t - x, g - x * gpu[k]!);
    }
    counts[k] = 0;
  };
  visit(0, 0, cap.cpu, cap.mem, cap.tasks, cap.gpu);
  return { loads: complete ? loads : [], complete, nodes };
}
