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
  const chosen: PlacedNode[] = [];
  const recent = new Set<number>();
  const all = mapPacked(problem.types, (_, t) => t);
  const dive: Dive = { master, left, nodesLeft: problem.minNodes, chosen };
  let steps = 0;
  try {
    while ((anyPositive(left) || dive.nodesLeft > 0) && steps < maxSteps && !clock.expired()) {
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
      const solution = lp.solution;
      let best = 0;
      for (let q = 0; q < solution.length; q++) if (solution[q]! > solution[best]!) best = q;
      let whole = false;
      for (let q = 0; q < solution.length; q++) {
        const copies = Math.floor(solution[q]! + 1e-7);
        if (copies < 1) continue;
        whole = true;
        commit(dive, q, copies);
      }
      if (!whole) commit(dive, best, Math.max(1, Math.floor(solution[best]! + 1e-7)));
      master.setDemands(left, dive.nodesLeft);
    }
  } finally {
    master.setDemands(
      mapPacked(problem.items, (item) => item.demand),
      problem.minNodes,
    );
  }
  if (anyPositive(left)) {
    // Out of steps: the greedy packer places what is left.
    chosen.push(...packGreedy(residualProblem(problem, left, dive.nodesLeft), master.solve().duals));
  }
  return trimSurplus(problem, chosen);
}

/** What a dive has placed so far, the tasks it has left, and the nodes the spread still asks for. */
interface Dive {
  master: CoveringMaster;
  left: number[];
  nodesLeft: number;
  chosen: PlacedNode[];
}

function anyPositive(values: readonly number[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) return true;
  return false;
}

/**
 * Commits copies of a pattern, each holding only tasks still unplaced, on the cheapest type that fits.
 * A module function and loops rather than closures made on
 * every dive: with them, V8 optimized the dive only a few recommendations later
 * (docs/optimizer.md#jit-in-steady-state).
 */
function commit(dive: Dive, q: number, copies: number): void {
  const { master, left, chosen } = dive;
  const problem = master.problem;
  const pattern = master.patterns[q]!;
  for (let k = 0; k < copies; k++) {
    const counts: number[] = [];
    let empty = true;
    for (let i = 0; i < pattern.counts.length; i++) {
      const count = Math.min(pattern.counts[i]!, left[i]!);
      counts.push(count);
      if (count !== 0) empty = false;
    }
    if (empty && dive.nodesLeft <= 0) break;
    const holder = cheapestHolder(problem, counts);
    chosen.push({ type: holder >= 0 ? holder : pattern.type, counts });
    for (let i = 0; i < counts.length; i++) left[i] = left[i]! - counts[i]!;
    dive.nodesLeft -= 1;
  }
}
