/** @module lower-bound: a solver-free proven lower bound, from prices per unit of weighted resource. */
import { type FleetProblem, type ProblemItem, type ProblemType, taskCount } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import { cheapestPrice } from '../model/placement.js';

export interface ShareBound {
  /** Proven lower bound on the hourly cost, in USD. */
  bound: number;
  /** Per item, a price one task must at least pay: a feasible dual of the covering LP. */
  duals: number[];
}

const DIMENSIONS = 4;

function share(item: ProblemItem, type: ProblemType, w: readonly number[]): number {
  let s = (w[0]! * item.cpu) / type.cpu + (w[1]! * item.mem) / type.mem + w[2]! / type.tasks;
  if (item.gpu > 0) s += (w[3]! * item.gpu) / type.gpu;
  return s;
}

function dualsFor(problem: FleetProblem, w: readonly number[]): number[] {
  const duals = filled(problem.items.length, Number.POSITIVE_INFINITY);
  for (const type of problem.types) {
    for (const i of type.items) {
      const value = type.price * share(problem.items[i]!, type, w);
      if (value < duals[i]!) duals[i] = value;
    }
  }
  return mapPacked(duals, (d) => (Number.isFinite(d) ? d : 0));
}

function totalOf(problem: FleetProblem, duals: readonly number[]): number {
  return problem.items.reduce((sum, item, i) => sum + item.demand * duals[i]!, 0);
}

/** Every weight vector on the simplex with the given number of steps per unit. */
function simplexGrid(steps: number): number[][] {
  const points: number[][] = [];
  for (let a = 0; a <= steps; a++) {
    for (let b = 0; a + b <= steps; b++) {
      for (let c = 0; a + b + c <= steps; c++) {
        points.push([a / steps, b / steps, c / steps, (steps - a - b - c) / steps]);
      }
    }
  }
  return points;
}

/**
 * For any weights w ≥ 0 summing to 1, the tasks on one node of type t use at most 1 of
 * Σ_r w_r·load_r / capacity_r, so each task costs at least min_t price_t · Σ_r w_r·d_r / cap_r over the
 * types allowed to run it. Summed over the tasks this is a dual-feasible solution of the covering LP
 * (P4 in docs/optimizer.md#set-covering-model), hence a lower bound
 * (docs/optimizer.md#lp-bound-and-farleys-bound). We search w on a grid, then refine around the best.
 */
export function shareLowerBound(problem: FleetProblem): ShareBound {
  if (problem.items.length === 0 || problem.types.length === 0) return { bound: 0, duals: [] };
  let best = { bound: -1, duals: [] as number[], w: [1, 0, 0, 0] };
  for (const w of simplexGrid(6)) {
    const duals = dualsFor(problem, w);
    const bound = totalOf(problem, duals);
    if (bound > best.bound) best = { bound, duals, w };
  }
  for (let step = 1 / 12; step > 0.01; step /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (let from = 0; from < DIMENSIONS; from++) {
        for (let to = 0; to < DIMENSIONS; to++) {
          if (from === to || best.w[from]! < step) continue;
          const w = [...best.w];
          w[from] = w[from]! - step;
          w[to] = w[to]! + step;
          const duals = dualsFor(problem, w);
          const bound = totalOf(problem, duals);
          if (bound > best.bound * (1 + 1e-12)) {
            best = { bound, duals, w };
            improved = true;
          }
        }
      }
    }
  }
  const cheapest = cheapestPrice(problem);
  const totalTasks = taskCount(problem);
  const spreadBound = Math.min(problem.minNodes, totalTasks) * cheapest;
  return { bound: Math.max(best.bound, spreadBound), duals: best.duals };
}
