/**
 * @module solve-limits: how much work one fleet solve may do, counted in rounds, nodes and moves rather
 * than milliseconds, so the same input gives the same fleet however busy the machine is. The wall
 * clock only backs a safety stop, and a solve that hits it says so.
 */

export interface SolveLimits {
  /**
   * Stop improving once the fleet is proven within this relative gap of the lower bound: 1 %, the median gap
   * issue 10 asks of the fleets advise() returns. At 0.5 % every bench fleet came out the same, for about
   * 15 % more work (docs/optimizer.md#when-a-solve-stops).
   */
  targetGap: number;
  /**
   * A level solved after another of the same week (which hands it its fleet, duals and columns) skips
   * the dive, exact and repack searches when its fleet is already within this gap.
   */
  followUpGap: number;
  /**
   * A later level still more than `followUpGap` above its bound after its searches has its column generation
   * run on to the LP optimum; if its fleet is then more than this above the tighter bound, its searches run
   * once more from the new duals. 3 %: the worst gap issue 10 allows.
   */
  followUpRetryGap: number;
  /**
   * A later level that ends more than this above its bound without having run its column generation on
   * (it stopped within `followUpGap`) runs it on to the LP optimum for its bound alone: its fleet stays as
   * it is, and the gap it reports is to its LP bound, as a first level's is. 1 %: the target gap
   * (docs/optimizer.md#the-gaps-a-recommendation-reports).
   */
  boundGap: number;
  /**
   * A later level of at least `freshSolveMinTasks` tasks whose fleet ends more than `freshSolveGap` above its
   * bound after its warm-started solve is solved again from scratch, as a week's first level is; the cheaper
   * fleet and the higher bound are kept. 1 %: the target gap. 80 tasks: over the bench's 20- and 200-service
   * sets the second solve found a cheaper fleet for 36 of 45 such levels of 90 tasks or more and for 5 of 35
   * of fewer than 60; a second solve of a level of 80+ tasks took about 10–80 ms. +∞ turns it off (docs/optimizer.md#a-second-solve-from-scratch).
   */
  freshSolveGap: number;
  freshSolveMinTasks: number;
  /** Column-generation rounds (one master LP and one pricing pass each) before the bound must be proven. */
  columnRounds: number;
  /** Rounds after which column generation proves its bound even if it has not stalled. */
  proveAfterRounds: number;
  /**
   * Column-generation rounds of a level solved after another of the same week (it starts from its columns and
   * duals); when its column generation later runs on (`followUpRetryGap`), the rounds before it proves a bound.
   */
  followUpRounds: number;
  /** Dive steps (one LP each) before the greedy packer places what is left. */
  diveSteps: number;
  /**
   * A fleet of at most this many nodes, not proven within the target gap after the dive, gets a second dive
   * from another optimal vertex of the master (docs/optimizer.md#the-master-lp).
   */
  secondDiveMaxNodes: number;
  /**
   * Search nodes of the exact combination of the LP's columns (a heuristic: it proves nothing); it runs
   * on fleets of at most `columnSearchMaxNodes` nodes, where its search tree is shallow enough to pay.
   */
  columnSearchWork: number;
  columnSearchMaxNodes: number;
  /**
   * Rounds of the exact re-pack search, nodes freed per round (at most) and search nodes per round. It
   * runs on the first level of a week only. 20 rounds, not 40 (2026-12-02): over the bench's 20- and
   * 200-service sets and 25 unseen workloads it improved 9 fleets, 3 of them after its 20th round
   * (docs/optimizer.md#speed-without-other-fleets).
   */
  exactRepackRounds: number;
  exactRepackFreed: number;
  exactRepackWork: number;
  /**
   * Re-pack rounds of the large-neighbourhood search, and its stop after rounds without a saving. At a
   * stall of 40 or 60 rounds one 200-service bench fleet stayed 3.11 % above its bound; at 80 it found
   * a fleet 2.61 % above (docs/optimizer.md#re-pack-search).
   */
  repackRounds: number;
  repackStall: number;
  /**
   * Share of the column search's work and of the re-pack search's rounds a level solved after another of
   * the same week gets; a fleet the column search improved gets this share of the re-pack rounds too.
   */
  followUpRepackShare: number;
  /** Improving moves of the local search. */
  localMoves: number;
  /**
   * Search nodes of the exact search before the LP (priced by the share bound), and after it; it runs
   * on problems of at most `exactMaxTasks` tasks, where it usually finishes.
   */
  quickExactWork: number;
  exactWork: number;
  exactMaxTasks: number;
  /**
   * A fleet still more than `followUpRetryGap` above its bound at the end of its solve, on a problem of at
   * most `rescueMaxTasks` tasks, gets one more exact search of this many nodes. On such small problems the
   * LP bound is often well below the optimum, and the exact search often finishes: it then proves the
   * fleet optimal (docs/optimizer.md#small-fleets-and-the-exact-rescue).
   */
  rescueExactWork: number;
  rescueMaxTasks: number;
  /**
   * Splits a level still more than `followUpRetryGap` above its bound after its solve tries, each node class
   * solved apart (search/class-split): its own fleet's division of the tasks several classes can run, then
   * the week's other levels', largest first. 0 turns the class split off
   * (docs/optimizer.md#dividing-tasks-between-architectures).
   */
  classSplitTries: number;
}

export const DEFAULT_SOLVE_LIMITS: Readonly<SolveLimits> = {
  targetGap: 0.01,
  followUpGap: 0.02,
  followUpRetryGap: 0.03,
  boundGap: 0.01,
  freshSolveGap: 0.01,
  freshSolveMinTasks: 80,
  columnRounds: 80,
  proveAfterRounds: 40,
  followUpRounds: 3,
  diveSteps: 400,
  secondDiveMaxNodes: 16,
  columnSearchWork: 40_000,
  columnSearchMaxNodes: 16,
  exactRepackRounds: 20,
  exactRepackFreed: 5,
  exactRepackWork: 2000,
  repackRounds: 300,
  repackStall: 80,
  followUpRepackShare: 0.25,
  localMoves: 400,
  quickExactWork: 10_000,
  exactWork: 30_000,
  exactMaxTasks: 30,
  rescueExactWork: 100_000,
  rescueMaxTasks: 40,
  classSplitTries: 6,
};

/** Why a solve stopped short of its work limits: never, or the safety time limit fired. */
export type StopReason = 'safety-time-limit';

/**
 * The safety stop: the only place the solver reads the wall clock. `expired()` turns true once, at the
 * deadline, and stays true; the solve then winds down with what it has and reports `stoppedBy`.
 */
export class SafetyClock {
  #fired = false;

  /**
   * `deadline` is performance.timeOrigin-based ms; +∞ never fires. `onCheck` is called with
   * performance.now() at each check the clock makes (a solver thread sends the progress it held back).
   */
  constructor(
    readonly deadline: number = Number.POSITIVE_INFINITY,
    readonly onCheck?: (now: number) => void,
  ) {}

  expired(): boolean {
    if (this.#fired) {
      // The solve winds down after the stop, and still checks: held progress may go out meanwhile.
      this.onCheck?.(performance.now());
      return true;
    }
    if (this.deadline === Number.POSITIVE_INFINITY) return false;
    const now = performance.now();
    this.onCheck?.(now);
    this.#fired = performance.timeOrigin + now > this.deadline;
    return this.#fired;
  }

  get fired(): boolean {
    return this.#fired;
  }

  /** Records that a solver's own time limit (set from this clock) fired. */
  markFired(): void {
    this.#fired = true;
  }

  /** Seconds to the deadline (for a solver's own time limit); +∞ without one. */
  secondsLeft(): number {
    return Math.max(0, (this.deadline - (performance.timeOrigin + performance.now())) / 1000);
  }
}

/** The note a plan carries when the safety stop cut its solve short. */
export const SAFETY_STOP_NOTE =
  'safety time limit reached: the solver stopped early, so this fleet may differ between runs';
