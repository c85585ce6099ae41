/**
 * @module column-finder: prices node types at given duals: for each type, the most valuable load one node
 * can hold (a knapsack). Quick searches find columns; proving searches bound every type's best load,
 * which Farley's bound needs.
 */

import {
  type KnapsackItem,
  type KnapsackResult,
  type Mix,
  solveKnapsack,
} from '../knapsack/branch-and-bound.js';
import { dpWork, solveKnapsackDp } from '../knapsack/dynamic-programming.js';
import type { FleetProblem, ProblemType } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import type { SafetyClock } from './solve-limits.js';

/** Types priced in a finding round: the most promising ones (partial pricing). */
const FIND_NODES = 100;
/** A first look at every type, while the duals are still poor: a few nodes each. */
const SCAN_NODES = 60;
const PROOF_NODES = [2_000, 20_000] as const;
/** Grid cells the DP may update for one knapsack (about 30 ms of JS). */
const DP_MAX_WORK = 2_000_000;
/** Below this many cell updates (a few ms) the DP goes before the deep search. */
const DP_CHEAP_WORK = 1_500_000;

/** How hard to look: the root bound only, a quick search for columns, or a search that proves. */
export type Effort = 'root' | 'scan' | 'find' | 'prove';

export interface FoundColumn {
  type: number;
  counts: number[] | null;
  value: number;
  upperBound: number;
}

/**
 * The knapsack of one node: the shapes of the items at `indices`, each worth `values[i]` and
 * capped at `bound(i)` tasks. Pricing, and the repack search's loads, both build theirs here.
 */
export function knapsackItems(
  problem: FleetProblem,
  indices: readonly number[],
  values: readonly number[],
  bound: (i: number) => number,
): KnapsackItem[] {
  return mapPacked(indices, (i) => {
    const item = problem.items[i]!;
    return { value: values[i]!, cpu: item.cpu, mem: item.mem, gpu: item.gpu, bound: bound(i) };
  });
}

/**
 * A cheap upper bound on the best load of `type` from the tasks `left` at `values` (null when none of its
 * items is left): no load is worth more than all of them, nor more than a resource's capacity times the
 * best value per unit of it. The searches run it for many types at every node they open, so it reads the
 * problem in place rather than building the knapsack's items first.
 */
export function quickBoundLeft(
  problem: FleetProblem,
  type: ProblemType,
  left: readonly number[],
  values: readonly number[],
): number | null {
  let any = false;
  let total = 0;
  let perCpu = 0;
  let perMem = 0;
  let perTask = 0;
  for (const i of type.items) {
    if (left[i]! <= 0) continue;
    any = true;
    const item = problem.items[i]!;
    const value = values[i]!;
    const bound = Math.min(left[i]!, item.maxPerNode);
    if (!(value > 0 && bound > 0 && item.cpu <= type.cpu && item.mem <= type.mem && item.gpu <= type.gpu))
      continue;
    total += value * bound;
    perCpu = Math.max(perCpu, value / item.cpu);
    perMem = Math.max(perMem, value / item.mem);
    perTask = Math.max(perTask, value);
  }
  if (!any) return null;
  return Math.min(total, perCpu * type.cpu, perMem * type.mem, perTask * type.tasks);
}

/** Prices node types at given duals, remembering each type's surrogate mix and last score. */
export class ColumnFinder {
  readonly #mixes: (Mix | undefined)[];
  /**
   * Each type's knapsack items, made on its first pricing and given new values and bounds at every
   * later one (pricing runs thousands of times a solve; the searches keep no reference to them).
   */
  readonly #items: (KnapsackItem[] | undefined)[];
  /** (upper bound + spread dual) / price at the last pricing; +∞ before the first. */
  readonly score: number[];

  constructor(readonly problem: FleetProblem) {
    this.#mixes = filled(problem.types.length, undefined);
    this.#items = filled(problem.types.length, undefined);
    this.score = filled(problem.types.length, Number.POSITIVE_INFINITY);
  }

  /** `caps` limits each item's count in the load (a dive's residual demand); default: demand and spread. */
  price(
    t: number,
    duals: readonly number[],
    mu: number,
    effort: Effort,
    caps?: readonly number[],
  ): FoundColumn {
    const problem = this.problem;
    const type = problem.types[t]!;
    let items = this.#items[t];
    if (items === undefined) {
      items = knapsackItems(problem, type.items, duals, () => 0);
      this.#items[t] = items;
    }
    for (let k = 0; k < items.length; k++) {
      const i = type.items[k]!;
      const item = problem.items[i]!;
      items[k]!.value = duals[i]!;
      items[k]!.bound = Math.min(item.maxPerNode, caps ? caps[i]! : item.demand);
    }
    // Only loads worth more than the node's price minus the spread dual can enter the master.
    const minValue = Math.max(0, type.price - mu);
    let result = this.#search(
      t,
      items,
      minValue,
      effort === 'root' ? 0 : effort === 'scan' ? SCAN_NODES : FIND_NODES,
    );
    this.#mixes[t] = result.mix;
    // A small grid is cheaper than a deep search and always exact: try it first.
    const work = effort === 'prove' && !result.exhausted ? dpWork(items, type) : null;
    if (work !== null && work <= DP_CHEAP_WORK) {
      const dp = solveKnapsackDp(items, type, DP_CHEAP_WORK);
      if (dp?.exhausted) result = dp;
    }
    if (!result.exhausted && effort === 'prove') result = this.#search(t, items, minValue, PROOF_NODES[0]);
    if (!result.exhausted && effort === 'prove') {
      // Branch and bound cannot prove it quickly: the grid DP usually can, exactly.
      const dp = solveKnapsackDp(items, type, DP_MAX_WORK);
      if (dp?.exhausted) result = dp;
      else {
        result = this.#search(t, items, minValue, PROOF_NODES[1]);
        if (dp)
          result = { ...result, upperBound: Math.min(result.upperBound, Math.max(dp.upperBound, minValue)) };
      }
    }
    const upperBound = Math.max(result.upperBound, result.value);
    this.score[t] = (upperBound + mu) / type.price;
    if (result.value <= minValue) return { type: t, counts: null, value: 0, upperBound };
    const counts = filled(problem.items.length, 0);
    type.items.forEach((i, k) => {
      counts[i] = result.counts[k]!;
    });
    return { type: t, counts, value: result.value, upperBound };
  }

  /** Type t's knapsack at its last surrogate mix (a method, not a closure made on every pricing). */
  #search(t: number, items: readonly KnapsackItem[], minValue: number, nodeLimit: number): KnapsackResult {
    return solveKnapsack(items, this.problem.types[t]!, { nodeLimit, minValue, mix: this.#mixes[t] });
  }
}

export interface Pass {
  found: FoundColumn[];
  /** Largest (upper bound + spread dual) / price over the priced types. */
  theta: number;
}

/**
 * Prices `types` at the duals `last`. A proving pass first takes every type's root bound (cheap), then
 * searches types in order of root bound per dollar and stops once no root bound can raise theta: the
 * types left unsearched are bounded by their root bounds, so theta is the same as searching them all.
 */
export function columnPass(
  finder: ColumnFinder,
  types: readonly number[],
  last: { duals: readonly number[]; mu: number },
  effort: Effort,
  clock: SafetyClock,
  caps?: readonly number[],
): Pass {
  const found: FoundColumn[] = [];
  let theta = 1;
  const ratio = (t: number, bound: number) => (bound + last.mu) / finder.problem.types[t]!.price;
  const take = (t: number, priced: FoundColumn) => {
    theta = Math.max(theta, ratio(t, priced.upperBound));
    const price = finder.problem.types[t]!.price;
    if (priced.counts && priced.value + last.mu > price * (1 + 1e-9)) found.push(priced);
  };
  if (effort !== 'prove') {
    // Past the safety stop the pass still finishes, with root bounds only, so its bound stays valid.
    for (const t of types)
      take(t, finder.price(t, last.duals, last.mu, clock.expired() ? 'root' : effort, caps));
    return { found, theta };
  }
  const roots = mapPacked(types, (t) => ({ t, root: finder.price(t, last.duals, last.mu, 'root', caps) }));
  const order = mapPacked(roots, ({ t, root }) => ({ t, root, ratio: ratio(t, root.upperBound) })).sort(
    (a, b) => b.ratio - a.ratio || a.t - b.t,
  );
  for (const { t, root, ratio: bound } of order) {
    if (bound <= theta) {
      // Every type from here on is bounded by its root bound, at most theta.
      if (root.counts && root.value + last.mu > finder.problem.types[t]!.price * (1 + 1e-9)) found.push(root);
      continue;
    }
    take(t, clock.expired() ? root : finder.price(t, last.duals, last.mu, 'prove', caps));
  }
  return { found, theta };
}
