/**
 * @module class-split: a second try for a level whose fleet ended far above its bound, where tasks that may
 * run on either architecture (or GPU model) were divided badly between node classes. Each node class is
 * solved apart, with its share of those tasks fixed: as in the level's own fleet, or as in another level
 * of the same week, scaled to this level's demand. The cheapest valid fleet found replaces the level's
 * (docs/optimizer.md#dividing-tasks-between-architectures). Pure functions: the caller solves the parts.
 */
import { type FleetProblem, taskCount } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import {
  costOf,
  downsizeNodes,
  enforceMinNodes,
  findPlacementError,
  type PlacedNode,
} from '../model/placement.js';
import { residualProblem } from '../model/residual-problem.js';
import { type FleetSolution, relativeGap } from './solve-fleet.js';
import type { SolveLimits } from './solve-limits.js';

/** How each item's tasks are divided between the problem's node classes: split[i][c]. */
export type ClassSplit = number[][];

/** The problem's node classes (ProblemType.compatibility), in a fixed order. */
export function nodeClasses(problem: FleetProblem): string[] {
  return [...new Set(mapPacked(problem.types, (type) => type.compatibility))].sort();
}

/** Whether some item may run on types of two classes or more: only then can the tasks be divided otherwise. */
export function canSplit(problem: FleetProblem): boolean {
  const classes = nodeClasses(problem);
  if (classes.length < 2) return false;
  return problem.items.some((_, i) => {
    const seen = new Set<string>();
    for (const type of problem.types) if (type.accepts[i]) seen.add(type.compatibility);
    return seen.size > 1;
  });
}

/** The split of a fleet: how many of each item's tasks run on nodes of each class. */
export function splitOf(problem: FleetProblem, nodes: readonly PlacedNode[]): ClassSplit {
  const classes = nodeClasses(problem);
  const split = mapPacked(problem.items, () => filled(classes.length, 0));
  for (const node of nodes) {
    const c = classes.indexOf(problem.types[node.type]!.compatibility);
    node.counts.forEach((count, i) => {
      split[i]![c]! += count;
    });
  }
  return split;
}

/**
 * `shares` (one count per class, summing to `from`) scaled to `to` tasks: each class gets its share rounded
 * down, and the tasks left go one each to the classes with the largest remainders (the first of equal ones).
 * Whole numbers throughout, so equal remainders are equal.
 */
export function scaleShares(shares: readonly number[], from: number, to: number): number[] {
  const scaled = mapPacked(shares, (count) => Math.floor((count * to) / from));
  let left = to - scaled.reduce((sum, count) => sum + count, 0);
  const order = mapPacked(shares, (count, c) => ({ c, rest: (count * to) % from })).sort(
    (a, b) => b.rest - a.rest || a.c - b.c,
  );
  for (const { c } of order) {
    if (left <= 0) break;
    scaled[c]! += 1;
    left -= 1;
  }
  return scaled;
}

/**
 * Another level's split carried over to `problem`: each item of the same key is divided between the node
 * classes both levels have in the same proportions, scaled to this level's demand; an item the other level
 * does not run there keeps `own`'s division. (Two levels of a week may keep different classes: dominance
 * pruning drops a class whose types another class beats for a level's items.) Null when the result puts
 * tasks on a class with no type that runs them.
 */
export function carrySplit(
  problem: FleetProblem,
  own: ClassSplit,
  source: FleetProblem,
  sourceSplit: ClassSplit,
): ClassSplit | null {
  const classes = nodeClasses(problem);
  const sourceClasses = nodeClasses(source);
  const column = mapPacked(classes, (name) => sourceClasses.indexOf(name));
  const byKey = new Map(mapPacked(source.items, (item, j) => [item.key, j] as const));
  const split = mapPacked(problem.items, (item, i) => {
    const j = byKey.get(item.key);
    const shares = mapPacked(column, (c) => (j === undefined || c < 0 ? 0 : sourceSplit[j]![c]!));
    const from = shares.reduce((sum, count) => sum + count, 0);
    return from === 0 ? [...own[i]!] : scaleShares(shares, from, item.demand);
  });
  const runs = mapPacked(classes, (name) =>
    mapPacked(problem.items, (_, i) => problem.types.some((t) => t.compatibility === name && t.accepts[i])),
  );
  for (let i = 0; i < split.length; i++)
    for (let c = 0; c < classes.length; c++) if (split[i]![c]! > 0 && !runs[c]![i]) return null;
  return split;
}

/** One class's part of a split: its types, and the tasks the split gives it (other items at 0). */
export interface ClassPart {
  /** Index in nodeClasses(problem). */
  classIndex: number;
  problem: FleetProblem;
  /** typeIndex[t]: the index in the whole problem of the part's type t. */
  typeIndex: number[];
}

/** The parts a split makes, one per class that gets tasks; each is an ordinary fleet problem. */
export function splitParts(problem: FleetProblem, split: ClassSplit): ClassPart[] {
  const classes = nodeClasses(problem);
  const parts: ClassPart[] = [];
  classes.forEach((name, c) => {
    const demands = mapPacked(split, (shares) => shares[c]!);
    if (demands.every((demand) => demand === 0)) return;
    const typeIndex = problem.types.flatMap((type, t) => (type.compatibility === name ? [t] : []));
    parts.push({
      classIndex: c,
      problem: {
        ...residualProblem(problem, demands, 1),
        types: mapPacked(typeIndex, (t) => problem.types[t]!),
        unplaceable: [],
        notes: [],
      },
      typeIndex,
    });
  });
  return parts;
}

/** A key that is the same for the same part (same class, same demands): parts shared by two splits are solved once. */
export function partKey(part: ClassPart): string {
  return `${part.classIndex}:${mapPacked(part.problem.items, (item) => item.demand).join(',')}`;
}

/**
 * The fleet the parts' fleets make together, in the whole problem's type indices, with its cost. The parts do
 * not see the spread's node count: a fleet short of it has its busiest nodes split as the solve's own fleets
 * do, and every node then goes to the cheapest type that holds its tasks. Null when it still breaks a rule.
 */
export function joinParts(
  problem: FleetProblem,
  parts: readonly ClassPart[],
  fleets: readonly (readonly PlacedNode[])[],
): { nodes: PlacedNode[]; cost: number } | null {
  const nodes: PlacedNode[] = [];
  parts.forEach((part, k) => {
    for (const node of fleets[k]!) nodes.push({ type: part.typeIndex[node.type]!, counts: [...node.counts] });
  });
  const repaired = downsizeNodes(problem, enforceMinNodes(problem, nodes));
  if (findPlacementError(problem, repaired) !== null) return null;
  return { nodes: repaired, cost: costOf(problem, repaired) };
}

/**
 * The splits to try for level `k` of a week (`levels[k]` with its fleet `fleets[k]`), in order: its own fleet's,
 * then each other level's in the order given, without repeats.
 */
export function splitsToTry(
  levels: readonly FleetProblem[],
  fleets: readonly (readonly PlacedNode[] | null)[],
  k: number,
): { split: ClassSplit; from: number }[] {
  const problem = levels[k]!;
  const own = splitOf(problem, fleets[k]!);
  const tried = new Set<string>();
  const out: { split: ClassSplit; from: number }[] = [];
  const add = (split: ClassSplit | null, from: number) => {
    if (!split) return;
    const key = JSON.stringify(split);
    if (tried.has(key)) return;
    tried.add(key);
    out.push({ split, from });
  };
  add(own, k);
  levels.forEach((source, m) => {
    const fleet = fleets[m];
    if (m === k || !fleet) return;
    add(carrySplit(problem, own, source, splitOf(source, fleet)), m);
  });
  return out;
}

/**
 * The work limits of a part's solve: a week's first-level solve, with the follow-up share of the re-pack
 * search's rounds and without the exact re-pack and the second dive. On the bench's and 40 unseen 20-service
 * workloads' levels the parts found the same fleets as at the full budgets, in about a third less time
 * (docs/optimizer.md#dividing-tasks-between-architectures).
 */
export function partLimits(limits: SolveLimits): SolveLimits {
  const share = limits.followUpRepackShare;
  return {
    ...limits,
    repackRounds: Math.ceil(limits.repackRounds * share),
    repackStall: Math.ceil(limits.repackStall * share),
    exactRepackRounds: 0,
    secondDiveMaxNodes: 0,
  };
}

/** A part's fleet from the caller's solver, or null when its solve failed or was stopped. */
export interface PartFleet {
  nodes: PlacedNode[] | null;
  /** Whether the safety stop cut the part's solve short (its fleet may then differ between runs). */
  stopped: boolean;
}

/** What a part's solver may read of where the part stands in its level's split. */
export interface PartOrder {
  /**
   * Tasks of the parts of the splits tried after this part's, which may wait for its fleet: the solver
   * threads' queue counts them with the part's own, so a level's earlier splits go first (nextBatch).
   */
  tasksAfter: number;
  /** Aborted once the level's split has ended: a part still waiting for a thread is then not solved. */
  signal: AbortSignal;
}

export type PartSolver = (part: FleetProblem, order: PartOrder) => Promise<PartFleet>;

/** A level after the pass: its solution (replaced when a split found a cheaper fleet) and the time the pass spent on it. */
export interface SplitPassLevel {
  solution: FleetSolution | null;
  ms: number;
}

/** For each try, the tasks of the parts of the tries after it (a part two tries share counts once, at its first). */
function tasksOfLaterTries(partsOf: readonly (readonly ClassPart[])[]): number[] {
  const seen = new Set<string>();
  const own = mapPacked(partsOf, (parts) => {
    let tasks = 0;
    for (const part of parts) {
      const key = partKey(part);
      if (seen.has(key)) continue;
      seen.add(key);
      tasks += taskCount(part.problem);
    }
    return tasks;
  });
  const after = filled(own.length, 0);
  for (let j = own.length - 2; j >= 0; j--) after[j] = after[j + 1]! + own[j + 1]!;
  return after;
}

/**
 * The class-split pass over a week's levels (largest first, as solved). A level whose fleet is more than
 * `limits.followUpRetryGap` above its bound, with tasks more than one node class may run, tries the first
 * `limits.classSplitTries` splits of splitsToTry in order, each class's part solved by `solvePart` (parts repeated between splits are solved
 * once), until one gives a fleet within that gap. It keeps the cheapest fleet found, if cheaper than its own.
 * Every level reads the fleets as they were before the pass, so the levels do not depend on each other's order.
 * A part the safety stop cut short ends the level's split: it keeps its own fleet, even if a split had found a
 * cheaper one (which fleets were found by then depends on timing), and says it was stopped.
 * With `queueAhead` (solver threads), every try's parts go to `solvePart` at once, earlier tries' first in the
 * queue, so the threads solve the next try's parts while the one before is read; the tries are still read in
 * order, and a part not read is never used, so the outcome is the same. When the level's split ends, parts
 * still waiting are dropped (PartOrder.signal). Without it (one thread), each try's parts are asked for
 * only once the try before has been read.
 */
export async function splitPass(
  levels: readonly FleetProblem[],
  solutions: readonly (FleetSolution | null)[],
  limits: SolveLimits,
  solvePart: PartSolver,
  queueAhead = false,
): Promise<SplitPassLevel[]> {
  // A fleet the safety stop cut short may differ between runs: no level takes its division from one.
  const fleets = mapPacked(solutions, (solution) =>
    solution && solution.stoppedBy === null ? solution.nodes : null,
  );
  return Promise.all(
    mapPacked(levels, async (problem, k): Promise<SplitPassLevel> => {
      const solution = solutions[k] ?? null;
      if (!solution || solution.stoppedBy !== null || limits.classSplitTries < 1) return { solution, ms: 0 };
      const bound = solution.lowerBound;
      let best = costOf(problem, solution.nodes);
      // The gap first: canSplit walks every item and type, and most levels end within the gap.
      if (relativeGap(best, bound) <= limits.followUpRetryGap || !canSplit(problem))
        return { solution, ms: 0 };
      const started = performance.now();
      const tries = splitsToTry(levels, fleets, k).slice(0, limits.classSplitTries);
      const partsOf = mapPacked(tries, ({ split }) => splitParts(problem, split));
      const tasksAfter = tasksOfLaterTries(partsOf);
      const solved = new Map<string, Promise<PartFleet>>();
      const ended = new AbortController();
      const request = (j: number) =>
        mapPacked(partsOf[j]!, (part) => {
          const key = partKey(part);
          let fleet = solved.get(key);
          if (!fleet) {
            fleet = solvePart(part.problem, { tasksAfter: tasksAfter[j]!, signal: ended.signal });
            solved.set(key, fleet);
          }
          return fleet;
        });
      if (queueAhead) for (let j = 0; j < partsOf.length; j++) request(j);
      let found: { nodes: PlacedNode[]; from: number } | null = null;
      let stopped = false;
      try {
        for (let j = 0; j < tries.length; j++) {
          const done = await Promise.all(request(j));
          if (done.some((part) => part.stopped)) stopped = true;
          if (stopped) break;
          if (done.some((part) => part.nodes === null)) continue;
          const joined = joinParts(
            problem,
            partsOf[j]!,
            mapPacked(done, (part) => part.nodes!),
          );
          if (joined && joined.cost < best - 1e-9) {
            best = joined.cost;
            found = { nodes: joined.nodes, from: tries[j]!.from };
          }
          if (relativeGap(best, bound) <= limits.followUpRetryGap) break;
        }
      } finally {
        ended.abort();
      }
      const ms = performance.now() - started;
      if (stopped) return { solution: { ...solution, stoppedBy: 'safety-time-limit' }, ms };
      if (!found) return { solution, ms };
      const whose =
        found.from === k
          ? "this level's own fleet"
          : `the fleet of the week's level of ${taskCount(levels[found.from]!)} tasks`;
      return {
        solution: {
          ...solution,
          nodes: found.nodes,
          foundBy: 'class-split',
          method: 'milp',
          repacked: false,
          notes: [
            ...solution.notes,
            `tasks that more than one node class (architecture, GPU model) can run divided as in ${whose}, and each class's nodes solved apart: the fleet was more than ${limits.followUpRetryGap * 100} % above its bound`,
          ],
        },
        ms,
      };
    }),
  );
}
