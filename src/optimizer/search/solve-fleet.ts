/**
 * @module solve-fleet: the full solve on one thread. First without the LP: greedy packing, local search,
 * and for small problems an exact search priced by the share bound's duals. If that does not prove the
 * fleet within the target gap: column generation (covering-master's simplex) for the bound, then the
 * greedy packer at the LP duals, an LP dive, the exact search at the LP duals and a repack search for a better fleet.
 * Every step is bounded by a count (SolveLimits), never by the time it took, so the same problem gives
 * the same fleet on any machine; the solve stops as soon as the fleet is proven within the target gap.
 */
import { carryColumns, carryDuals, carryFleet } from '../model/carry-over.js';
import { type FleetProblem, taskCount } from '../model/integer-model.js';
import { mapPacked } from '../model/lists.js';
import { type Pattern, patternKey } from '../model/pattern.js';
import {
  costOf,
  downsizeNodes,
  enforceMinNodes,
  findPlacementError,
  type PlacedNode,
} from '../model/placement.js';
import { residualProblem } from '../model/residual-problem.js';
import { ColumnFinder, columnPass } from './column-finder.js';
import {
  type ColumnGenerationResult,
  type DualProof,
  dualProof,
  generateColumns,
  singletonPatterns,
} from './column-generation.js';
import { CoveringMaster } from './covering-master.js';
import { packExactly, packFromColumns } from './exact-packing.js';
import { repackExactly } from './exact-repack.js';
import { packGreedy } from './greedy-pack.js';
import { solveHeuristic } from './heuristic.js';
import { improveFleet } from './local-search.js';
import { diveWithColumns } from './lp-dive.js';
import { repackSearch } from './repack-search.js';
import { DEFAULT_SOLVE_LIMITS, SafetyClock, type SolveLimits, type StopReason } from './solve-limits.js';

/**
 * What proved a solution's lower bound: the share bound (no LP), the LP duals carried from the week's largest
 * level, column generation on this level, or an exact search that finished (the bound is then the optimum).
 */
export type BoundSource = 'share' | 'carried' | 'lp' | 'exact';

/**
 * What found a solution's fleet, before local search (and perhaps the re-pack searches) improved it: greedy
 * packing (at the share bound's duals or the LP's), the fleet of the week's level with the most tasks (the
 * one solved first) cut down to this level's tasks, the LP dive, the exact combination of the LP's columns,
 * the exact search stopped at its work limit, or the class split (search/class-split, after the solve).
 */
export type FleetSource =
  | 'greedy'
  | 'first-level'
  | 'dive'
  | 'column-search'
  | 'exact-search'
  | 'class-split';

/** The `method` a fleet found this way reports: 'heuristic' for greedy packing, 'milp' for the LP's searches. */
const METHOD_OF: Record<Exclude<FleetSource, 'first-level'>, FleetSolution['method']> = {
  greedy: 'heuristic',
  dive: 'milp',
  'column-search': 'milp',
  'exact-search': 'milp',
  'class-split': 'milp',
};

export interface FleetSolution {
  nodes: PlacedNode[];
  lowerBound: number;
  boundSource: BoundSource;
  foundBy: FleetSource;
  /** Whether a re-pack search (exact or by value) made the fleet `foundBy` found cheaper. */
  repacked: boolean;
  /** 'heuristic' for greedy packing; 'milp' for the LP's searches; a cut-down fleet keeps its level's. */
  method: 'milp' | 'heuristic';
  notes: string[];
  /** Set when the safety time limit cut the solve short: the fleet may then differ between runs. */
  stoppedBy: StopReason | null;
}

export type ProgressListener = (solution: FleetSolution) => void;

/** A solved problem similar to this one (another traffic level of the same week), to start from. */
export interface PreviousSolve {
  problem: FleetProblem;
  outcome: SolveOutcome;
}

export interface SolveContext {
  limits?: SolveLimits;
  clock?: SafetyClock;
  onProgress?: ProgressListener;
  previous?: PreviousSolve | null;
}

/** A solve's result, and what it leaves for the next similar one: its columns and its duals. */
export interface SolveOutcome {
  solution: FleetSolution;
  columns: Pattern[];
  proof: DualProof | null;
}

/** (cost − bound) / bound, 0 when the bound reaches the cost. */
export function relativeGap(cost: number, bound: number): number {
  if (cost <= bound) return 0;
  return bound > 0 ? (cost - bound) / bound : Number.POSITIVE_INFINITY;
}

/** The share bound's duals as a proof for the exact search: they price no load above its type's price. */
function shareProof(problem: FleetProblem, duals: readonly number[]): DualProof {
  const bound = problem.items.reduce((sum, item, i) => sum + item.demand * duals[i]!, 0);
  return { duals: [...duals], mu: 0, bound };
}

/** The fleet being improved, its proven bound, and the repairs every candidate fleet goes through. */
class Incumbent {
  readonly current: FleetSolution;
  cost: number;

  constructor(
    readonly problem: FleetProblem,
    readonly limits: SolveLimits,
    readonly clock: SafetyClock,
    readonly onProgress: ProgressListener,
  ) {
    const heuristic = solveHeuristic(problem);
    this.current = {
      nodes: heuristic.nodes,
      lowerBound: heuristic.lowerBound,
      boundSource: 'share',
      foundBy: 'greedy',
      repacked: false,
      method: 'heuristic',
      notes: [],
      stoppedBy: null,
    };
    this.cost = costOf(problem, heuristic.nodes);
    this.shareDuals = heuristic.duals;
    onProgress({ ...this.current });
  }

  readonly shareDuals: number[];

  proven(): boolean {
    return relativeGap(this.cost, this.current.lowerBound) <= this.limits.targetGap;
  }

  raiseBound(bound: number, source: BoundSource): void {
    if (bound > this.current.lowerBound) {
      this.current.lowerBound = Math.min(bound, this.cost);
      this.current.boundSource = source;
      this.onProgress({ ...this.current });
    }
  }

  /**
   * Repairs a fleet (local search, spread, downsizing) and keeps it when it is valid and cheaper. `found` says
   * what found it; a re-pack of the current fleet keeps that, and marks it re-packed.
   */
  consider(nodes: readonly PlacedNode[], found: Exclude<FleetSource, 'first-level'> | 'repack'): void {
    this.#consider(
      nodes,
      found === 'repack' ? { repacked: true } : { foundBy: found, repacked: false, method: METHOD_OF[found] },
    );
  }

  /** A fleet cut down from that of the week's level with the most tasks: it keeps that fleet's method. */
  considerCarried(nodes: readonly PlacedNode[], method: FleetSolution['method']): void {
    this.#consider(nodes, { foundBy: 'first-level', repacked: false, method });
  }

  /**
   * Fleets already considered, node by node in order. The repairs are deterministic and the incumbent only
   * gets cheaper, so a fleet seen before cannot be kept now: a search that found nothing better hands back
   * the incumbent, whose local search would otherwise run again for nothing.
   */
  readonly #seen = new Set<string>();

  /** `update`: how the solution says it was found, applied only when the fleet is kept. */
  #consider(
    nodes: readonly PlacedNode[],
    update: Partial<Pick<FleetSolution, 'foundBy' | 'repacked' | 'method'>>,
  ): void {
    const key = mapPacked(nodes, patternKey).join(' ');
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const problem = this.problem;
    const improved = improveFleet(problem, nodes, this.limits.localMoves, this.clock);
    const repaired = downsizeNodes(problem, enforceMinNodes(problem, improved));
    const cost = costOf(problem, repaired);
    if (cost < this.cost - 1e-9 && findPlacementError(problem, repaired) === null) {
      Object.assign(this.current, { nodes: repaired, ...update });
      this.cost = cost;
      this.onProgress({ ...this.current });
    }
  }

  /** Runs the exact search; when it finishes, the fleet it leaves is optimal. */
  packExactly(proof: DualProof, maxWork: number, maxTasks = this.limits.exactMaxTasks): void {
    if (maxWork <= 0 || this.clock.expired() || taskCount(this.problem) > maxTasks) return;
    const exact = packExactly(this.problem, proof, this.cost, maxWork);
    if (!exact) return;
    if (exact.nodes) this.consider(exact.nodes, 'exact-search');
    // Finished: no fleet is cheaper than the optimum it found (or than the incumbent).
    if (exact.complete) this.raiseBound(exact.cost, 'exact');
  }

  /** A proof carried from another problem, checked against every type of this one. */
  proof: DualProof | null = null;

  finish(columns: Pattern[], proof: DualProof | null = this.proof): SolveOutcome {
    if (this.clock.fired) this.current.stoppedBy = 'safety-time-limit';
    return { solution: { ...this.current, notes: [...this.current.notes] }, columns, proof };
  }
}

/**
 * The part of the solve that needs no LP solver. Returns the outcome when it proves the fleet within the
 * target gap, else null: then the full solve (which repeats these steps first) must run, with the LP.
 */
export function solveWithoutLp(problem: FleetProblem, context: SolveContext = {}): SolveOutcome | null {
  const incumbent = startSolve(problem, context);
  return incumbent.proven() ? incumbent.finish(carriedColumns(problem, context)) : null;
}

function carriedColumns(problem: FleetProblem, context: SolveContext): Pattern[] {
  const previous = context.previous;
  return previous ? carryColumns(previous.problem, problem, previous.outcome.columns) : [];
}

/**
 * Starts from a solved level's fleet (the week's largest), cut down to this level's tasks (or completed greedily), and
 * from its duals: they bound this level too once scaled by Farley's ratio over this level's types.
 */
function startFromPrevious(incumbent: Incumbent, previous: PreviousSolve): void {
  const { problem, clock } = incumbent;
  const carried = carryFleet(previous.problem, problem, previous.outcome.solution.nodes);
  const rest = carried.left.some((c) => c > 0)
    ? packGreedy(residualProblem(problem, carried.left, 1), incumbent.shareDuals)
    : [];
  incumbent.considerCarried([...carried.nodes, ...rest], previous.outcome.solution.method);
  const proof = previous.outcome.proof;
  if (!proof || incumbent.proven()) return;
  const duals = carryDuals(previous.problem, problem, proof.duals);
  const all = mapPacked(problem.types, (_, t) => t);
  const pass = columnPass(new ColumnFinder(problem), all, { duals, mu: proof.mu }, 'root', clock);
  incumbent.proof = dualProof(problem, { duals, mu: proof.mu }, pass.theta);
  incumbent.raiseBound(incumbent.proof.bound, 'carried');
}

function startSolve(problem: FleetProblem, context: SolveContext): Incumbent {
  const limits = context.limits ?? DEFAULT_SOLVE_LIMITS;
  const clock = context.clock ?? new SafetyClock();
  const incumbent = new Incumbent(problem, limits, clock, context.onProgress ?? (() => {}));
  if (problem.items.length === 0) return incumbent;
  incumbent.consider(incumbent.current.nodes, 'greedy');
  if (context.previous) startFromPrevious(incumbent, context.previous);
  if (!incumbent.proven())
    incumbent.packExactly(shareProof(problem, incumbent.shareDuals), limits.quickExactWork);
  return incumbent;
}

/**
 * The searches for a cheaper fleet, from the master's columns at the given LP duals and proof: an LP dive,
 * the exact combination of the columns (on small fleets), the exact search, the exact re-pack (first level
 * of a week only) and the re-pack search. `share` scales the column search's work and the re-pack rounds.
 */
function searchFleets(
  incumbent: Incumbent,
  master: CoveringMaster,
  finder: ColumnFinder,
  state: { duals: readonly number[]; proof: DualProof | null },
  share: number,
  firstLevel: boolean,
): void {
  const { problem, limits, clock } = incumbent;
  const { duals, proof } = state;
  if (!incumbent.proven())
    incumbent.consider(diveWithColumns(master, finder, limits.diveSteps, clock), 'dive');
  // On a small fleet a second dive, from the vertex a cold start with the other dual rule reaches, often
  // rounds differently (docs/optimizer.md#the-master-lp). The master then starts cold again, as it began.
  if (firstLevel && !incumbent.proven() && incumbent.current.nodes.length <= limits.secondDiveMaxNodes) {
    master.restart('dantzig');
    incumbent.consider(diveWithColumns(master, finder, limits.diveSteps, clock), 'dive');
    master.restart('steepest-edge');
  }
  // Combining the LP's columns exactly pays on small fleets (a shallow search tree).
  let combinedBetter = false;
  if (!incumbent.proven() && proof && incumbent.current.nodes.length <= limits.columnSearchMaxNodes) {
    const before = incumbent.cost;
    const work = Math.ceil(limits.columnSearchWork * share);
    const combined = packFromColumns(problem, proof, incumbent.cost, work, master.patterns);
    if (combined?.nodes) incumbent.consider(combined.nodes, 'column-search');
    combinedBetter = incumbent.cost < before;
  }
  if (!incumbent.proven() && proof) incumbent.packExactly(proof, limits.exactWork);
  // The exact re-pack runs on the first level of a week only: on later levels it cost about 9 % of the
  // 20-service bench's solve time for 0.02 % of its fleets' cost (docs/optimizer.md#re-pack-search).
  if (!incumbent.proven() && proof && firstLevel) {
    const repacked = repackExactly(problem, incumbent.current.nodes, proof, {
      rounds: limits.exactRepackRounds,
      freed: limits.exactRepackFreed,
      work: limits.exactRepackWork,
      clock,
    });
    incumbent.consider(repacked.nodes, 'repack');
  }
  // Re-packing small groups of nodes at the LP duals closes most of what rounding leaves.
  // After a column-search win its savings came in the first rounds on every bench workload, so
  // such a fleet gets the follow-up share of the rounds.
  const rounds = share * (combinedBetter ? limits.followUpRepackShare : 1);
  if (!incumbent.proven()) {
    const repacked = repackSearch(problem, incumbent.current.nodes, duals, {
      maxRounds: Math.ceil(limits.repackRounds * rounds),
      stallRounds: Math.ceil(limits.repackStall * rounds),
      clock,
    });
    incumbent.consider(repacked.nodes, 'repack');
  }
}

export function solveFleetWithColumns(problem: FleetProblem, context: SolveContext = {}): SolveOutcome {
  const incumbent = startSolve(problem, context);
  if (problem.items.length === 0 || incumbent.proven())
    return incumbent.finish(carriedColumns(problem, context));
  const { limits, clock } = incumbent;
  const master = new CoveringMaster(problem);
  const start = [
    ...carriedColumns(problem, context),
    ...incumbent.current.nodes,
    ...singletonPatterns(problem),
  ];
  master.addAll(start);
  const finder = new ColumnFinder(problem);
  const cg = generateColumns(
    master,
    finder,
    // A follow-up level already has a bound (the largest level's duals) and its columns: a few
    // rounds adjust them; the full budget goes to the first level of a week.
    context.previous
      ? { maxRounds: limits.followUpRounds, proveAfter: limits.followUpRounds }
      : { maxRounds: limits.columnRounds, proveAfter: limits.proveAfterRounds },
    clock,
  );
  incumbent.raiseBound(cg.lowerBound, 'lp');
  if (!cg.converged && !context.previous) {
    incumbent.current.notes.push(
      "column generation stopped at its round limit: the lower bound is Farley's bound, not the LP optimum",
    );
  }
  const columns = () => [...master.patterns];
  let proof = cg.proof ?? incumbent.proof;
  if (incumbent.proven()) return incumbent.finish(columns(), proof);
  // The LP duals price tasks better than the share bound's, so the greedy packer gets a second try.
  incumbent.consider(packGreedy(problem, cg.lp.duals), 'greedy');
  // A level that follows another starts from its fleet and columns; the costly searches below run
  // only when what it already has is far from the bound.
  if (context.previous && relativeGap(incumbent.cost, incumbent.current.lowerBound) <= limits.followUpGap) {
    tightenBound(incumbent, master, finder);
    return incumbent.finish(columns(), proof);
  }
  // The first level of a week gets the full search budgets; later ones start from its fleet.
  const follow = context.previous ? limits.followUpRepackShare : 1;
  searchFleets(incumbent, master, finder, { duals: cg.lp.duals, proof: cg.proof }, follow, !context.previous);
  // A later level's bound is Farley's bound at the first level's duals a few rounds on: valid, but often
  // well below its LP optimum. Where the fleet is more than followUpGap above it, column generation runs
  // on from where it stopped; where the fleet is still more than followUpRetryGap above the tighter
  // bound, the searches run once more from the new duals (docs/optimizer.md#the-gaps-a-recommendation-reports).
  let tightened = false;
  if (context.previous && relativeGap(incumbent.cost, incumbent.current.lowerBound) > limits.followUpGap) {
    tightened = true;
    const tighter = columnsToOptimum(incumbent, master, finder);
    if (tighter.proof && (!proof || tighter.proof.bound > proof.bound)) proof = tighter.proof;
    if (relativeGap(incumbent.cost, incumbent.current.lowerBound) > limits.followUpRetryGap) {
      incumbent.consider(packGreedy(problem, tighter.lp.duals), 'greedy');
      const state = { duals: tighter.lp.duals, proof: tighter.proof ?? cg.proof };
      searchFleets(incumbent, master, finder, state, limits.followUpRepackShare, false);
    }
  }
  // Small problems still far from their bound: the LP bound is often what is off, and a longer exact
  // search often finishes and proves the fleet optimal (docs/optimizer.md#small-fleets-and-the-exact-rescue).
  if (proof && relativeGap(incumbent.cost, incumbent.current.lowerBound) > limits.followUpRetryGap)
    incumbent.packExactly(proof, limits.rescueExactWork, limits.rescueMaxTasks);
  if (context.previous && !tightened) tightenBound(incumbent, master, finder);
  return incumbent.finish(columns(), proof);
}

/**
 * Solves one level of a week: the first from scratch; a later one warm-started from the first
 * (`solveFleetWithColumns`) and, where it holds at least `freshSolveMinTasks` tasks and its fleet is still more
 * than `freshSolveGap` above its bound, once more from scratch, as a first level is. The two solves start from
 * different fleets and duals (the first level's fleet cut down, and the level's own LP), and each finds the
 * cheaper fleet on some levels; the cheaper fleet and the higher of the two proven bounds are kept
 * (docs/optimizer.md#a-second-solve-from-scratch).
 */
export function solveLevel(problem: FleetProblem, context: SolveContext = {}): SolveOutcome {
  const warm = solveFleetWithColumns(problem, context);
  const limits = context.limits ?? DEFAULT_SOLVE_LIMITS;
  const warmCost = costOf(problem, warm.solution.nodes);
  if (
    !context.previous ||
    warm.solution.stoppedBy !== null ||
    taskCount(problem) < limits.freshSolveMinTasks ||
    relativeGap(warmCost, warm.solution.lowerBound) <= limits.freshSolveGap
  )
    return warm;
  const onProgress = context.onProgress ?? (() => {});
  // Progress goes on reporting the best fleet so far: the second solve's only when it is cheaper.
  const fresh = solveFleetWithColumns(problem, {
    ...context,
    previous: null,
    onProgress: (solution) => {
      const cost = costOf(problem, solution.nodes);
      if (cost < warmCost - 1e-9) onProgress(betterOf(warm.solution, warmCost, solution, cost));
    },
  });
  const solution = betterOf(warm.solution, warmCost, fresh.solution, costOf(problem, fresh.solution.nodes));
  const fromFresh = solution.nodes === fresh.solution.nodes;
  return { ...(fromFresh ? fresh : warm), solution };
}

/**
 * The cheaper of two solutions of one problem (the first on a tie), with the higher of their bounds (each is
 * proven for the problem, so the higher is too) and the notes of the solve that proved it.
 */
function betterOf(
  first: FleetSolution,
  firstCost: number,
  second: FleetSolution,
  secondCost: number,
): FleetSolution {
  const fleet = secondCost < firstCost - 1e-9 ? second : first;
  const bound = second.lowerBound > first.lowerBound ? second : first;
  return {
    ...fleet,
    lowerBound: Math.min(bound.lowerBound, Math.min(firstCost, secondCost)),
    boundSource: bound.boundSource,
    notes: [...bound.notes],
    stoppedBy: first.stoppedBy ?? second.stoppedBy,
  };
}

/**
 * A later level's bound run on to its LP optimum (`boundGap`), after its last search: the fleet is final, so
 * only the bound and the gap it reports move. The class split and the exact rescue read gaps above
 * `followUpRetryGap`, which a level that stopped within `followUpGap` is not.
 */
function tightenBound(incumbent: Incumbent, master: CoveringMaster, finder: ColumnFinder): void {
  if (relativeGap(incumbent.cost, incumbent.current.lowerBound) <= incumbent.limits.boundGap) return;
  columnsToOptimum(incumbent, master, finder);
}

/** A later level's column generation run on from where it stopped, to the LP optimum; its bound raises the level's. */
function columnsToOptimum(
  incumbent: Incumbent,
  master: CoveringMaster,
  finder: ColumnFinder,
): ColumnGenerationResult {
  const { limits, clock } = incumbent;
  const result = generateColumns(
    master,
    finder,
    { maxRounds: limits.columnRounds, proveAfter: limits.followUpRounds },
    clock,
  );
  incumbent.raiseBound(result.lowerBound, 'lp');
  return result;
}
