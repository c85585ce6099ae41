/** @module greedy-pack: a fast feasible placement: open the node type that buys the most value per dollar. */
import type { FleetProblem, ProblemType } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import { downsizeNodes, enforceMinNodes, type PlacedNode } from '../model/placement.js';

/** Items in the order a node of this type is filled: largest share of the node first. */
function fillOrder(problem: FleetProblem, type: ProblemType): number[] {
  const size = (i: number) => {
    const item = problem.items[i]!;
    return Math.max(
      item.cpu / type.cpu,
      item.mem / type.mem,
      1 / type.tasks,
      type.gpu > 0 ? item.gpu / type.gpu : 0,
    );
  };
  return [...type.items].sort((a, b) => size(b) - size(a) || a - b);
}

/** Fills one empty node of this type first-fit from the remaining tasks; returns the counts and their value. */
function fillNode(
  problem: FleetProblem,
  type: ProblemType,
  order: readonly number[],
  remaining: readonly number[],
  values: readonly number[],
): { counts: number[]; value: number } {
  const counts = filled(problem.items.length, 0);
  let cpu = type.cpu;
  let mem = type.mem;
  let tasks = type.tasks;
  let gpu = type.gpu;
  let value = 0;
  for (const i of order) {
    const left = remaining[i]!;
    if (left === 0 || tasks === 0) continue;
    const item = problem.items[i]!;
    let take = Math.min(left, item.maxPerNode, tasks, Math.floor(cpu / item.cpu), Math.floor(mem / item.mem));
    if (item.gpu > 0) take = Math.min(take, Math.floor(gpu / item.gpu));
    if (take <= 0) continue;
    counts[i] = take;
    cpu -= take * item.cpu;
    mem -= take * item.mem;
    tasks -= take;
    gpu -= take * item.gpu;
    value += take * values[i]!;
  }
  return { counts, value };
}

/**
 * Greedy variable-sized bin packing: repeatedly try one new node of every type, filled first-fit
 * decreasing from the tasks left, and keep the one with the highest value per dollar; then move every
 * node to the cheapest type that still holds it. `values` price each task (the dual prices of a lower
 * bound work well: a node that is worth its price scores 1).
 */
export function packGreedy(problem: FleetProblem, values: readonly number[]): PlacedNode[] {
  const orders = mapPacked(problem.types, (type) => fillOrder(problem, type));
  const remaining = mapPacked(problem.items, (item) => item.demand);
  let left = remaining.reduce((a, b) => a + b, 0);
  const nodes: PlacedNode[] = [];
  while (left > 0) {
    let best: { type: number; counts: number[]; score: number; value: number } | null = null;
    problem.types.forEach((type, t) => {
      const { counts, value } = fillNode(problem, type, orders[t]!, remaining, values);
      if (!counts.some((c) => c > 0)) return;
      const score = type.price > 0 ? value / type.price : Number.POSITIVE_INFINITY;
      if (!best || score > best.score || (score === best.score && value > best.value)) {
        best = { type: t, counts, score, value };
      }
    });
    const chosen = best as { type: number; counts: number[] } | null;
    if (!chosen) break; // unreachable: every item fits at least one type
    nodes.push({ type: chosen.type, counts: chosen.counts });
    chosen.counts.forEach((c, i) => {
      remaining[i] = remaining[i]! - c;
      left -= c;
    });
  }
  return downsizeNodes(problem, enforceMinNodes(problem, nodes));
}
