/**
 * @module covering-master: the restricted master LP of the set-covering model
 * (P4 in docs/optimizer.md#set-covering-model): one column per known pattern, one ≥ row per item, and one
 * ≥ row for the spread. It lives in one simplex (covering-simplex) that keeps its basis, so adding a
 * column or lowering demands re-solves from the last basis (docs/optimizer.md#the-master-lp).
 */
import type { FleetProblem } from '../model/integer-model.js';
import { mapPacked } from '../model/lists.js';
import { type Pattern, patternKey } from '../model/pattern.js';
import { CoveringSimplex, type DualRule } from './covering-simplex.js';

export interface MasterSolution {
  value: number;
  /** Item row duals (≥ 0). */
  duals: number[];
  /** Dual of the spread row (0 without a spread). */
  mu: number;
  /** LP value of each pattern, in `patterns` order. */
  solution: number[];
}

export class CoveringMaster {
  readonly patterns: Pattern[] = [];
  readonly #keys = new Set<string>();
  readonly #spread: boolean;
  readonly #lp: CoveringSimplex;

  constructor(readonly problem: FleetProblem) {
    this.#spread = problem.minNodes > 1;
    this.#lp = new CoveringSimplex(
      this.#rowLower(
        mapPacked(problem.items, (item) => item.demand),
        problem.minNodes,
      ),
    );
  }

  #rowLower(demands: readonly number[], minNodes: number): number[] {
    return this.#spread ? [...demands, Math.max(0, minNodes)] : [...demands];
  }

  /** Adds the pattern as a column unless it is already there. */
  add(pattern: Pattern): boolean {
    return this.addAll([pattern]) === 1;
  }

  /** Adds the patterns not already there as columns; returns how many were new. */
  addAll(patterns: readonly Pattern[]): number {
    const spreadRow = this.problem.items.length;
    let added = 0;
    for (const pattern of patterns) {
      const key = patternKey(pattern);
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.patterns.push(pattern);
      const rows: number[] = [];
      const values: number[] = [];
      pattern.counts.forEach((c, i) => {
        if (c > 0) {
          rows.push(i);
          values.push(c);
        }
      });
      if (this.#spread) {
        rows.push(spreadRow);
        values.push(1);
      }
      this.#lp.addColumn(this.problem.types[pattern.type]!.price, rows, values);
      added += 1;
    }
    return added;
  }

  /** Replaces the right-hand sides: what is still to cover, during a dive. */
  setDemands(demands: readonly number[], minNodes: number): void {
    this.#lp.setRhs(this.#rowLower(demands, minNodes));
  }

  /**
   * Forgets the basis: the next solve starts cold, with this rule for the dual simplex, and may end at
   * another optimal vertex of the (degenerate) master. A second dive starts from there.
   */
  restart(rule: DualRule): void {
    this.#lp.restart(rule);
  }

  solve(): MasterSolution {
    const lp = this.#lp.solve();
    const n = this.problem.items.length;
    // Copied with loops: Array.from on a typed array walks its iterator, an object per element.
    const duals: number[] = [];
    for (let i = 0; i < Math.min(n, lp.duals.length); i++) duals.push(Math.max(0, lp.duals[i]!));
    const solution: number[] = [];
    for (let j = 0; j < lp.x.length; j++) solution.push(lp.x[j]!);
    return {
      value: lp.value,
      duals,
      mu: this.#spread ? Math.max(0, lp.duals[n] ?? 0) : 0,
      solution,
    };
  }
}
