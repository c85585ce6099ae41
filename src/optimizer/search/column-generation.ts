/**
 * @module column-generation: the LP bound of the set-covering model
 * (P4 in docs/optimizer.md#set-covering-model; docs/optimizer.md#lp-bound-and-farleys-bound), by
 * column generation: a simplex in JS (covering-simplex) solves the restricted master LP and a JS search prices one knapsack per
 * instance type. Farley's bound turns a priced pass over every type into a proven lower bound.
 */

import type { FleetProblem } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import type { Pattern } from '../model/pattern.js';
import { type ColumnFinder, columnPass, type Pass } from './column-finder.js';
import type { CoveringMaster, MasterSolution } from './covering-master.js';
import type { SafetyClock } from './solve-limits.js';

/** A dual-feasible solution of the covering LP over every pattern, and the bound it proves. */
export interface DualProof {
  /** Item duals and spread dual, scaled so that no node load of any type is worth more than its price. */
  duals: number[];
  mu: number;
  /** Σ duals · demand + mu · minNodes: a lower bound on any fleet's cost. */
  bound: number;
}

export interface ColumnGenerationResult {
  /** The last master LP solution. */
  lp: MasterSolution;
  /** Proven lower bound on the integer optimum (0 when no pass over every type ran). */
  lowerBound: number;
  /** The duals behind the best proven bound (null when none was proven). */
  proof: DualProof | null;
  rounds: number;
  /** True when the LP is proven optimal over all patterns, so the bound equals the LP value. */
  converged: boolean;
}

/**
 * Stop once the LP and its proven bound agree this closely. At 0.1 % one peak-level bound of the
 * 20-service bench stopped 0.09 % short of the LP optimum; this closes it for a couple of rounds.
 */
const LP_TOLERANCE = 2e-4;
/** Types priced in an ordinary round: the most promising ones (partial column search). */
const CORE_TYPES = 40;
const COLUMNS_PER_ROUND = 40;
/** A round that improves the LP by less than this (relative) counts as a stall. */
const STALL = 2e-4;

/** Farley's scaling of the LP duals by the pass's theta: dual feasible over every pattern. */
export function dualProof(
  problem: FleetProblem,
  lp: { duals: readonly number[]; mu: number },
  theta: number,
): DualProof {
  const scale = Math.max(1, theta);
  const duals = mapPacked(lp.duals, (d) => d / scale);
  const mu = lp.mu / scale;
  const bound = problem.items.reduce((sum, item, i) => sum + duals[i]! * item.demand, mu * problem.minNodes);
  return { duals, mu, bound };
}

/** Adds the best columns of a pass (by value per dollar); returns how many were new. */
export function addColumns(master: CoveringMaster, pass: Pass, limit = COLUMNS_PER_ROUND): number {
  const problem = master.problem;
  const ratio = (type: number, value: number) => value / problem.types[type]!.price;
  const found = [...pass.found].sort((a, b) => ratio(b.type, b.value) - ratio(a.type, a.value));
  return master.addAll(
    mapPacked(found.slice(0, limit), (priced) => ({ type: priced.type, counts: priced.counts! })),
  );
}

/** The types worth searching this round: the best scores, plus those that gave a column lately. */
export function coreTypes(finder: ColumnFinder, recent: ReadonlySet<number>): number[] {
  const all = mapPacked(finder.problem.types, (_, t) => t);
  const core = all.sort((a, b) => finder.score[b]! - finder.score[a]!).slice(0, CORE_TYPES);
  for (const t of recent) if (!core.includes(t)) core.push(t);
  return core;
}

/** One column per item: as many tasks of it as fit the type that houses one task cheapest. */
export function singletonPatterns(problem: FleetProblem): Pattern[] {
  return problem.items.flatMap((item, i) => {
    let best: Pattern | null = null;
    let bestPerTask = Number.POSITIVE_INFINITY;
    problem.types.forEach((type, t) => {
      if (!type.accepts[i]) return;
      let n = Math.min(
        item.maxPerNode,
        type.tasks,
        Math.floor(type.cpu / item.cpu),
        Math.floor(type.mem / item.mem),
      );
      if (item.gpu > 0) n = Math.min(n, Math.floor(type.gpu / item.gpu));
      if (n > 0 && type.price / n < bestPerTask) {
        bestPerTask = type.price / n;
        const counts = filled(problem.items.length, 0);
        counts[i] = n;
        best = { type: t, counts };
      }
    });
    return best ? [best] : [];
  });
}

/**
 * Runs rounds of partial column search; when they stall (a quick look at every type finds nothing) or
 * after `proveAfter` rounds, prices every type with proof. That pass yields Farley's bound: the master
 * duals scaled down by the largest (best load value / price) ratio over all types are dual feasible,
 * so LP value / ratio bounds the optimum (Farley 1990). If it still finds columns, the rounds resume,
 * and the next stall proves again, up to `maxRounds` rounds. Only the safety clock reads the time: past
 * it, passes finish with root bounds, which keeps the bound valid, only weaker.
 */
export function generateColumns(
  master: CoveringMaster,
  finder: ColumnFinder,
  limits: { maxRounds: number; proveAfter: number },
  clock: SafetyClock,
): ColumnGenerationResult {
  const all = mapPacked(master.problem.types, (_, t) => t);
  let lp = master.solve();
  let lowerBound = 0;
  let proof: DualProof | null = null;
  const prove = (theta: number) => {
    const found = dualProof(master.problem, lp, theta);
    if (!proof || found.bound > proof.bound) proof = found;
    lowerBound = Math.max(lowerBound, found.bound);
  };
  let rounds = 0;
  let converged = false;
  let proved = false;
  const recent = new Set<number>();
  let previous = Number.POSITIVE_INFINITY;
  while (true) {
    rounds += 1;
    const stalled = (previous - lp.value) / lp.value < STALL;
    const late = rounds > limits.proveAfter || rounds >= limits.maxRounds || clock.expired();
    let pass: Pass | null = null;
    if (rounds === 1) {
      // The first round looks at every type briefly, so every type has a score for partial column search.
      pass = columnPass(finder, all, lp, 'scan', clock);
    } else if (!stalled && !(late && !proved)) {
      pass = columnPass(finder, coreTypes(finder, recent), lp, 'find', clock);
    }
    // Before an expensive proof, a quick look at every type: the core may just have missed them.
    if (pass === null || pass.found.length === 0) pass = columnPass(finder, all, lp, 'find', clock);
    if (pass.found.length === 0 || (late && !proved)) {
      pass = columnPass(finder, all, lp, 'prove', clock);
      proved = true;
      prove(pass.theta);
      if (pass.found.length === 0) {
        converged = pass.theta <= 1 + 1e-9;
        break;
      }
      if ((lp.value - lowerBound) / lp.value < LP_TOLERANCE) break;
    }
    if (rounds >= limits.maxRounds || clock.expired()) break;
    recent.clear();
    for (const priced of pass.found) recent.add(priced.type);
    if (addColumns(master, pass) === 0) break;
    previous = lp.value;
    lp = master.solve();
  }
  if (!proved) {
    // Stopped before any proof: Farley's bound from root bounds only.
    prove(columnPass(finder, all, lp, 'root', clock).theta);
  }
  return { lp, lowerBound, proof, rounds, converged };
}
