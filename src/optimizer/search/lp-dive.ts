/**
 * @module lp-dive: an integer fleet from the covering LP by diving with column generation:
 * commit the patterns the LP already uses whole (or one copy of the most used), lower the demands by
 * what they cover, re-solve the LP and price new patterns for what is left, until nothing is left.
 * The classic sequential heuristic for cutting stock; each step is a warm-started simplex solve.
 */

import { mapPacked } from '../model/lists.js';
import { cheapestHolder, type PlacedNode } from '../model/placement.js';
import { residualProblem } from '../model/residual-problem.js';
import { type ColumnFinder, columnPass } from './column-finder.js';
import { addColumns, coreTypes } from './column-generation.js';
import type { CoveringMaster } from './covering-master.js';
import { packGreedy } from './greedy-pack.js';
import type { SafetyClock } from './solve-limits.js';
import { trimSurplus } from './trim-surplus.js';

/** Pricing rounds per dive step; a few keep the LP honest about the residual without stalling. */
const ROUNDS_PER_STEP = 0;
const TAIL_ROUNDS = 1;

/**
 * Each step commits every pattern the LP uses at least once, in whole copies; once none is used
 * whole, one copy of the most used, so the LP re-balances the tail after each. After `maxSteps`
 * steps (or at the safety stop) the greedy packer places what is left.
 */
export function diveWithColumns(
  master: CoveringMaster,
  finder: ColumnFinder,
  maxSteps: number,
  clock: SafetyClock,
): PlacedNode[] {
  const problem = master.problem;
  const left = mapPacked(problem.items, (item) => item.demand);
  let nodesLeft = problem.minNodes;
  const chosen: PlacedNode[] = [];
  const recent = new Set<number>();
  const all = mapPacked(problem.types, (_, t) => t);
  let steps = 0;
  try {
    while ((left.some((r) => r > 0) || nodesLeft > 0) && steps < maxSteps && !clock.expired()) {
      steps += 1;
      let lp = master.solve();
      // Once no pattern is used whole, every commit rounds up: price every type, more rounds.
      const tail = Math.max(...lp.solution) < 1 - 1e-7;
      const rounds = tail ? TAIL_ROUNDS : ROUNDS_PER_STEP;
      for (let round = 0; round < rounds && !clock.expired(); round++) {
        // In the tail every type is looked at once per step: small leftovers fit types the core lacks.
        const types = tail && round === 0 ? all : coreTypes(finder, recent);
        const pass = columnPass(finder, types, lp, 'find', clock, left);
        recent.clear();
        for (const priced of pass.found) recent.add(priced.type);
        if (addColumns(master, pass) === 0) break;
        lp = master.solve();
      }
      let best = 0;
      lp.solution.forEach((value, q) => {
        if (value > lp.solution[best]!) best = q;
      });
      let whole = false;
      lp.solution.forEach((value, q) => {
        const copies = Math.floor(value + 1e-7);
        if (copies < 1) return;
        whole = true;
        commit(q, copies);
      });
      if (!whole) commit(best, Math.max(1, Math.floor(lp.solution[best]! + 1e-7)));
      master.setDemands(left, nodesLeft);
    }
  } finally {
    master.setDemands(
      mapPacked(problem.items, (item) => item.demand),
      problem.minNodes,
    );
  }
  if (left.some((r) => r > 0)) {
    // Out of steps: the greedy packer places what is left.
    chosen.push(...packGreedy(residualProblem(problem, left, nodesLeft), master.solve().duals));
  }
  return trimSurplus(problem, chosen);

  /** Commits copies of a pattern, each holding only tasks still unplaced, on the cheapest type that fits. */
  function commit(q: number, copies: number): void {
    const pattern = master.patterns[q]!;
    for (let k = 0; k < copies; k++) {
      const counts = mapPacked(pattern.counts, (c, i) => Math.min(c, left[i]!));
      if (counts.every((c) => c === 0) && nodesLeft <= 0) break;
      const holder = cheapestHolder(problem, counts);
      chosen.push({ type: holder >= 0 ? holder : pattern.type, counts });
      counts.forEach((c, i) => {
        left[i] = left[i]! - c;
      });
      nodesLeft -= 1;
    }
  }
}
