/**
 * @module exact-packing: proves a fleet optimal, or finds the optimum, by a depth-first search over
 * nodes ("bin completion", Korf 2002, for fleets of several types). Each step takes the first item
 * with tasks left (largest first) and tries every node that could hold some of them: a load of one
 * type, maximal for what is left, at the cheapest type that holds it. Duals that no load of any type
 * beats (a DualProof, bound D) cut the search: a fleet costs at least D plus the reduced costs of its
 * nodes, so branches whose nodes already cost more than the best fleet minus D are dropped. The
 * search counts its work and gives up at a limit; only a finished search proves anything.
 */
import { enumerateLoads, THRESHOLD_SLACK } from '../knapsack/enumerate-loads.js';
import { type CountsEntry, CountsTable, countsHash, sparseHash, termOf } from '../model/counts-table.js';
import type { FleetProblem, ProblemType } from '../model/integer-model.js';
import { filled, mapPacked } from '../model/lists.js';
import { cheapestHolder, type PlacedNode } from '../model/placement.js';
import { knapsackItems, quickBoundLeft } from './column-finder.js';
import type { DualProof } from './column-generation.js';

export interface ExactPacking {
  /** A fleet cheaper than `bestCost`, or null when the search found none. */
  nodes: PlacedNode[] | null;
  /** The cost of the best fleet known at the end (the incumbent's when nodes is null). */
  cost: number;
  /** True when the search finished: then no fleet is cheaper than `cost`. */
  complete: boolean;
  work: number;
}

/** Relative tolerance on costs: fleets cheaper by less than this are not worth a different answer. */
const COST_EPS = 1e-9;
/** Relative margin of rootFallsShort, far above the float error of summing a node's values in another order. */
const ROOT_MARGIN = 1e-9;

/**
 * The search needs every fleet to have at least `minNodes` nodes without a separate row for it: that
 * holds when some item's tasks cannot share fewer nodes (its cap per node forces a spread as wide).
 */
export function spreadIsImplied(problem: FleetProblem): boolean {
  if (problem.minNodes <= 1) return true;
  return problem.items.some((item) => Math.ceil(item.demand / item.maxPerNode) >= problem.minNodes);
}

interface Candidate {
  type: number;
  counts: number[];
  /** Reduced cost at the proof's duals: price − duals · counts − mu (≥ 0 up to float error). */
  reduced: number;
}

/**
 * Lists the nodes that may hold tasks of item `first` next, best-ranked first (by reduced cost, or per
 * dollar of price where `byReducedCost` is false); null aborts. Every node within `budget` (reduced
 * cost) is listed; so may be dearer ones, which the search skips.
 * `ceiling` bounds every budget from now on (best fleet − bound: it only falls).
 */
interface NodeLister {
  /**
   * Whether the options come cheapest in reduced cost first: then the first one over the budget ends a
   * step's options. Otherwise each is checked (docs/optimizer.md#column-combination-search).
   */
  readonly byReducedCost: boolean;
  list(
    first: number,
    left: readonly number[],
    budget: number,
    ceiling: number,
    workLeft: number,
  ): { options: readonly Candidate[] | null; work: number };
}

function reducedCost(
  problem: FleetProblem,
  proof: DualProof,
  type: number,
  counts: readonly number[],
): number {
  let value = 0;
  for (let i = 0; i < counts.length; i++) value += counts[i]! * proof.duals[i]!;
  return Math.max(0, problem.types[type]!.price - proof.mu - value);
}

/**
 * Depth-first search over fleets cheaper than `bestCost`: each step covers tasks of the first item
 * with tasks left (largest items first) with one of the lister's nodes. Branches whose nodes' reduced
 * costs exceed what a cheaper fleet could spend (best − bound) are cut, and so are revisits of the same
 * tasks left at a higher cost. A class, not closures made per call: V8 keeps a method's optimized code,
 * while a closure's is dropped at the next full collection once its call is over and must be compiled
 * again (docs/optimizer.md#jit-in-steady-state).
 */
class FleetSearch {
  readonly #n: number;
  /** Items by size, largest first: they have the fewest places to go. */
  readonly #order: number[];
  readonly #left: number[];
  readonly #chosen: PlacedNode[] = [];
  /** Per state: the lowest cost it was reached at, and the most discrepancies it had left then. */
  #seen = new CountsTable<{ cost: number; spare: number }>();
  #best: PlacedNode[] | null = null;
  #bestSoFar: number;
  #work = 0;
  #aborted = false;
  /** Whether the current pass skipped an option for want of discrepancies (else it searched everything). */
  #cut = false;
  readonly #eps: number;

  constructor(
    readonly problem: FleetProblem,
    readonly proof: DualProof,
    bestCost: number,
    readonly maxWork: number,
    readonly lister: NodeLister,
  ) {
    this.#n = problem.items.length;
    const biggest = problem.types.reduce(
      (big, type) => ({ cpu: Math.max(big.cpu, type.cpu), mem: Math.max(big.mem, type.mem) }),
      { cpu: 1, mem: 1 },
    );
    const size = mapPacked(problem.items, (item) => item.cpu / biggest.cpu + item.mem / biggest.mem);
    this.#order = mapPacked(problem.items, (_, i) => i).sort((a, b) => size[b]! - size[a]! || a - b);
    this.#left = mapPacked(problem.items, (item) => item.demand);
    this.#bestSoFar = bestCost;
    this.#eps = COST_EPS * Math.max(1, bestCost);
  }

  /**
   * Limited discrepancy search (Harvey and Ginsberg 1995): passes allowing 0, 1, 2, ... departures from
   * the best-ranked option, so the work limit is spent near the ranking at every depth, not only deep
   * in the first branch. A pass that skipped nothing searched everything, as one plain pass does.
   */
  run(limitDiscrepancies: boolean): ExactPacking {
    for (let spare = limitDiscrepancies ? 0 : Number.POSITIVE_INFINITY; ; spare++) {
      this.#cut = false;
      this.#seen = new CountsTable();
      this.#search(0, 0, spare);
      if (this.#aborted || !this.#cut) break;
    }
    return { nodes: this.#best, cost: this.#bestSoFar, complete: !this.#aborted, work: this.#work };
  }

  #firstLeft(): number | undefined {
    const left = this.#left;
    for (const i of this.#order) if (left[i]! > 0) return i;
    return undefined;
  }

  #search(spent: number, cost: number, spare: number): void {
    if (this.#aborted) return;
    if (++this.#work > this.maxWork) {
      this.#aborted = true;
      return;
    }
    const { problem, proof } = this;
    const left = this.#left;
    const eps = this.#eps;
    const first = this.#firstLeft();
    if (first === undefined) {
      if (cost < this.#bestSoFar - eps) {
        this.#bestSoFar = cost;
        this.#best = mapPacked(this.#chosen, (node) => ({ type: node.type, counts: [...node.counts] }));
      }
      return;
    }
    // Reaching the same tasks left at a higher cost (and no more freedom) cannot lead anywhere better.
    const hash = countsHash(left);
    const before = this.#seen.find(left, hash);
    if (before !== undefined && before.value.cost <= cost + eps && before.value.spare >= spare) return;
    if (before === undefined) this.#seen.add(left, { cost, spare }, hash);
    else {
      before.value.cost = cost;
      before.value.spare = spare;
    }
    const ceiling = this.#bestSoFar - eps - proof.bound;
    const budget = ceiling - spent;
    if (budget < 0) return;
    const listed = this.lister.list(first, left, budget, ceiling, this.maxWork - this.#work);
    this.#work += listed.work;
    if (listed.options === null) {
      this.#aborted = true;
      return;
    }
    const n = this.#n;
    const options = listed.options;
    for (let k = 0; k < options.length; k++) {
      const option = options[k]!;
      if (this.#aborted) return;
      // Budgets only shrink as better fleets are found: re-check before each branch. Options by reduced
      // cost end at the first one past the budget; options ranked per dollar are each checked.
      if (option.reduced > this.#bestSoFar - eps - proof.bound - spent) {
        if (this.lister.byReducedCost) break;
        continue;
      }
      // Every option but the best-ranked one spends a discrepancy.
      if (k > 0 && spare < 1) {
        this.#cut = true;
        break;
      }
      for (let i = 0; i < n; i++) left[i] = left[i]! - option.counts[i]!;
      this.#chosen.push({ type: option.type, counts: option.counts });
      this.#search(
        spent + option.reduced,
        cost + problem.types[option.type]!.price,
        k > 0 ? spare - 1 : spare,
      );
      this.#chosen.pop();
      for (let i = 0; i < n; i++) left[i] = left[i]! + option.counts[i]!;
    }
  }
}

function byReducedCost(a: Candidate, b: Candidate): number {
  return a.reduced - b.reduced || a.type - b.type;
}

/** A column search's option, with its reduced cost per dollar of its node's price. */
interface RankedCandidate extends Candidate {
  perDollar: number;
}

function byReducedCostPerDollar(a: RankedCandidate, b: RankedCandidate): number {
  return a.perDollar - b.perDollar || a.type - b.type;
}

/**
 * Sorts in place by byReducedCostPerDollar, keeping equal candidates in their order, as
 * Array.prototype.sort does: an insertion sort, because a state lists a dozen or so options and the
 * comparator calls dominated.
 */
function sortByReducedCostPerDollar(options: RankedCandidate[]): void {
  for (let x = 1; x < options.length; x++) {
    const option = options[x]!;
    let y = x - 1;
    while (y >= 0 && byReducedCostPerDollar(options[y]!, option) > 0) {
      options[y + 1] = options[y]!;
      y--;
    }
    options[y + 1] = option;
  }
}

/**
 * Whether enumerateLoads, given this type's knapsack of the tasks left, would stop at its root (one node,
 * no load): the quick bound (quickBoundLeft) falls short of the threshold, and the root's own bounds are no
 * higher. Read in place, without building the knapsack. A margin far above float error leaves near ties to the listing, so the
 * answer is always the listing's. `first` is the item every load must hold, one the type accepts: false
 * when it cannot fit (the listing then counts no node).
 */
export function rootFallsShort(
  problem: FleetProblem,
  type: ProblemType,
  first: number,
  left: readonly number[],
  duals: readonly number[],
  minValue: number,
): boolean {
  const firstItem = problem.items[first]!;
  const firstFits =
    Math.min(firstItem.maxPerNode, left[first]!) > 0 &&
    firstItem.cpu <= type.cpu &&
    firstItem.mem <= type.mem &&
    firstItem.gpu <= type.gpu;
  if (type.tasks <= 0 || !firstFits) return false;
  const most = quickBoundLeft(problem, type, left, duals);
  if (most === null) return false;
  const threshold = minValue - THRESHOLD_SLACK * Math.max(1, Math.abs(minValue));
  return most < threshold - ROOT_MARGIN * Math.max(1, Math.abs(threshold));
}

/**
 * Every maximal load of every type that holds the first item's tasks (complete, so a finished search
 * proves its answer optimal).
 */
class LoadLister implements NodeLister {
  readonly byReducedCost = true;

  constructor(
    readonly problem: FleetProblem,
    readonly proof: DualProof,
  ) {}

  list(first: number, left: readonly number[], budget: number, _ceiling: number, workLeft: number) {
    const { problem, proof } = this;
    const n = problem.items.length;
    const found: Candidate[] = [];
    let work = 0;
    for (let t = 0; t < problem.types.length; t++) {
      const type = problem.types[t]!;
      if (!type.accepts[first]) continue;
      // Most listings end at their root, worth too little; those the quick bounds show (87 % of all
      // listings on the 20-service bench) are settled here without building them, at the one unit of
      // work the listing would have counted.
      if (
        workLeft - work >= 1 &&
        rootFallsShort(problem, type, first, left, proof.duals, type.price - proof.mu - budget)
      ) {
        work += 1;
        continue;
      }
      const usable: number[] = [];
      for (const i of type.items) if (left[i]! > 0) usable.push(i);
      const items = knapsackItems(problem, usable, proof.duals, (i) =>
        Math.min(problem.items[i]!.maxPerNode, left[i]!),
      );
      const listed = enumerateLoads(items, type, type.price - proof.mu - budget, {
        maxLoads: Number.MAX_SAFE_INTEGER,
        maxNodes: workLeft - work,
        required: usable.indexOf(first),
      });
      work += listed.nodes;
      if (!listed.complete) return { options: null, work };
      for (const load of listed.loads) {
        const counts = filled<number>(n, 0);
        for (let k = 0; k < usable.length; k++) counts[usable[k]!] = load[k]!;
        // The same load on a cheaper type is at least as good: keep only the cheapest holder's. That
        // also lists each load once: one type's loads differ, and a load has one cheapest holder.
        if (cheapestHolder(problem, counts) !== t) continue;
        found.push({ type: t, counts, reduced: reducedCost(problem, proof, t, counts) });
      }
    }
    return { options: found.sort(byReducedCost), work };
  }
}

/**
 * Searches every fleet cheaper than `bestCost`, listing at each step every maximal load of every type
 * that holds the first item's tasks (complete, so a finished search proves its answer optimal). Null
 * when the spread is not implied (the search cannot account for it).
 */
export function packExactly(
  problem: FleetProblem,
  proof: DualProof,
  bestCost: number,
  maxWork: number,
): ExactPacking | null {
  if (!spreadIsImplied(problem)) return null;
  return new FleetSearch(problem, proof, bestCost, maxWork, new LoadLister(problem, proof)).run(false);
}

interface KnownLoad {
  candidate: RankedCandidate | null;
  /** The step that last listed this load (a load is listed once a step). */
  step: number;
}

/** A column as the lister reads it: its items and counts there (aligned), and its entry uncut. */
interface Holder {
  items: Int32Array;
  counts: Int32Array;
  whole: CountsEntry<KnownLoad>;
}

/**
 * The given columns, each cut to the tasks left and moved to the cheapest type that holds it. The same
 * cut-down loads come up again and again: their holder and reduced cost are kept, with the step that
 * last listed them.
 */
class ColumnLister implements NodeLister {
  /** Options come by reduced cost per dollar (docs/optimizer.md#column-combination-search). */
  readonly byReducedCost = false;
  readonly #known = new CountsTable<KnownLoad>();
  /**
   * By item: the columns holding it. While every count of a column fits what is left (the usual case
   * high in the search), a few comparisons find its entry; a column cut down is looked up by its items.
   */
  readonly #byItem: Holder[][];
  /** Scratch: the counts of the column being cut, at its items. */
  readonly #cut: Int32Array;
  #step = 0;
  /**
   * Every pass of the discrepancy search lists the states the one before it listed: each state's
   * options (best first, within the ceiling when first listed) are kept and cost one unit of work when
   * listed again. Options dearer than the ceiling could never be taken, so they are not kept or sorted.
   */
  readonly #listed = new CountsTable<RankedCandidate[]>();

  constructor(
    readonly problem: FleetProblem,
    readonly proof: DualProof,
    columns: readonly PlacedNode[],
  ) {
    const holders = mapPacked(columns, (column): Holder => {
      const items: number[] = [];
      for (let i = 0; i < column.counts.length; i++) if (column.counts[i]! > 0) items.push(i);
      const counts = new Int32Array(items.length);
      for (let k = 0; k < items.length; k++) counts[k] = column.counts[items[k]!]!;
      return {
        items: new Int32Array(items),
        counts,
        whole: this.#entryOf(column.counts, sparseHash(column.counts, items)),
      };
    });
    this.#byItem = mapPacked(problem.items, (_, i) => holders.filter(({ whole }) => whole.counts[i]! > 0));
    this.#cut = new Int32Array(problem.items.length);
  }

  /** The known entry of a load; `hash` is its countsHash (or sparseHash). A new entry keeps a copy of `counts`. */
  #entryOf(counts: readonly number[], hash: number) {
    return (
      this.#known.find(counts, hash) ??
      this.#newEntry(this.#known.add(counts, { candidate: null, step: 0 }, hash))
    );
  }

  /** Fills in a new entry's candidate: the cheapest type that holds its load, and its reduced cost there. */
  #newEntry(entry: CountsEntry<KnownLoad>) {
    const type = cheapestHolder(this.problem, entry.counts);
    if (type >= 0) {
      const reduced = reducedCost(this.problem, this.proof, type, entry.counts);
      const price = this.problem.types[type]!.price;
      entry.value.candidate = {
        type,
        counts: entry.counts,
        reduced,
        // A free type (never in AWS's prices) wastes nothing per dollar; the guard keeps NaN out.
        perDollar: price > 0 ? reduced / price : 0,
      };
    }
    return entry;
  }

  /** The entry of a column cut to the tasks left (some count is over what is left). */
  #cutEntryOf(holder: Holder, left: readonly number[]) {
    const { items, counts } = holder;
    const cut = this.#cut;
    let hash = 0;
    let nonzero = 0;
    for (let k = 0; k < items.length; k++) {
      const i = items[k]!;
      const count = Math.min(counts[k]!, left[i]!);
      cut[k] = count;
      if (count !== 0) {
        hash = (hash + termOf(i, count)) | 0;
        nonzero++;
      }
    }
    const known = this.#known.findSparse(items, cut, nonzero, hash);
    if (known !== undefined) return known;
    const whole = filled<number>(left.length, 0);
    for (let k = 0; k < items.length; k++) whole[items[k]!] = cut[k]!;
    return this.#newEntry(this.#known.adopt(whole, { candidate: null, step: 0 }, hash, nonzero));
  }

  list(first: number, left: readonly number[], _budget: number, ceiling: number) {
    const hash = countsHash(left);
    const before = this.#listed.find(left, hash);
    if (before !== undefined) return { options: before.value, work: 1 };
    const found: RankedCandidate[] = [];
    const step = ++this.#step;
    const holders = this.#byItem[first]!;
    for (const holder of holders) {
      let entry = holder.whole;
      const { items, counts } = holder;
      for (let k = 0; k < items.length; k++) {
        if (counts[k]! > left[items[k]!]!) {
          entry = this.#cutEntryOf(holder, left);
          break;
        }
      }
      if (entry.value.step === step) continue;
      entry.value.step = step;
      const candidate = entry.value.candidate;
      if (candidate && candidate.reduced <= ceiling) found.push(candidate);
    }
    sortByReducedCostPerDollar(found);
    this.#listed.add(left, found, hash);
    return { options: found, work: holders.length };
  }
}

/**
 * The same search over given loads only (the columns column generation found), each cut to the tasks
 * left and moved to the cheapest type that holds it: a heuristic (it proves nothing about other loads),
 * which often finds a cheaper fleet than rounding the LP because it combines the columns exactly. It runs
 * as a limited discrepancy search (docs/optimizer.md#column-combination-search).
 */
export function packFromColumns(
  problem: FleetProblem,
  proof: DualProof,
  bestCost: number,
  maxWork: number,
  columns: readonly PlacedNode[],
): ExactPacking | null {
  if (!spreadIsImplied(problem)) return null;
  const lister = new ColumnLister(problem, proof, columns);
  return new FleetSearch(problem, proof, bestCost, maxWork, lister).run(true);
}
