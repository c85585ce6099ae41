/**
 * @module covering-simplex: a revised simplex for the covering master LP, min c·x subject to A·x ≥ b and
 * x ≥ 0, where every entry of A and every cost is ≥ 0 (docs/optimizer.md#the-master-lp). Rows are few (one
 * per task shape, and the spread), columns are added as column generation prices them, and a dive lowers b
 * between solves; so the basis and its explicit dense inverse are kept from solve to solve. A lowered b
 * leaves the basis dual feasible (dual simplex), new columns leave it primal feasible (primal simplex).
 * Plain JS on typed arrays: the same arithmetic in the same order on every machine, so the same sequence
 * of changes gives the same vertex.
 */

/** Feasibility and optimality tolerances, and the smallest pivot accepted. */
const PRIMAL_TOL = 1e-9;
const DUAL_TOL = 1e-9;
const PIVOT_TOL = 1e-9;
/**
 * The smallest pivot Bland's rule accepts. It picks by order alone, not by size, and on masters whose
 * optimum is 0 (columns of cost 0) it took pivots barely above PIVOT_TOL, after which the basis inverse
 * went singular or its solution missed a row.
 */
const BLAND_PIVOT_TOL = 1e-7;
/** How far below its demand (relative) a row of the returned solution may fall before the solve is redone. */
const COVER_TOL = 1e-7;
/** Pivots between refactorisations of the basis inverse (rounding error grows with each update). */
const REFACTOR_EVERY = 64;
/** Degenerate pivots in a row before Bland's rule takes over, in the primal and in the dual simplex. */
const BLAND_AFTER = 50;

/**
 * Bland's order of the variables (surpluses first, by row, then columns): a run of degenerate pivots that
 * picks both the entering and the leaving variable lowest in it cannot cycle.
 */
function rank(v: number, rows: number): number {
  return v < 0 ? -v - 1 : rows + v;
}

/**
 * How the dual simplex picks the row that leaves: the largest infeasibility scaled by the norm of its row
 * of B⁻¹ (dual steepest edge, exact: the inverse is explicit), or unscaled (Dantzig's rule). They lead to
 * different optimal vertices of a degenerate master, and so to different dives.
 */
export type DualRule = 'steepest-edge' | 'dantzig';

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** A warm start gone wrong, which a cold start repairs. */
class SimplexTrouble extends Error {}

export interface SimplexSolution {
  value: number;
  /** One dual per row (≥ 0 at the optimum, up to the tolerance). */
  duals: Float64Array;
  /** One value per column. */
  x: Float64Array;
  /** Simplex pivots this solve took (a failed warm start's included). */
  pivots: number;
  /** Whether the warm start failed and the solve started again from the all-surplus basis. */
  restarted: boolean;
}

/**
 * Variables are numbered: columns 0..n−1, and the surplus of row i as −(i + 1) (its column is −e_i, its
 * cost 0). The basis starts all-surplus: dual feasible, since every cost is ≥ 0.
 */
export class CoveringSimplex {
  readonly rows: number;
  #n = 0;
  #nnz = 0;
  #cost = new Float64Array(64);
  #start = new Int32Array(65);
  #index = new Int32Array(512);
  #value = new Float64Array(512);
  /** Basic variable of each row position; position of each basic column (−1 when non-basic). */
  readonly #basis: Int32Array;
  #position = new Int32Array(64);
  readonly #surplusBasic: Int32Array;
  /** Row-major inverse of the basis matrix, and the basic variables' values B⁻¹·b. */
  readonly #inverse: Float64Array;
  readonly #xB: Float64Array;
  readonly #b: Float64Array;
  readonly #pi: Float64Array;
  readonly #work: Float64Array;
  #sinceRefactor = 0;
  /** Pivots since the current solve began. */
  #pivots = 0;
  /** Columns added and demands changed since the last solve: both at once leave no feasible side to start from. */
  #added = false;
  #lowered = false;

  #rule: DualRule = 'steepest-edge';

  constructor(rhs: ArrayLike<number>) {
    const m = rhs.length;
    this.rows = m;
    this.#basis = new Int32Array(m);
    this.#surplusBasic = new Int32Array(m);
    this.#inverse = new Float64Array(m * m);
    this.#xB = new Float64Array(m);
    this.#b = Float64Array.from(rhs);
    this.#pi = new Float64Array(m);
    this.#work = new Float64Array(m);
    this.#slackBasis();
  }

  /** Adds a column with cost ≥ 0 and entries ≥ 0 (sparse: row indices and values). */
  addColumn(cost: number, rows: readonly number[], values: readonly number[]): void {
    const n = this.#n;
    if (n + 1 >= this.#cost.length) {
      const size = 2 * this.#cost.length;
      this.#cost = grow(this.#cost, new Float64Array(size));
      this.#start = grow(this.#start, new Int32Array(size + 1));
      this.#position = grow(this.#position, new Int32Array(size));
    }
    if (this.#nnz + rows.length > this.#index.length) {
      const size = Math.max(2 * this.#index.length, this.#nnz + rows.length);
      this.#index = grow(this.#index, new Int32Array(size));
      this.#value = grow(this.#value, new Float64Array(size));
    }
    this.#cost[n] = cost;
    for (let k = 0; k < rows.length; k++) {
      this.#index[this.#nnz] = rows[k]!;
      this.#value[this.#nnz] = values[k]!;
      this.#nnz += 1;
    }
    this.#start[n + 1] = this.#nnz;
    this.#position[n] = -1;
    this.#n = n + 1;
    this.#added = true;
  }

  /** Replaces the right-hand side; the basis is kept (it stays dual feasible, as no cost changed). */
  setRhs(rhs: ArrayLike<number>): void {
    for (let i = 0; i < this.rows; i++) this.#b[i] = rhs[i]!;
    this.#lowered = true;
  }

  /**
   * Solves from the current basis. Should the warm start go wrong (a numerically singular basis, or the
   * iteration limit), it solves once more from the all-surplus basis; a second failure throws.
   */
  solve(): SimplexSolution {
    let restarted = false;
    this.#pivots = 0;
    try {
      this.#run();
    } catch (error) {
      if (!(error instanceof SimplexTrouble)) throw error;
      restarted = true;
      this.#slackBasis();
      try {
        this.#run();
      } catch (again) {
        if (again instanceof SimplexTrouble) throw new Error(`the master LP did not solve: ${again.message}`);
        throw again;
      }
    }
    const x = new Float64Array(this.#n);
    let value = 0;
    for (let r = 0; r < this.rows; r++) {
      const v = this.#basis[r]!;
      if (v >= 0) {
        const xv = Math.max(0, this.#xB[r]!);
        x[v] = xv;
        value += this.#cost[v]! * xv;
      }
    }
    this.#computeDuals();
    return { value, duals: this.#pi.slice(), x, pivots: this.#pivots, restarted };
  }

  /**
   * Dual simplex to a feasible basis, then primal simplex to an optimal one. After both new columns and new
   * demands the last basis may be neither primal nor dual feasible, so the solve starts from the
   * all-surplus basis instead (column generation and the dive always solve in between). The solution is
   * then checked against the rows themselves, not the basis inverse it came from.
   */
  #run(): void {
    if (this.#added && this.#lowered) this.#slackBasis();
    this.#added = false;
    this.#lowered = false;
    const ceiling = this.#pivots + 50 * (this.rows + this.#n) + 1000;
    this.#updateValues();
    this.#dualSimplex(ceiling);
    this.#primalSimplex(ceiling);
    this.#checkCover();
  }

  /** Throws (so the solve is redone cold) when the basic columns at their values miss a row's demand. */
  #checkCover(): void {
    const m = this.rows;
    const covered = this.#work;
    covered.fill(0);
    for (let r = 0; r < m; r++) {
      const v = this.#basis[r]!;
      if (v < 0) continue;
      const x = Math.max(0, this.#xB[r]!);
      for (let k = this.#start[v]!; k < this.#start[v + 1]!; k++)
        covered[this.#index[k]!] = covered[this.#index[k]!]! + this.#value[k]! * x;
    }
    for (let i = 0; i < m; i++) {
      const b = this.#b[i]!;
      if (covered[i]! < b - COVER_TOL * (1 + b)) throw new SimplexTrouble(`its solution misses row ${i}`);
    }
  }

  /**
   * Forgets the basis and sets the dual rule: the next solve starts from the all-surplus basis, and may end
   * at another optimal vertex.
   */
  restart(rule: DualRule): void {
    this.#rule = rule;
    this.#slackBasis();
  }

  #slackBasis(): void {
    const m = this.rows;
    for (let r = 0; r < m; r++) {
      this.#basis[r] = -(r + 1);
      this.#surplusBasic[r] = 1;
    }
    this.#position.fill(-1, 0, this.#n);
    this.#refactor();
  }

  /** Rebuilds B⁻¹ from the basic columns (Gauss–Jordan with partial pivoting) and x_B = B⁻¹·b. */
  #refactor(): void {
    const m = this.rows;
    const a = new Float64Array(m * m);
    const inv = this.#inverse;
    inv.fill(0);
    for (let r = 0; r < m; r++) {
      inv[r * m + r] = 1;
      const v = this.#basis[r]!;
      if (v < 0) a[(-v - 1) * m + r] = -1;
      else
        for (let k = this.#start[v]!; k < this.#start[v + 1]!; k++)
          a[this.#index[k]! * m + r] = this.#value[k]!;
    }
    // Gauss–Jordan on [A | I]: A is the basis matrix (rows × positions).
    for (let c = 0; c < m; c++) {
      let pivotRow = c;
      let best = Math.abs(a[c * m + c]!);
      for (let r = c + 1; r < m; r++) {
        const v = Math.abs(a[r * m + c]!);
        if (v > best) {
          best = v;
          pivotRow = r;
        }
      }
      if (best < 1e-12) throw new SimplexTrouble('the basis is singular');
      if (pivotRow !== c) {
        for (let k = 0; k < m; k++) {
          const t = a[c * m + k]!;
          a[c * m + k] = a[pivotRow * m + k]!;
          a[pivotRow * m + k] = t;
          const u = inv[c * m + k]!;
          inv[c * m + k] = inv[pivotRow * m + k]!;
          inv[pivotRow * m + k] = u;
        }
      }
      const p = a[c * m + c]!;
      for (let k = 0; k < m; k++) {
        a[c * m + k] = a[c * m + k]! / p;
        inv[c * m + k] = inv[c * m + k]! / p;
      }
      for (let r = 0; r < m; r++) {
        if (r === c) continue;
        const f = a[r * m + c]!;
        if (f === 0) continue;
        for (let k = 0; k < m; k++) {
          a[r * m + k] = a[r * m + k]! - f * a[c * m + k]!;
          inv[r * m + k] = inv[r * m + k]! - f * inv[c * m + k]!;
        }
      }
    }
    this.#updateValues();
    this.#sinceRefactor = 0;
  }

  /** x_B = B⁻¹·b. */
  #updateValues(): void {
    const m = this.rows;
    const inv = this.#inverse;
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += inv[r * m + k]! * this.#b[k]!;
      this.#xB[r] = s;
    }
  }

  /** π = c_B·B⁻¹. */
  #computeDuals(): void {
    const m = this.rows;
    const pi = this.#pi;
    pi.fill(0);
    for (let r = 0; r < m; r++) {
      const v = this.#basis[r]!;
      if (v < 0) continue;
      const c = this.#cost[v]!;
      if (c === 0) continue;
      const row = r * m;
      for (let k = 0; k < m; k++) pi[k] = pi[k]! + c * this.#inverse[row + k]!;
    }
  }

  /** w = B⁻¹·a for variable v (a column, or a surplus). */
  #ftran(v: number, w: Float64Array): void {
    const m = this.rows;
    const inv = this.#inverse;
    if (v < 0) {
      const i = -v - 1;
      for (let r = 0; r < m; r++) w[r] = -inv[r * m + i]!;
      return;
    }
    w.fill(0);
    for (let k = this.#start[v]!; k < this.#start[v + 1]!; k++) {
      const i = this.#index[k]!;
      const a = this.#value[k]!;
      for (let r = 0; r < m; r++) w[r] = w[r]! + a * inv[r * m + i]!;
    }
  }

  /** Brings variable v into the basis at position r, with w = B⁻¹·a_v. */
  #pivot(r: number, v: number, w: Float64Array): void {
    const m = this.rows;
    const inv = this.#inverse;
    const xB = this.#xB;
    const wr = w[r]!;
    const theta = xB[r]! / wr;
    for (let i = 0; i < m; i++) if (i !== r) xB[i] = xB[i]! - theta * w[i]!;
    xB[r] = theta;
    const rowR = r * m;
    for (let k = 0; k < m; k++) inv[rowR + k] = inv[rowR + k]! / wr;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const f = w[i]!;
      if (f === 0) continue;
      const row = i * m;
      for (let k = 0; k < m; k++) inv[row + k] = inv[row + k]! - f * inv[rowR + k]!;
    }
    const out = this.#basis[r]!;
    if (out < 0) this.#surplusBasic[-out - 1] = 0;
    else this.#position[out] = -1;
    this.#basis[r] = v;
    if (v < 0) this.#surplusBasic[-v - 1] = 1;
    else this.#position[v] = r;
    this.#pivots += 1;
    if (++this.#sinceRefactor >= REFACTOR_EVERY) this.#refactor();
  }

  /**
   * Dual simplex: while a basic variable is negative, it leaves (the most negative, by the dual rule), and
   * the entering variable keeps every reduced cost ≥ 0 (the least ratio d_j / −α_j; ties to the largest
   * |α_j|). After a run of degenerate pivots, Bland's rule: the lowest negative basic variable leaves, and
   * the lowest of the tied ratios enters.
   */
  #dualSimplex(ceiling: number): void {
    const m = this.rows;
    const w = this.#work;
    let degenerate = 0;
    for (;;) {
      const bland = degenerate >= BLAND_AFTER;
      let r = -1;
      let worst = 0;
      for (let i = 0; i < m; i++) {
        const x = this.#xB[i]!;
        if (x >= -PRIMAL_TOL) continue;
        if (bland) {
          if (r < 0 || rank(this.#basis[i]!, m) < rank(this.#basis[r]!, m)) r = i;
          continue;
        }
        let score = x * x;
        if (this.#rule === 'steepest-edge') {
          let norm = 0;
          for (let k = 0; k < m; k++) norm += this.#inverse[i * m + k]! ** 2;
          score /= norm;
        }
        if (score > worst) {
          worst = score;
          r = i;
        }
      }
      if (r < 0) return;
      if (this.#pivots >= ceiling) throw new SimplexTrouble('it reached the simplex iteration limit');
      this.#computeDuals();
      const rowR = r * m;
      const pivotTol = bland ? BLAND_PIVOT_TOL : PIVOT_TOL;
      let enter = 0;
      let enterAlpha = 0;
      let bestRatio = Number.POSITIVE_INFINITY;
      const position = this.#position;
      const cost = this.#cost;
      const start = this.#start;
      const index = this.#index;
      const values = this.#value;
      const inverse = this.#inverse;
      const pi = this.#pi;
      const n = this.#n;
      for (let j = 0; j < n; j++) {
        if (position[j]! >= 0) continue;
        let alpha = 0;
        const end = start[j + 1]!;
        for (let k = start[j]!; k < end; k++) alpha += inverse[rowR + index[k]!]! * values[k]!;
        if (alpha >= -pivotTol) continue;
        let d = cost[j]!;
        for (let k = start[j]!; k < end; k++) d -= pi[index[k]!]! * values[k]!;
        const ratio = Math.max(d, 0) / -alpha;
        const tieBetter = bland ? rank(j, m) < rank(enter, m) : alpha < enterAlpha;
        if (ratio < bestRatio - 1e-12 || (ratio <= bestRatio + 1e-12 && tieBetter)) {
          bestRatio = ratio;
          enter = j;
          enterAlpha = alpha;
        }
      }
      const surplusBasic = this.#surplusBasic;
      for (let i = 0; i < m; i++) {
        if (surplusBasic[i]) continue;
        const alpha = -inverse[rowR + i]!;
        if (alpha >= -pivotTol) continue;
        const d = pi[i]!;
        const ratio = Math.max(d, 0) / -alpha;
        const tieBetter = bland ? rank(-(i + 1), m) < rank(enter, m) : alpha < enterAlpha;
        if (ratio < bestRatio - 1e-12 || (ratio <= bestRatio + 1e-12 && tieBetter)) {
          bestRatio = ratio;
          enter = -(i + 1);
          enterAlpha = alpha;
        }
      }
      if (enterAlpha === 0) throw new SimplexTrouble('no column can cover a row (the LP looks infeasible)');
      degenerate = bestRatio <= 1e-12 ? degenerate + 1 : 0;
      this.#ftran(enter, w);
      this.#pivot(r, enter, w);
    }
  }

  /**
   * Primal simplex from a primal-feasible basis: the most negative reduced cost enters (Bland's rule,
   * the first found, surpluses then columns, after a run of degenerate pivots); the ratio test keeps
   * x_B ≥ 0, ties to the largest pivot (to the lowest variable under Bland's rule). `ceiling`: the solve's
   * pivot count at which it gives up.
   */
  #primalSimplex(ceiling: number): void {
    const m = this.rows;
    const w = this.#work;
    let degenerate = 0;
    for (;;) {
      this.#computeDuals();
      const bland = degenerate >= BLAND_AFTER;
      let enter = 0;
      let most = -DUAL_TOL;
      let found = false;
      for (let i = 0; i < m && !(bland && found); i++) {
        if (this.#surplusBasic[i]) continue;
        const d = this.#pi[i]!;
        if (d < most) {
          most = d;
          enter = -(i + 1);
          found = true;
        }
      }
      const position = this.#position;
      const cost = this.#cost;
      const start = this.#start;
      const index = this.#index;
      const values = this.#value;
      const pi = this.#pi;
      const n = this.#n;
      for (let j = 0; j < n && !(bland && found); j++) {
        if (position[j]! >= 0) continue;
        let d = cost[j]!;
        const end = start[j + 1]!;
        for (let k = start[j]!; k < end; k++) d -= pi[index[k]!]! * values[k]!;
        if (d < most) {
          most = d;
          enter = j;
          found = true;
        }
      }
      if (!found) return;
      if (this.#pivots >= ceiling) throw new SimplexTrouble('it reached the simplex iteration limit');
      this.#ftran(enter, w);
      let r = -1;
      let bestRatio = Number.POSITIVE_INFINITY;
      let bestW = 0;
      for (let i = 0; i < m; i++) {
        const wi = w[i]!;
        if (wi <= (bland ? BLAND_PIVOT_TOL : PIVOT_TOL)) continue;
        const ratio = Math.max(0, this.#xB[i]!) / wi;
        const tie = ratio <= bestRatio + 1e-12;
        const better = bland ? rank(this.#basis[i]!, m) < rank(this.#basis[r]!, m) : wi > bestW;
        if (ratio < bestRatio - 1e-12 || (tie && better)) {
          bestRatio = ratio;
          r = i;
          bestW = wi;
        }
      }
      if (r < 0) throw new SimplexTrouble('a column improves without limit (the LP looks unbounded)');
      if (this.#xB[r]! < 0) this.#xB[r] = 0;
      degenerate = bestRatio <= 1e-12 ? degenerate + 1 : 0;
      this.#pivot(r, enter, w);
    }
  }
}
