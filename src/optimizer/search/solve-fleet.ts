/**
 * @module solve-fleet: the full solve on one thread: greedy packing for a first fleet, column
 * generation for the bound, then an LP dive, local search and a repack search for a better fleet,
 * each within a share of the budget. Every improvement is reported, so a caller that must stop early keeps the best.
 */
import type { Highs } from 'highs';
import type { FleetProblem } from '../model/integer-model.js';
import {
  costOf,
  downsizeNodes,
  enforceMinNodes,
  findPlacementError,
  type PlacedNode,
} from '../model/placement.js';
import { ColumnFinder } from './column-finder.js';
import { generateColumns, singletonPatterns } from './column-generation.js';
import { CoveringMaster } from './covering-master.js';
import { packGreedy } from './greedy-pack.js';
import { solveHeuristic } from './heuristic.js';
import { improveFleet } from './local-search.js';
import { diveWithColumns } from './lp-dive.js';
import { repackSearch } from './repack-search.js';

export interface FleetSolution {
  nodes: PlacedNode[];
  lowerBound: number;
  method: 'milp' | 'heuristic';
  notes: string[];
}

export type ProgressListener = (solution: FleetSolution) => void;

/**
 * Budget shares (cumulative): column generation proves its bound by PROVE_FROM at the latest and stops
 * at CG_UNTIL; the dive runs until DIVE_UNTIL; the repack search and local search get the rest.
 */
const PROVE_FROM = 0.35;
const CG_UNTIL = 0.55;
const DIVE_UNTIL = 0.9;
/**
 * The repack search after the dive gets at most this share of the budget, and stops sooner after
 * REPACK_STALL rounds in a row without a saving (on 50 services, rounds take 2–5 ms and savings come
 * in the first few dozen).
 */
const REPACK_SHARE = 0.1;
const REPACK_STALL = 40;
/** Share of the budget left unused by the repack search: the margin for its local search. */
const REPACK_MARGIN = 0.04;

export function solveFleet(
  highs: Highs,
  problem: FleetProblem,
  budgetMs: number,
  onProgress: ProgressListener = () => {},
): FleetSolution {
  const started = performance.now();
  const end = started + budgetMs;
  const heuristic = solveHeuristic(problem);
  const current: FleetSolution = {
    nodes: heuristic.nodes,
    lowerBound: heuristic.lowerBound,
    method: 'heuristic',
    notes: [],
  };
  let bestCost = costOf(problem, heuristic.nodes);
  /** Repairs a fleet (local search, spread, downsizing) and keeps it when it is valid and cheaper. */
  const consider = (nodes: readonly PlacedNode[], method: FleetSolution['method'], until: number) => {
    const repaired = downsizeNodes(problem, enforceMinNodes(problem, improveFleet(problem, nodes, until)));
    const cost = costOf(problem, repaired);
    if (cost < bestCost - 1e-9 && findPlacementError(problem, repaired) === null) {
      Object.assign(current, { nodes: repaired, method });
      bestCost = cost;
      onProgress({ ...current });
    }
  };
  onProgress({ ...current });
  if (problem.items.length === 0) return current;
  consider(heuristic.nodes, 'heuristic', started + budgetMs * 0.05);
  const master = new CoveringMaster(highs, problem);
  try {
    for (const node of [...heuristic.nodes, ...singletonPatterns(problem)]) master.add(node);
    const finder = new ColumnFinder(problem);
    const cg = generateColumns(
      master,
      finder,
      started + budgetMs * PROVE_FROM,
      started + budgetMs * CG_UNTIL,
    );
    if (cg.lowerBound > current.lowerBound) {
      current.lowerBound = cg.lowerBound;
      onProgress({ ...current });
    }
    if (!cg.converged) {
      current.notes.push(
        "the LP bound is not proven optimal within the time limit: the lower bound is Farley's bound",
      );
    }
    // The LP duals price tasks better than the share bound's, so the greedy packer gets a second try.
    consider(packGreedy(problem, cg.lp.duals), 'heuristic', end);
    consider(diveWithColumns(master, finder, started + budgetMs * DIVE_UNTIL), 'milp', end);
    // Re-packing small groups of nodes at the LP duals closes most of what rounding leaves; it
    // stops a little before the end, so the local search after it does not run into the deadline.
    const repackUntil = Math.min(end - budgetMs * REPACK_MARGIN, performance.now() + budgetMs * REPACK_SHARE);
    if (repackUntil > performance.now()) {
      const repacked = repackSearch(problem, current.nodes, cg.lp.duals, repackUntil, {
        stallRounds: REPACK_STALL,
      });
      consider(repacked.nodes, current.method, end - (budgetMs * REPACK_MARGIN) / 2);
    }
    return { ...current };
  } finally {
    master.dispose();
  }
}
