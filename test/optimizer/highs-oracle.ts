/**
 * An independent solver for the tests: HiGHS (npm `highs`, a dev dependency only). It solves a covering LP
 * min c·x, A·x ≥ b, x ≥ 0 from scratch, to check covering-simplex's optimal values against, and a fleet
 * problem as a compact integer program, to check fleets and lower bounds against the proven optimum
 * (docs/optimizer.md#the-gaps-a-recommendation-reports).
 */
import highsDefault, { type Highs, type HighsOptions, type InitOptions } from 'highs';
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import type { PlacedNode } from '../../src/optimizer/model/placement.js';

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

export interface FleetOptimum {
  /** 'optimal': proven; 'none under the cap': no fleet costs at most `cap`; 'stopped': a limit ended the solve. */
  status: 'optimal' | 'none under the cap' | 'stopped';
  cost: number | null;
  nodes: PlacedNode[] | null;
  /** Node slots of the model: the size of the search HiGHS faced. */
  slots: number;
}

/**
 * The cheapest fleet of `problem` among those costing at most `cap`, by HiGHS on a compact integer program:
 * one binary per possible node (slot) of each type, as many as `cap` can pay for and no more than the tasks
 * that type may hold plus `minNodes` (empty nodes may make up a spread); an integer count of each item's
 * tasks on each slot; each slot's vCPU, memory, pod (task) and GPU capacity; each item's cap per node (the
 * spread); each item's demand, exactly; at least `minNodes` nodes; slots of one type used in order
 * (symmetry). Independent of Berth's searches and bounds: it shares only the problem. `options` may add
 * HiGHS limits (`time_limit`, `mip_max_nodes`); a solve they stop says so.
 */
export async function fleetOptimum(
  problem: FleetProblem,
  cap: number,
  options: Partial<HighsOptions> = {},
): Promise<FleetOptimum> {
  runtime ??= load();
  const highs = await runtime;
  const objective: string[] = [];
  const rows: string[] = [];
  const integers: string[] = [];
  const binaries: string[] = [];
  const covering: string[][] = problem.items.map(() => []);
  const slots: { type: number; name: string }[] = [];
  for (const [t, type] of problem.types.entries()) {
    const holdable = type.items.reduce((sum, i) => sum + problem.items[i]!.demand, 0);
    // Empty nodes count towards minNodes (Berth's placement check allows them), so a spread may need some.
    const count = Math.min(Math.floor(cap / type.price + 1e-9), holdable + problem.minNodes);
    for (let k = 0; k < count; k++) {
      const y = `y_${t}_${k}`;
      slots.push({ type: t, name: y });
      binaries.push(y);
      objective.push(`${type.price} ${y}`);
      const load = { cpu: [] as string[], mem: [] as string[], tasks: [] as string[], gpu: [] as string[] };
      for (const i of type.items) {
        const item = problem.items[i]!;
        const x = `x_${i}_${t}_${k}`;
        integers.push(x);
        covering[i]!.push(x);
        load.cpu.push(`${item.cpu} ${x}`);
        load.mem.push(`${item.mem} ${x}`);
        load.tasks.push(x);
        if (item.gpu > 0) load.gpu.push(`${item.gpu} ${x}`);
        rows.push(` cap_${i}_${t}_${k}: ${x} - ${Math.min(item.maxPerNode, item.demand)} ${y} <= 0`);
      }
      if (load.cpu.length > 0) {
        rows.push(` cpu_${t}_${k}: ${load.cpu.join(' + ')} - ${type.cpu} ${y} <= 0`);
        rows.push(` mem_${t}_${k}: ${load.mem.join(' + ')} - ${type.mem} ${y} <= 0`);
        // A type with no pod or task limit has one past any count (the LP reader takes no 2^53).
        if (type.tasks < holdable)
          rows.push(` tasks_${t}_${k}: ${load.tasks.join(' + ')} - ${type.tasks} ${y} <= 0`);
      }
      if (load.gpu.length > 0) rows.push(` gpu_${t}_${k}: ${load.gpu.join(' + ')} - ${type.gpu} ${y} <= 0`);
      if (k > 0) rows.push(` order_${t}_${k}: y_${t}_${k - 1} - ${y} >= 0`);
    }
  }
  for (const [i, item] of problem.items.entries()) {
    // An item no slot may hold: no fleet under the cap covers it.
    if (covering[i]!.length === 0)
      return { status: 'none under the cap', cost: null, nodes: null, slots: slots.length };
    rows.push(` demand_${i}: ${covering[i]!.join(' + ')} = ${item.demand}`);
  }
  if (problem.minNodes > 1) rows.push(` spread: ${binaries.join(' + ')} >= ${problem.minNodes}`);
  rows.push(` cost_cap: ${objective.join(' + ')} <= ${cap}`);
  const text = [
    'Minimize',
    ` cost: ${objective.join(' + ')}`,
    'Subject To',
    ...rows,
    // No Bounds section: integers are at least 0, and each one's cap row bounds it above.
    'General',
    ...integers.map((x) => ` ${x}`),
    'Binary',
    ...binaries.map((y) => ` ${y}`),
    'End',
  ].join('\n');
  const solution = highs.solve(text, { mip_rel_gap: 0, output_flag: false, ...options } as HighsOptions);
  if (solution.Status === 'Infeasible')
    return { status: 'none under the cap', cost: null, nodes: null, slots: slots.length };
  if (solution.Status !== 'Optimal')
    return { status: 'stopped', cost: null, nodes: null, slots: slots.length };
  const columns = solution.Columns as Record<string, { Primal: number }>;
  const bySlot = new Map<string, PlacedNode>();
  for (const slot of slots) {
    if ((columns[slot.name]?.Primal ?? 0) > 0.5)
      bySlot.set(slot.name.slice(2), { type: slot.type, counts: problem.items.map(() => 0) });
  }
  for (const [name, column] of Object.entries(columns)) {
    if (!name.startsWith('x_') || column.Primal < 0.5) continue;
    const [, i, t, k] = name.split('_');
    const node = bySlot.get(`${t}_${k}`);
    if (node) node.counts[Number(i)] = Math.round(column.Primal);
  }
  const nodes = [...bySlot.values()];
  const cost = nodes.reduce((sum, node) => sum + problem.types[node.type]!.price, 0);
  return { status: 'optimal', cost, nodes, slots: slots.length };
}
