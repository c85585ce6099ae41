/**
 * npm run bench:budgets [-- --sets 20,200 --seeds 5 --runs 3]
 *
 * What the fleet optimizer's search budgets buy: advise() as `npm run bench` runs it (the built package,
 * dist/: bench/built.ts), on the same seeded
 * 20- and 200-service workloads, once with the default work limits and once each with smaller ones. Per
 * budget preset it prints advise()'s p50 wall-clock time and p50 process CPU time per recommendation (every
 * thread: the solver threads, the garbage collector, the compiler), the p50 as a ratio to the defaults' in
 * the same run, the EC2 candidates' peak fleets' summed hourly cost and lower bound, and the gaps to the
 * proven bound: of each EC2 candidate's peak fleet (`fleet.peakGap`, as `npm run bench` counts them), and
 * of the fleets of the week's other levels, of which a recommendation reports only the typical one
 * (`fleet.typicalGap`) and the week's total (`fleet.weeklyGap`). Those are counted
 * once per fleet solve (candidates may share one), from the solver's answers. On workloads with GPU
 * services a week is two solves (GPU and other nodes), whose levels would be counted part by part; with
 * a second architecture to weigh, every architecture tried is a solve, and the weeks advise() did not
 * keep would be counted too. The bench workloads have neither. The presets' timed runs take
 * turns (one run of every preset, then the next), so load that changes during the run touches them alike.
 *
 * The presets scale the search budgets of SolveLimits: the LP dive (and the fleet size up to which a
 * second dive runs), the column search, the exact search and the two re-pack searches. The
 * column-generation rounds that prove the bound and the local search's moves keep their defaults. A
 * finished exact search also proves a bound, so with smaller exact budgets a bound can come out lower: the
 * summed bound column shows by how much. The last preset does no search at all: the bound, the greedy
 * packer and the local search, each later level starting from the fleet carried from the largest level and
 * skipping the searches whatever its gap.
 *
 * Seeds default to 5 per set (as `npm run bench`'s 20-service set), 3 from 200 services up; runs to 3, 2
 * from 200 up.
 */
import { parseArgs } from 'node:util';
import type {
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  PricedInstanceType,
} from '../src/optimizer/fleet-types.js';
import type { SolveLimits } from '../src/optimizer/search/solve-limits.js';
import { loadBuilt } from './built.js';
import {
  formatMs,
  formatPercent,
  loadAverage,
  machine,
  printTable,
  quantile,
  wholeNumberFlag,
} from './stats.js';
import { generateWorkload } from './workload-generator.js';

// What users run: the built package (bench/built.ts says why not the sources).
const { advise } = await loadBuilt<typeof import('../src/advisor/advise.js')>('advisor/advise.js');
const { stopSolverThread } = await loadBuilt<typeof import('../src/optimizer/runtime/solver-thread.js')>(
  'optimizer/runtime/solver-thread.js',
);
const { DEFAULT_SOLVE_LIMITS } = await loadBuilt<typeof import('../src/optimizer/search/solve-limits.js')>(
  'optimizer/search/solve-limits.js',
);
const { peakPlanOf } = await loadBuilt<typeof import('../src/sizing/ec2-fleet.js')>('sizing/ec2-fleet.js');
const { createFleetSolver } =
  await loadBuilt<typeof import('../src/sizing/fleet-solver.js')>('sizing/fleet-solver.js');

/** The command line's flags, or a one-line message naming the flag that is wrong (exit code 2). */
function readFlags() {
  try {
    const { values } = parseArgs({
      options: {
        sets: { type: 'string', default: '20,200' },
        seeds: { type: 'string' },
        runs: { type: 'string' },
      },
    });
    const sets = values.sets.split(',').map((item) => {
      const n = Number(item.trim());
      if (item.trim() === '' || !Number.isInteger(n) || n < 1)
        throw new Error(`--sets ${values.sets} is invalid: "${item}" is not a whole number ≥ 1 of services`);
      return n;
    });
    return {
      sets,
      seeds: values.seeds === undefined ? undefined : wholeNumberFlag('--seeds', values.seeds),
      runs: values.runs === undefined ? undefined : wholeNumberFlag('--runs', values.runs),
    };
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}

const FLAGS = readFlags();
const SETS = FLAGS.sets;
const seedFlag = FLAGS.seeds;
const runFlag = FLAGS.runs;
const seedsFor = (services: number) => seedFlag ?? (services >= 200 ? 3 : 5);
const runsFor = (services: number) => runFlag ?? (services >= 200 ? 2 : 3);

/** The search budgets of SolveLimits (work counts of the searches for a fleet, not of the bound). */
const SEARCH_BUDGETS = [
  'diveSteps',
  'columnSearchWork',
  'exactRepackRounds',
  'exactRepackWork',
  'repackRounds',
  'repackStall',
  'quickExactWork',
  'exactWork',
  'rescueExactWork',
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
      // A later level keeps the fleet carried from the largest level, whatever its gap.
      followUpGap: Number.POSITIVE_INFINITY,
    },
  },
];

/** advise()'s default fleet solver with other work limits; `solved` receives every week of plans it returns. */
function solverWith(limits: SolveLimits, solved: (plans: FleetPlan[]) => void) {
  const base = createFleetSolver();
  return Object.assign(
    (tasks: FleetTaskGroup[], types: PricedInstanceType[], options: FleetOptions) =>
      base(tasks, types, { ...options, limits }),
    {
      solveLevels: async (levels: FleetTaskGroup[][], types: PricedInstanceType[], options: FleetOptions) => {
        const plans = await base.solveLevels(levels, types, { ...options, limits });
        solved(plans);
        return plans;
      },
    },
  );
}

interface Measured {
  wallMs: number[];
  cpuMs: number[];
  /** Σ of the EC2 candidates' peak hourly costs, and of their lower bounds. */
  peakHourlyUsd: number;
  peakBoundUsd: number;
  peakGaps: number[];
  otherGaps: number[];
}

/** The first advise() of each workload: it warms up, and gives the fleets and their gaps. */
async function firstRun(workloads: readonly unknown[], limits: SolveLimits): Promise<Measured> {
  const measured: Measured = {
    wallMs: [],
    cpuMs: [],
    peakHourlyUsd: 0,
    peakBoundUsd: 0,
    peakGaps: [],
    otherGaps: [],
  };
  const fleetSolver = solverWith(limits, (plans) => {
    const peak = peakPlanOf(plans);
    for (const plan of plans) if (plan !== peak && plan.nodes.length > 0) measured.otherGaps.push(plan.gap);
  });
  for (const workload of workloads) {
    const rec = await advise(workload, { fleetSolver });
    for (const candidate of rec.candidates) {
      const fleet = candidate.cost?.fleet;
      if (!fleet) continue;
      measured.peakGaps.push(fleet.peakGap);
      measured.peakHourlyUsd += Number(fleet.peakHourlyUsd);
      measured.peakBoundUsd += Number(fleet.peakLowerBoundHourlyUsd);
    }
  }
  return measured;
}

const gaps = (xs: readonly number[]) =>
  xs.length === 0
    ? 'none'
    : `${formatPercent(quantile(xs, 0.5))} / ${formatPercent(Math.max(...xs))}, ${xs.filter((g) => g > 0.03).length} of ${xs.length} > 3 %`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const HEADER = [
  'Budgets',
  'advise() p50',
  'vs defaults',
  'CPU p50',
  'Σ peak $/h',
  'Σ peak bound $/h',
  'Peak gap median / worst, above 3 %',
  "Other levels' gap median / worst, above 3 %",
];

const started = performance.now();
console.log(`Berth budget benchmark (node ${process.version}, ${machine()}, ${new Date().toISOString()})`);
console.log(`load average at start (1 / 5 / 15 min): ${loadAverage()}`);
for (const services of SETS) {
  const seeds = seedsFor(services);
  const runs = runsFor(services);
  const workloads = Array.from({ length: seeds }, (_, i) => generateWorkload(services, i + 1));
  const measured: Measured[] = [];
  for (const preset of PRESETS) measured.push(await firstRun(workloads, preset.limits));
  const solvers = PRESETS.map((preset) => solverWith(preset.limits, () => {}));
  for (let run = 0; run < runs; run++) {
    for (const [p, fleetSolver] of solvers.entries()) {
      for (const workload of workloads) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        await advise(workload, { fleetSolver });
        measured[p]!.wallMs.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        measured[p]!.cpuMs.push((used.user + used.system) / 1000);
      }
    }
  }
  const reference = quantile(measured[0]!.wallMs, 0.5);
  const rows = PRESETS.map((preset, p) => {
    const m = measured[p]!;
    const p50 = quantile(m.wallMs, 0.5);
    return [
      preset.label,
      formatMs(p50),
      `${(p50 / reference).toFixed(2)}×`,
      formatMs(quantile(m.cpuMs, 0.5)),
      m.peakHourlyUsd.toFixed(4),
      m.peakBoundUsd.toFixed(4),
      gaps(m.peakGaps),
      gaps(m.otherGaps),
    ];
  });
  console.log(
    `\n${services} services, seeds 1-${seeds}: ${plural(runs, 'timed run')} of each workload per preset, after a first run`,
  );
  printTable(HEADER, rows);
}
await stopSolverThread();
console.log(
  `\nload average at end (1 / 5 / 15 min): ${loadAverage()}; took ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
