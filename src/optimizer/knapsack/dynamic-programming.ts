/**
 * @module dynamic-programming: the exact best load by dynamic programming over a (cpu, memory, GPU) grid.
 * Task sizes are usually multiples of a coarse unit (250 millicores, 512 MiB), so the grid is small
 * for all but the largest nodes. Branch and bound struggles exactly where the DP is cheap: many
 * near-equal loads in a mid-sized node, whose optimality it cannot prove quickly.
 */
import { filled, mapPacked } from '../model/lists.js';
import type { KnapsackCapacity, KnapsackItem, KnapsackResult } from './types.js';

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

function unitOf(sizes: readonly number[]): number | null {
  if (!sizes.every((x) => Number.isInteger(x) && x >= 0)) return null;
  return sizes.reduce(gcd, 0);
}

interface Piece {
  item: number;
  copies: number;
  dc: number;
  dm: number;
  dg: number;
  value: number;
}

/** Cell updates the DP would need (grid cells × binary pieces), or null when sizes are off an integer grid. */
export function dpWork(items: readonly KnapsackItem[], cap: KnapsackCapacity): number | null {
  const sub = items.filter((item) => item.value > 0 && item.bound > 0);
  const uc = unitOf(mapPacked(sub, (i) => i.cpu));
  const um = unitOf(mapPacked(sub, (i) => i.mem));
  const ug = unitOf(mapPacked(sub, (i) => i.gpu));
  if (!uc || !um || ug === null) return null;
  const cells =
    (Math.floor(cap.cpu / uc) + 1) *
    (Math.floor(cap.mem / um) + 1) *
    (ug > 0 ? Math.floor(cap.gpu / ug) + 1 : 1);
  const pieces = sub.reduce((sum, item) => sum + Math.ceil(Math.log2(item.bound + 1)), 0);
  return cells * pieces;
}

/**
 * Grids reused from call to call, cleared before use: a proving pass runs the DP for many node types,
 * and allocating a fresh grid (and its garbage) each time cost about as much as filling it. Only
 * grids up to RETAINED_BYTES are kept, so a worker holds at most a few MB between solves.
 */
const RETAINED_BYTES = 4 * 1024 * 1024;
let keptGrid = new Float64Array(0);
let keptFlags = new Uint8Array(0);

function gridOf(cells: number): Float64Array {
  if (cells * 8 > RETAINED_BYTES) return new Float64Array(cells);
  if (keptGrid.length < cells) keptGrid = new Float64Array(cells);
  const grid = keptGrid.subarray(0, cells);
  grid.fill(0);
  return grid;
}

function flagsOf(cells: number): Uint8Array {
  if (cells > RETAINED_BYTES) return new Uint8Array(cells);
  if (keptFlags.length < cells) keptFlags = new Uint8Array(cells);
  const flags = keptFlags.subarray(0, cells);
  flags.fill(0);
  return flags;
}

/**
 * The best load, exactly, ignoring task slots when they cannot bind (then `exhausted` is true).
 * When slots can bind the grid optimum is only an upper bound: the result then has no counts
 * (value 0) and `exhausted` false. Returns null when sizes are not integers or the grid would cost
 * more than `maxWork` cell updates.
 */
export function solveKnapsackDp(
  items: readonly KnapsackItem[],
  cap: KnapsackCapacity,
  maxWork: number,
): KnapsackResult | null {
  const useful = items.flatMap((item, i) => (item.value > 0 && item.bound > 0 ? [i] : []));
  if (useful.length === 0)
    return { counts: filled(items.length, 0), value: 0, upperBound: 0, exhausted: true };
  const sub = mapPacked(useful, (i) => items[i]!);
  const uc = unitOf(mapPacked(sub, (i) => i.cpu));
  const um = unitOf(mapPacked(sub, (i) => i.mem));
  const ug = unitOf(mapPacked(sub, (i) => i.gpu));
  if (!uc || !um || ug === null) return null;
  const limit = (capacity: number, unit: number, size: (i: KnapsackItem) => number) =>
    Math.min(
      Math.floor(capacity / unit),
      sub.reduce((sum, item) => sum + (item.bound * size(item)) / unit, 0),
    );
  const C = limit(cap.cpu, uc, (i) => i.cpu);
  const M = limit(cap.mem, um, (i) => i.mem);
  const G = ug > 0 ? limit(cap.gpu, ug, (i) => i.gpu) : 0;
  const pieces: Piece[] = [];
  sub.forEach((item, j) => {
    const dc = item.cpu / uc;
    const dm = item.mem / um;
    const dg = ug > 0 ? item.gpu / ug : 0;
    let left = Math.min(
      item.bound,
      dc > 0 ? Math.floor(C / dc) : item.bound,
      dm > 0 ? Math.floor(M / dm) : item.bound,
    );
    if (dg > 0) left = Math.min(left, Math.floor(G / dg));
    // Binary splitting: copies 1, 2, 4, … then the rest make every count up to `left` reachable.
    for (let copies = 1; left > 0; copies *= 2) {
      const take = Math.min(copies, left);
      pieces.push({
        item: j,
        copies: take,
        dc: dc * take,
        dm: dm * take,
        dg: dg * take,
        value: item.value * take,
      });
      left -= take;
    }
  });
  const stride = G + 1;
  const rows = (M + 1) * stride;
  const states = (C + 1) * rows;
  if (states * pieces.length > maxWork) return null;
  const best = gridOf(states);
  // One byte per cell and piece: at most DP work bytes, and much faster than packed bits.
  const flags = flagsOf(states * pieces.length);
  const taken = mapPacked(pieces, (_, p) => flags.subarray(p * states, (p + 1) * states));
  // Only the top cell's value is wanted, so after piece p only cells the later pieces can still lift to
  // the top matter: at least C, M and G less all the later pieces' sizes. Cells below are never read
  // again (neither by a later piece nor by the walk back from the top), so they are not filled.
  let laterC = 0;
  let laterM = 0;
  let laterG = 0;
  const fromC: number[] = [];
  const fromM: number[] = [];
  const fromG: number[] = [];
  for (let p = pieces.length - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    fromC[p] = Math.max(piece.dc, C - laterC);
    fromM[p] = Math.max(piece.dm, M - laterM);
    fromG[p] = Math.max(piece.dg, G - laterG);
    laterC += piece.dc;
    laterM += piece.dm;
    laterG += piece.dg;
  }
  pieces.forEach((piece, p) => {
    const offset = piece.dc * rows + piece.dm * stride + piece.dg;
    const took = taken[p]!;
    const v = piece.value;
    const lowM = fromM[p]!;
    const lowG = fromG[p]!;
    for (let c = C; c >= fromC[p]!; c--) {
      const base = c * rows;
      if (stride === 1) {
        // No GPU dimension: the memory axis is contiguous, so this is one tight loop.
        for (let index = base + M, end = base + lowM; index >= end; index--) {
          const candidate = best[index - offset]! + v;
          if (candidate > best[index]! + 1e-12) {
            best[index] = candidate;
            took[index] = 1;
          }
        }
        continue;
      }
      for (let m = M; m >= lowM; m--) {
        for (let index = base + m * stride + G, end = base + m * stride + lowG; index >= end; index--) {
          const candidate = best[index - offset]! + v;
          if (candidate > best[index]! + 1e-12) {
            best[index] = candidate;
            took[index] = 1;
          }
        }
      }
    }
  });
  const top = states - 1;
  const subCounts = filled(sub.length, 0);
  let state = top;
  for (let p = pieces.length - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    if (taken[p]![state] === 1) {
      subCounts[piece.item] = subCounts[piece.item]! + piece.copies;
      state -= piece.dc * rows + piece.dm * stride + piece.dg;
    }
  }
  const value = best[top]!;
  if (subCounts.reduce((a, b) => a + b, 0) > cap.tasks) {
    return { counts: filled(items.length, 0), value: 0, upperBound: value, exhausted: false };
  }
  const counts = filled(items.length, 0);
  useful.forEach((i, j) => {
    counts[i] = subCounts[j]!;
  });
  return { counts, value, upperBound: value, exhausted: true };
}
