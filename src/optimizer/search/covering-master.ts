/**
 * @module covering-master: the restricted master LP of the set-covering model
 * (P4 in docs/optimizer.md#set-covering-model): one column per known pattern, one ≥ row per item, and one
 * ≥ row for the spread. It lives in one persistent HiGHS model, so adding a column or lowering demands
 * re-solves from the last basis.
 */
import type { Highs, Model } from 'highs';
import type { FleetProblem } from '../model/integer-model.js';
import { type Pattern, patternKey } from '../model/pattern.js';

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
  readonly #model: Model;
  readonly #rows: number;

  constructor(
    readonly highs: Highs,
    readonly problem: FleetProblem,
  ) {
    this.#spread = problem.minNodes > 1;
    this.#rows = problem.items.length + (this.#spread ? 1 : 0);
    this.#model = highs.createModel();
    const lower = this.#rowLower(
      problem.items.map((item) => item.demand),
      problem.minNodes,
    );
    this.#model.passModel({
      numCols: 0,
      numRows: this.#rows,
      colCost: [],
      colLower: [],
      colUpper: [],
      rowLower: lower,
      rowUpper: lower.map(() => highs.infinity),
      matrix: { format: 'csc', numRows: this.#rows, numCols: 0, starts: [0], indices: [], values: [] },
    });
    // Re-solved warm after every change: presolve would only redo work the last basis already holds.
    this.#model.options.set({ output_flag: false, presolve: 'off' });
  }

  #rowLower(demands: readonly number[], minNodes: number): number[] {
    return this.#spread ? [...demands, Math.max(0, minNodes)] : [...demands];
  }

  /** Adds the pattern as a column unless it is already there. */
  add(pattern: Pattern): boolean {
    return this.addAll([pattern]) === 1;
  }

  /** Adds the patterns not already there as columns, in one call; returns how many were new. */
  addAll(patterns: readonly Pattern[]): number {
    const fresh: Pattern[] = [];
    for (const pattern of patterns) {
      const key = patternKey(pattern);
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      fresh.push(pattern);
    }
    if (fresh.length === 0) return 0;
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const pattern of fresh) {
      this.patterns.push(pattern);
      for (let i = 0; i < pattern.counts.length; i++) {
        const c = pattern.counts[i]!;
        if (c > 0) {
          indices.push(i);
          values.push(c);
        }
      }
      if (this.#spread) {
        indices.push(this.problem.items.length);
        values.push(1);
      }
      starts.push(indices.length);
    }
    const n = fresh.length;
    this.#model.addCols({
      cost: Float64Array.from(fresh, (pattern) => this.problem.types[pattern.type]!.price),
      lower: new Float64Array(n),
      upper: new Float64Array(n).fill(this.highs.infinity),
      matrix: {
        format: 'csc',
        numRows: this.#rows,
        numCols: n,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
    });
    return n;
  }

  /** Replaces the right-hand sides: what is still to cover, during a dive. */
  setDemands(demands: readonly number[], minNodes: number): void {
    const lower = this.#rowLower(demands, minNodes);
    this.#model.changeRowsBounds(
      { kind: 'range', from: 0, to: this.#rows - 1 },
      lower,
      lower.map(() => this.highs.infinity),
    );
  }

  solve(): MasterSolution {
    const run = this.#model.run();
    if (run.modelStatus !== this.highs.constants.modelStatus.optimal) {
      throw new Error(`the master LP did not solve: HiGHS model status ${run.modelStatus}`);
    }
    const solution = this.#model.getSolution();
    const n = this.problem.items.length;
    return {
      value: this.#model.getObjectiveValue(),
      duals: Array.from(solution.rowDual.subarray(0, n), (d) => Math.max(0, d)),
      mu: this.#spread ? Math.max(0, solution.rowDual[n] ?? 0) : 0,
      solution: Array.from(solution.colValue),
    };
  }

  /** Frees the WASM memory; the highs README warns that garbage collection does not. */
  dispose(): void {
    this.#model.dispose();
  }
}
