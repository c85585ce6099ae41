/**
 * @module column-generation: the LP bound of the set-covering model
 * (P4 in docs/optimizer.md#set-covering-model; docs/optimizer.md#lp-bound-and-farleys-bound), by
 * column generation: HiGHS solves the restricted master LP and a JS search prices one knapsack per
 * instance type. Farley's bound turns a priced pass over every type into a proven lower bound.
 */

import type { FleetProblem } from '../model/integer-model.js';
import type { Pattern } from '../model/pattern.js';
import { type ColumnFinder, columnPass, type Pass } from './column-finder.js';
import type { CoveringMaster, MasterSolution } from './covering-master.js';

export interface ColumnGenerationResult {
  /** The last master LP solution. */
  lp: MasterSolution;
  /** Proven lower bound on the integer optimum (0 when no pass over every type ran). */
  lowerBound: number;
  rounds: number;
  /** True when the LP is proven optimal over all patterns, so the bound equals the LP value. */
  converged: boolean;
}

/** Stop once the LP and its proven bound agree this closely. */
const LP_TOLERANCE = 1e-3;
/** Types priced in an ordinary round: the most promising ones (partial column search). */
const CORE_TYPES = 40;
const COLUMNS_PER_ROUND = 40;
/** A round that improves the LP by less than this (relative) counts as a stall. */
const STALL = 2e-4;

/** Adds the best columns of a pass (by value per dollar); returns how many were new. */
export function addColumns(master: CoveringMaster, pass: Pass, limit = COLUMNS_PER_ROUND): number {
  const problem = master.problem;
  const ratio = (type: number, value: number) => value / problem.types[type]!.price;
  const found = [...pass.found].sort((a, b) => ratio(b.type, b.value) - ratio(a.type, a.value));
  let added = 0;
  for (const priced of found.slice(0, limit)) {
    if (master.add({ type: priced.type, counts: priced.counts! })) added += 1;
  }
  return added;
}

/** The types worth searching this round: the best scores, plus those that gave a column lately. */
export function coreTypes(finder: ColumnFinder, recent: ReadonlySet<number>): number[] {
  const all = finder.problem.types.map((_, t) => t);
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
        const counts = problem.items.map(() => 0);
        counts[i] = n;
        best = { type: t, counts };
      }
    });
    return best ? [best] : [];
  });
}

/**
 * Runs rounds of partial column search; when they stall (a quick look at every type finds nothing) or
 * `proveFrom` passes, prices every type with proof. That pass yields Farley's bound: the master duals
 * scaled down by the largest (best load value / price) ratio over all types are dual feasible, so
 * LP value / ratio bounds the optimum (Farley 1990). If it still finds columns and time is left, the
 * rounds resume, and the next stall proves again. A proof pass that runs past `until` finishes with
 * root bounds, which keeps the bound valid, only weaker; rounds stop at `until`.
 */
export function generateColumns(
  master: CoveringMaster,
  finder: ColumnFinder,
  proveFrom: number,
  until: number,
  onBound: (lowerBound: number) => void = () => {},
): ColumnGenerationResult {
  const all = master.problem.types.map((_, t) => t);
  let lp = master.solve();
  let lowerBound = 0;
  let rounds = 0;
  let converged = false;
  let proved = false;
  const recent = new Set<number>();
  let previous = Number.POSITIVE_INFINITY;
  while (true) {
    rounds += 1;
    const stalled = (previous - lp.value) / lp.value < STALL;
    const late = performance.now() > proveFrom;
    let pass: Pass | null = null;
    if (rounds === 1) {
      // The first round looks at every type briefly, so every type has a score for partial column search.
      pass = columnPass(finder, all, lp, 'scan', until);
    } else if (!stalled && !(late && !proved)) {
      pass = columnPass(finder, coreTypes(finder, recent), lp, 'find', until);
    }
    // Before an expensive proof, a quick look at every type: the core may just have missed them.
    if (pass === null || pass.found.length === 0) pass = columnPass(finder, all, lp, 'find', until);
    if (pass.found.length === 0 || (late && !proved)) {
      pass = columnPass(finder, all, lp, 'prove', until);
      proved = true;
      lowerBound = Math.max(lowerBound, lp.value / pass.theta);
      onBound(lowerBound);
      if (pass.found.length === 0) {
        converged = pass.theta <= 1 + 1e-9;
        break;
      }
      if ((lp.value - lowerBound) / lp.value < LP_TOLERANCE) break;
    }
    if (performance.now() > until) break;
    recent.clear();
    for (const priced of pass.found) recent.add(priced.type);
    if (addColumns(master, pass) === 0) break;
    previous = lp.value;
    lp = master.solve();
  }
  if (!proved) {
    // Out of time before any proof: Farley's bound from root bounds only.
    lowerBound = lp.value / columnPass(finder, all, lp, 'root', until).theta;
  }
  if (converged) lowerBound = Math.max(lowerBound, lp.value);
  onBound(lowerBound);
  return { lp, lowerBound, rounds, converged };
}
