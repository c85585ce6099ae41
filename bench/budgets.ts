/**
 * npm run bench:budgets [-- --sets 20,200 --seeds 5 --passes 2]  (seeds: 5, or 3 from 200 services, by default)
 *
 * What the fleet optimizer's work budgets buy: the speed and fleet quality of advise()'s fleet solves
 * at smaller budgets than the defaults. First runs advise() on the seeded bench workloads (the 20- and
 * 200-service sets of `npm run bench`) and records every fleet solve it asks for (each candidate's
 * levels of the week, with its types and options). Then replays all of them on this thread, once per
 * budget preset: one warm-up pass, then `--passes` timed ones. Per preset it prints the solve time per
 * workload (all its candidates' fleets, one after another on one thread) as a ratio to the defaults'
 * in the same run, the summed hourly cost of every fleet, and the gap to the proven bound of each
 * solve's peak fleet (its costliest level, what `fleet.peakGap` reports) and of its other levels.
 *
 * The last preset does no search at all: the lower bound (column generation), the greedy packer and
 * the local search. It is the floor of the LP-based pipeline: no budget setting makes a solve cheaper.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { advise } from '../src/advisor/advise.js';
import type {
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  PricedInstanceType,
} from '../src/optimizer/fleet-types.js';
import { optimizeFleets } from '../src/optimizer/optimize-fleet.js';
import { stopSolverThread } from '../src/optimizer/runtime/solver-thread.js';
import { DEFAULT_SOLVE_LIMITS, type SolveLimits } from '../src/optimizer/search/solve-limits.js';
import { createFleetSolver } from '../src/sizing/fleet-solver.js';
import { formatMs, wholeNumberFlag } from './stats.js';
import { generateWorkload } from './workload-generator.js';

const { values } = parseArgs({
  options: {
    sets: { type: 'string', default: '20,200' },
    seeds: { type: 'string' },
    passes: { type: 'string', default: '2' },
  },
});
const SETS = values.sets.split(',').map((s) => wholeNumberFlag('--sets', s.trim()));
/** Seeds 1..n per set: `--seeds`, else as `npm run bench` has them (5, or 3 from 200 services up). */
const seedsFor = (services: number) =>
  values.seeds === undefined ? (services >= 200 ? 3 : 5) : wholeNumberFlag('--seeds', values.seeds);
const PASSES = wholeNumberFlag('--passes', values.passes);

/** One fleet solve advise() asked for: every level of one candidate's week. */
interface Solve {
  levels: FleetTaskGroup[][];
  types: PricedInstanceType[];
  options: FleetOptions;
}

/** The search budgets: everything in SolveLimits that counts search work (not the bound's rounds). */
const SEARCH_BUDGETS = [
  'diveSteps',
  'columnSearchWork',
  'exactRepackRounds',
  'exactRepackWork',
  'repackRounds',
  'repackStall',
  'quickExactWork',
  'exactWork',
] as const satisfies readonly (keyof SolveLimits)[];

function scaled(factor: number): SolveLimits {
  const limits: SolveLimits = { ...DEFAULT_SOLVE_LIMITS };
  for (const key of SEARCH_BUDGETS) limits[key] = Math.max(1, Math.round(DEFAULT_SOLVE_LIMITS[key] * factor));
  return limits;
}

const PRESETS: { label: string; limits: SolveLimits }[] = [
  { label: 'defaults (what advise() uses)', limits: { ...DEFAULT_SOLVE_LIMITS } },
  { label: 'search budgets × 1/2', limits: scaled(0.5) },
  { label: 'search budgets × 1/4', limits: scaled(0.25) },
  {
    label: 'no search: bound, greedy, local search',
    limits: {
      ...DEFAULT_SOLVE_LIMITS,
      ...Object.fromEntries(SEARCH_BUDGETS.map((key) => [key, 0])),
      repackStall: 1,
      // A later level keeps the fleet carried from the level before, whatever its gap.
      followUpGap: Number.POSITIVE_INFINITY,
    },
  },
];

/** Runs advise() on each workload with the default solver, and keeps every fleet solve it asks for. */
async function record(workloads: unknown[]): Promise<Solve[]> {
  const solves: Solve[] = [];
  const base = createFleetSolver();
  const solver = Object.assign(base.bind(null), {
    solveLevels: (levels: FleetTaskGroup[][], types: PricedInstanceType[], options: FleetOptions) => {
      solves.push({ levels, types, options });
      return base.solveLevels(levels, types, options);
    },
  });
  for (const workload of workloads) await advise(workload, { fleetSolver: solver });
  return solves;
}

interface Replay {
  /** Wall-clock time of one pass over every solve, per workload, ms (one per timed pass). */
  msPerWorkload: number[];
  hourlyUsd: number;
  peakGaps: number[];
  otherGaps: number[];
}

async function replayOnce(solves: readonly Solve[], limits: SolveLimits): Promise<FleetPlan[][]> {
  const plans: FleetPlan[][] = [];
  for (const solve of solves) {
    plans.push(
      await optimizeFleets(solve.levels, solve.types, { ...solve.options, limits, useWorker: false }),
    );
  }
  return plans;
}

async function replay(solves: readonly Solve[], workloads: number, limits: SolveLimits): Promise<Replay> {
  const plans = await replayOnce(solves, limits);
  const result: Replay = { msPerWorkload: [], hourlyUsd: 0, peakGaps: [], otherGaps: [] };
  for (const week of plans) {
    const placed = week.filter((plan) => plan.nodes.length > 0);
    const peak = placed.reduce<FleetPlan | null>(
      (best, plan) => (best === null || Number(plan.hourlyUsd) > Number(best.hourlyUsd) ? plan : best),
      null,
    );
    for (const plan of placed) {
      result.hourlyUsd += Number(plan.hourlyUsd);
      (plan === peak ? result.peakGaps : result.otherGaps).push(plan.gap);
    }
  }
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    await replayOnce(solves, limits);
    result.msPerWorkload.push((performance.now() - started) / workloads);
  }
  return result;
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const gaps = (xs: readonly number[]) =>
  xs.length === 0
    ? 'none'
    : `${pct(median(xs))} / ${pct(Math.max(...xs))}, ${xs.filter((g) => g > 0.03).length} > 3 %`;

const HEADER = [
  'Budgets',
  'Solve time per workload',
  'vs defaults',
  'Σ $/h',
  'Peak gap median / worst',
  "Other levels' gap median / worst",
];

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

const started = performance.now();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
console.log(`Berth budget benchmark (node ${process.version}, ${new Date().toISOString()})`);
console.log(`load average at start (1 / 5 / 15 min): ${load()}`);
for (const services of SETS) {
  const seeds = seedsFor(services);
  const workloads = Array.from({ length: seeds }, (_, i) => generateWorkload(services, i + 1));
  const solves = await record(workloads);
  console.log(
    `\n${services} services, seeds 1-${seeds}: ${solves.length} fleet solves (${solves.reduce((n, s) => n + s.levels.length, 0)} levels), replayed on one thread, ${PASSES} timed passes after a warm-up`,
  );
  const rows: string[][] = [];
  let reference = 0;
  for (const preset of PRESETS) {
    const result = await replay(solves, workloads.length, preset.limits);
    const ms = median(result.msPerWorkload);
    if (reference === 0) reference = ms;
    rows.push([
      preset.label,
      formatMs(ms),
      `${(ms / reference).toFixed(2)}×`,
      result.hourlyUsd.toFixed(4),
      gaps(result.peakGaps),
      gaps(result.otherGaps),
    ]);
  }
  printTable(HEADER, rows);
}
await stopSolverThread();
console.log(
  `\nload average at end (1 / 5 / 15 min): ${load()}; took ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
