/**
 * An independent LP solver for the tests: HiGHS (npm `highs`, a dev dependency only), which solves a
 * covering LP min c·x, A·x ≥ b, x ≥ 0 from scratch, to check covering-simplex's optimal values against.
 */
import highsDefault, { type Highs, type InitOptions } from 'highs';

type Loader = (options?: InitOptions) => Promise<Highs>;

// highs ships CommonJS types with an ESM build: TypeScript sees the module object, Node the function.
const load: Loader =
  typeof highsDefault === 'function'
    ? (highsDefault as Loader)
    : (highsDefault as { default: Loader }).default;

let runtime: Promise<Highs> | null = null;

export interface CoveringColumn {
  cost: number;
  rows: number[];
  values: number[];
}

/** The optimal value of the covering LP, by HiGHS. */
export async function coveringOptimum(
  rhs: readonly number[],
  columns: readonly CoveringColumn[],
): Promise<number> {
  runtime ??= load();
  const highs = await runtime;
  const model = highs.createModel();
  try {
    const starts = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const column of columns) {
      indices.push(...column.rows);
      values.push(...column.values);
      starts.push(indices.length);
    }
    model.passModel({
      numCols: columns.length,
      numRows: rhs.length,
      colCost: columns.map((column) => column.cost),
      colLower: columns.map(() => 0),
      colUpper: columns.map(() => highs.infinity),
      rowLower: [...rhs],
      rowUpper: rhs.map(() => highs.infinity),
      matrix: { format: 'csc', numRows: rhs.length, numCols: columns.length, starts, indices, values },
    });
    model.options.set({ output_flag: false });
    const run = model.run();
    if (run.modelStatus !== highs.constants.modelStatus.optimal)
      throw new Error(`HiGHS status ${run.modelStatus}`);
    return model.getObjectiveValue();
  } finally {
    model.dispose();
  }
}
