import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CoveringSimplex,
  type DualRule,
  type SimplexSolution,
} from '../../src/optimizer/search/covering-simplex.js';
import { lcg } from '../helpers/random.js';
import { type CoveringColumn, coveringOptimum } from './highs-oracle.js';

function add(lp: CoveringSimplex, column: CoveringColumn): void {
  lp.addColumn(column.cost, column.rows, column.values);
}

/**
 * Checks a solution without trusting the solver: x covers b, the duals are feasible for every column and
 * every surplus (π ≥ 0, c_j − π·a_j ≥ 0), and c·x = π·b (strong duality), all to 1e-7 relative.
 */
function expectOptimal(
  solution: SimplexSolution,
  rhs: readonly number[],
  columns: readonly CoveringColumn[],
): void {
  const scale = 1 + Math.abs(solution.value);
  const covered = rhs.map(() => 0);
  let cost = 0;
  columns.forEach((column, j) => {
    const x = solution.x[j]!;
    expect(x).toBeGreaterThanOrEqual(0);
    cost += column.cost * x;
    column.rows.forEach((row, k) => {
      covered[row] = covered[row]! + column.values[k]! * x;
    });
  });
  for (const [i, b] of rhs.entries()) expect(covered[i]!).toBeGreaterThanOrEqual(b - 1e-7 * (1 + b));
  expect(Math.abs(cost - solution.value)).toBeLessThan(1e-7 * scale);
  for (const dual of solution.duals) expect(dual).toBeGreaterThanOrEqual(-1e-7);
  for (const column of columns) {
    const priced = column.rows.reduce((sum, row, k) => sum + solution.duals[row]! * column.values[k]!, 0);
    expect(column.cost - priced).toBeGreaterThanOrEqual(-1e-7 * (1 + column.cost));
  }
  const dualValue = rhs.reduce((sum, b, i) => sum + b * solution.duals[i]!, 0);
  expect(Math.abs(dualValue - solution.value)).toBeLessThan(1e-7 * scale);
}

describe('covering simplex', () => {
  it('solves a small covering LP by hand, then after lower demands and a new column', () => {
    // Rows: 3 tasks of item 0, 2 of item 1. Columns (counts; cost): A (1,0; 1), B (0,1; 1), C (1,1; 1.5),
    // D (2,1; 2.5). C twice and A once cost 4; the duals (1, 0.5) price A, C and D at their cost and
    // B below it, and 3·1 + 2·0.5 = 4, so 4 is optimal.
    const columns: CoveringColumn[] = [
      { cost: 1, rows: [0], values: [1] },
      { cost: 1, rows: [1], values: [1] },
      { cost: 1.5, rows: [0, 1], values: [1, 1] },
      { cost: 2.5, rows: [0, 1], values: [2, 1] },
    ];
    const lp = new CoveringSimplex([3, 2]);
    for (const column of columns) add(lp, column);
    const first = lp.solve();
    expect(first.value).toBeCloseTo(4, 12);
    expect([...first.duals]).toEqual([expect.closeTo(1, 12), expect.closeTo(0.5, 12)]);
    expectOptimal(first, [3, 2], columns);

    // One of item 0 and two of item 1: C and B, 2.5, proven by the duals (0.5, 1): 0.5 + 2 = 2.5. The first
    // basis stays dual feasible under the lower demands, and the dual simplex moves from it.
    lp.setRhs([1, 2]);
    const lowered = lp.solve();
    expect(lowered.value).toBeCloseTo(2.5, 12);
    expect([...lowered.duals]).toEqual([expect.closeTo(0.5, 12), expect.closeTo(1, 12)]);
    expectOptimal(lowered, [1, 2], columns);

    // E (1,2; 2) covers both alone: the primal simplex brings it in, at value 2 (duals (0, 1) prove it).
    const e: CoveringColumn = { cost: 2, rows: [0, 1], values: [1, 2] };
    add(lp, e);
    const added = lp.solve();
    expect(added.value).toBeCloseTo(2, 12);
    expect(added.x[4]).toBeCloseTo(1, 12);
    expectOptimal(added, [1, 2], [...columns, e]);
  });

  it('matches HiGHS on 300 random covering LPs, warm through added columns, lowered demands and restarts, never falling back', async () => {
    const next = lcg(20261201);
    const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const m = int(1, 24);
      const rhs = Array.from({ length: m }, () => int(0, 40));
      // Every row has a column that covers it (a singleton), as the fleet master always does.
      const columns: CoveringColumn[] = rhs.map((_, i) => ({
        cost: 0.5 + next() * 4,
        rows: [i],
        values: [1],
      }));
      const randomColumn = (): CoveringColumn => {
        const rows: number[] = [];
        const values: number[] = [];
        for (let i = 0; i < m; i++) {
          if (next() < 0.35) {
            rows.push(i);
            values.push(int(1, 6));
          }
        }
        // Round costs and repeated columns make the LP degenerate, as the fleet masters are.
        const cost = next() < 0.3 ? int(1, 8) : Math.round((0.1 + next() * 6) * 1e4) / 1e4;
        return { cost, rows, values };
      };
      for (let k = int(0, 30); k > 0; k--) columns.push(randomColumn());
      const lp = new CoveringSimplex(rhs);
      for (const column of columns) add(lp, column);
      const current = [...rhs];
      for (let step = 0; step < 6; step++) {
        const solution = lp.solve();
        expect(solution.restarted).toBe(false);
        expectOptimal(solution, current, columns);
        expect(solution.value).toBeCloseTo(await coveringOptimum(current, columns), 7);
        checked += 1;
        const move = step % 3;
        if (move === 0) {
          for (let k = int(1, 8); k > 0; k--) {
            const column = randomColumn();
            columns.push(column);
            add(lp, column);
          }
        } else if (move === 1) {
          for (let i = 0; i < m; i++) current[i] = Math.max(0, current[i]! - int(0, 12));
          lp.setRhs(current);
          // Half the time new columns too, before the same solve: neither side of the basis is then
          // feasible, and the solve starts from the all-surplus basis.
          if (trial % 2 === 0) {
            const column = randomColumn();
            columns.push(column);
            add(lp, column);
          }
        } else {
          lp.restart(step === 2 ? 'dantzig' : 'steepest-edge');
        }
      }
    }
    expect(checked).toBe(1800);
  });

  it('ends on heavily degenerate masters: many copies of the same columns and equal costs', () => {
    const m = 12;
    const rhs = Array.from({ length: m }, () => 6);
    const columns: CoveringColumn[] = [];
    for (let copy = 0; copy < 5; copy++) {
      for (let i = 0; i < m; i++) {
        columns.push({ cost: 1, rows: [i], values: [1] });
        columns.push({ cost: 2, rows: [i, (i + 1) % m], values: [1, 1] });
        columns.push({ cost: 3, rows: [i, (i + 1) % m, (i + 2) % m], values: [2, 1, 1] });
      }
    }
    const lp = new CoveringSimplex(rhs);
    for (const column of columns) add(lp, column);
    const solution = lp.solve();
    // The 3-cost columns at 1.5 each cover every row 2·1.5 + 1.5 + 1.5 = 6, for 12 × 1.5 × 3 = 54; duals of
    // 0.75 on every row price the columns at 0.75, 1.5 and 3 (no more than their costs) and give
    // 12 × 6 × 0.75 = 54 too, so 54 is optimal.
    expect(solution.value).toBeCloseTo(54, 9);
    expectOptimal(solution, rhs, columns);
  });

  /** Replays recorded operations, checking every solve: optimal, and without a cold restart. */
  function replay(file: string): number {
    const ops = JSON.parse(
      readFileSync(new URL(`../fixtures/optimizer/${file}`, import.meta.url), 'utf8'),
    ) as [string, ...unknown[]][];
    let lp: CoveringSimplex | null = null;
    let rhs: number[] = [];
    const columns: CoveringColumn[] = [];
    let solves = 0;
    for (const [op, ...args] of ops) {
      if (op === 'new') {
        rhs = args[0] as number[];
        lp = new CoveringSimplex(rhs);
      } else if (op === 'addColumn') {
        const column = { cost: args[0] as number, rows: args[1] as number[], values: args[2] as number[] };
        columns.push(column);
        add(lp!, column);
      } else if (op === 'setRhs') {
        rhs = args[0] as number[];
        lp!.setRhs(rhs);
      } else if (op === 'restart') {
        lp!.restart(args[0] as DualRule);
      } else if (op === 'solve') {
        const solution = lp!.solve();
        expect(solution.restarted).toBe(false);
        expectOptimal(solution, rhs, columns);
        solves += 1;
      }
    }
    return solves;
  }

  it('never cycles on a degenerate fleet master: every solve of a recorded sequence ends without a cold restart', () => {
    // The operations a fleet-shaped master went through (33 rows: 32 task shapes and the spread; pattern
    // columns at prices that double within a family), recorded by a fresh-clone trial on 2026-12-01. While
    // Bland's rule ordered the entering and the leaving variable differently, one primal solve here cycled
    // through 9 bases until the iteration limit (about 9,800 pivots) and then started cold.
    expect(replay('degenerate-master-ops.json')).toBe(58);
  });

  it("keeps its pivots large enough under Bland's rule on a master whose optimum is 0", () => {
    // 32 rows and 44 columns of cost 0, recorded by a second trial: Bland's rule, which picks by order and
    // not by size, took a pivot of 1.07e-9 after about 90 degenerate dual pivots, and the solve returned
    // an x 27 % short of a row's demand (with the right value, 0). Bland's pivots must now be at least 1e-7.
    expect(replay('zero-cost-master-ops.json')).toBe(2);
  });
});
