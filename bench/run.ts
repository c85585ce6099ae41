/**
 * npm run bench: advise() as users get it (the built package, dist/: bench/built.ts), per workload size (1, 20 and 200 services) and over the
 * example scenarios: p50 and p99 of the wall-clock time, the gaps to the proven bound of the EC2 fleets
 * every EC2 candidate returns: its peak fleet (`fleet.peakGap`; the largest fleet of the week, which sets
 * the starter code's maximum node counts), its typical fleet (`fleet.typicalGap`) and the week's instance
 * cost over every traffic level (`fleet.weeklyGap`, what the monthly EC2 line bills), and the time
 * as a ratio to a baseline run in the same process on the same workloads: advise() with the greedy
 * heuristic fleet solver, which is what a user gets without the optimizer. Ratios carry over to a slower
 * machine better than absolute times; on a busy one both move (the optimizer's threads compete with the
 * load, the baseline's single thread less), so the load average is printed next to them.
 * Workloads: examples/*.yaml and seeded generated ones (bench/workload-generator.ts: steady, diurnal
 * and spiky traffic). Each is run once (its gaps are read then), then timed `runs` times right away: its
 * early calls, while V8 is still compiling the solver for that size. Then the whole set runs
 * `warm-passes` more times untimed and `runs` times timed, one workload after the other: the warm calls,
 * what a long-running process calling `advise()` answers once its first few dozen recommendations have
 * compiled the solver. The first table gives the warm calls, the second the
 * early ones (docs/optimizer.md#which-calls-the-benchmark-times). Both are `advise()` in this process with
 * its solver threads; `berth serve` solves in its advise workers, on one thread each, and
 * `npm run bench:http` measures it. Before any set, one untimed call with each solver on a 1-service
 * workload no set times loads the data.
 *
 * Options: --sets examples,1,20,200 (which sets, default all), --seeds N (generated workloads per set;
 * default 10, 5 and 3), --first-seed N (the first generator seed, default 1: another range gives
 * workloads the search budgets were not tuned on), --runs 3 (timed runs of each, early and warm),
 * --warm-passes 2 (untimed passes over the set between the early and the warm calls).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AdviseOptions } from '../src/advisor/advise.js';
import type { Recommendation } from '../src/model/recommendation.js';
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
const { heuristicFleetSolver } =
  await loadBuilt<typeof import('../src/sizing/fleet-solver.js')>('sizing/fleet-solver.js');
const { parseWorkloadText } = await loadBuilt<typeof import('../src/workload/read.js')>('workload/read.js');

const EXAMPLES = fileURLToPath(new URL('../examples', import.meta.url));

interface Suite {
  label: string;
  /** Which workloads, for the output: the examples, or the generator's seed range. */
  source: string;
  workloads: { name: string; input: unknown }[];
  /** Timed runs of each workload, early (right after its first run) and warm (after `warmPasses`). */
  runs: number;
  /** Untimed passes over the whole set between the early and the warm timed runs. */
  warmPasses: number;
}

/** A set of the command line: its key (`--sets`), label, default timed runs and how to build its workloads. */
interface SuiteSpec {
  key: string;
  label: string;
  runs: number;
  /** Generated sets: services per workload and the default number of seeds. */
  generated?: { services: number; seeds: number };
}

const SPECS: SuiteSpec[] = [
  { key: 'examples', label: 'examples', runs: 3 },
  { key: '1', label: '1 service', runs: 3, generated: { services: 1, seeds: 10 } },
  { key: '20', label: '20 services', runs: 3, generated: { services: 20, seeds: 5 } },
  { key: '200', label: '200 services', runs: 2, generated: { services: 200, seeds: 3 } },
];

/**
 * Untimed passes before the warm calls. With 2, a 20-service workload's warm calls are its 7th to 9th in
 * the process; in ten passes of the five 20-service workloads (2026-12-02, two runs), the p50 per pass fell
 * from 136–190 ms in passes 2–4 to 103–144 ms from the 5th on, and stayed there through the 10th.
 */
const DEFAULT_WARM_PASSES = 2;

const exampleWorkloads = () =>
  readdirSync(EXAMPLES)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({
      name: file,
      input: parseWorkloadText(readFileSync(join(EXAMPLES, file), 'utf8'), file),
    }));

const generated = (services: number, count: number, first: number) =>
  Array.from({ length: count }, (_, i) => first + i).map((seed) => ({
    name: `${services}-services seed ${seed}`,
    input: generateWorkload(services, seed),
  }));

/** The suites the command line asks for: all by default; `--sets` names them ("examples" or a size). */
function selectSuites(argv: string[]): Suite[] {
  const { values } = parseArgs({
    args: argv,
    options: {
      sets: { type: 'string' },
      seeds: { type: 'string' },
      'first-seed': { type: 'string' },
      runs: { type: 'string' },
      'warm-passes': { type: 'string' },
    },
  });
  const count = (name: string, text: string | undefined, min = 1): number | undefined =>
    text === undefined ? undefined : wholeNumberFlag(`--${name}`, text, min);
  const seedCount = count('seeds', values.seeds);
  const firstSeed = count('first-seed', values['first-seed']) ?? 1;
  const runs = count('runs', values.runs);
  const warmPasses = count('warm-passes', values['warm-passes'], 0) ?? DEFAULT_WARM_PASSES;
  const wanted = values.sets?.split(',').map((s) => s.trim());
  for (const key of wanted ?? []) {
    if (!SPECS.some((spec) => spec.key === key))
      throw new Error(`--sets ${key} is unknown: the sets are ${SPECS.map((spec) => spec.key).join(', ')}`);
  }
  return SPECS.filter((spec) => wanted === undefined || wanted.includes(spec.key)).map((spec) => {
    if (!spec.generated)
      return {
        label: spec.label,
        source: 'examples/*.yaml',
        workloads: exampleWorkloads(),
        runs: runs ?? spec.runs,
        warmPasses,
      };
    const seeds = seedCount ?? spec.generated.seeds;
    const last = firstSeed + seeds - 1;
    return {
      label: spec.label,
      source: seeds === 1 ? `seed ${firstSeed}` : `seeds ${firstSeed}–${last}`,
      workloads: generated(spec.generated.services, seeds, firstSeed),
      runs: runs ?? spec.runs,
      warmPasses,
    };
  });
}

function suitesOrExit(): Suite[] {
  try {
    return selectSuites(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}

const SUITES = suitesOrExit();

/** Gaps to the proven bound of the EC2 fleets a recommendation returns, one entry per EC2 candidate. */
interface Gaps {
  /** The peak fleet (`fleet.peakGap`). */
  peak: number[];
  /** The typical fleet (`fleet.typicalGap`), where the week has one. */
  typical: number[];
  /** The week's instance cost over every traffic level (`fleet.weeklyGap`). */
  week: number[];
}

const noGaps = (): Gaps => ({ peak: [], typical: [], week: [] });

function addGaps(to: Gaps, from: Gaps): void {
  to.peak.push(...from.peak);
  to.typical.push(...from.typical);
  to.week.push(...from.week);
}

interface Measured {
  /** Each workload's timed calls right after its first: V8 is still compiling for this size. */
  early: number[];
  /** The timed passes after the warm-up passes. */
  samples: number[];
  gaps: Gaps;
  /** Plans cut short by the safety time limit (their fleets may differ between runs). */
  safetyStops: number;
}

function fleetGaps(rec: Recommendation): { gaps: Gaps; safetyStops: number } {
  const gaps = noGaps();
  let safetyStops = 0;
  for (const candidate of rec.candidates) {
    const fleet = candidate.cost?.fleet;
    if (!fleet) continue;
    gaps.peak.push(fleet.peakGap);
    if (fleet.typicalGap !== null) gaps.typical.push(fleet.typicalGap);
    gaps.week.push(fleet.weeklyGap);
    if (candidate.cost?.notes.some((note) => note.startsWith('safety time limit reached'))) safetyStops += 1;
  }
  return { gaps, safetyStops };
}

async function measure(suite: Suite, options: AdviseOptions): Promise<Measured> {
  const result: Measured = { early: [], samples: [], gaps: noGaps(), safetyStops: 0 };
  const timed = async (input: unknown, into: number[]) => {
    const started = performance.now();
    await advise(input, options);
    into.push(performance.now() - started);
  };
  for (const workload of suite.workloads) {
    const first = fleetGaps(await advise(workload.input, options));
    addGaps(result.gaps, first.gaps);
    result.safetyStops += first.safetyStops;
    for (let run = 0; run < suite.runs; run++) await timed(workload.input, result.early);
  }
  for (let pass = 0; pass < suite.warmPasses; pass++)
    for (const workload of suite.workloads) await advise(workload.input, options);
  for (let run = 0; run < suite.runs; run++)
    for (const workload of suite.workloads) await timed(workload.input, result.samples);
  return result;
}

/** "median / worst" of a list of gaps. */
const medianWorst = (gaps: number[]) =>
  gaps.length === 0
    ? '–'
    : `${formatPercent(quantile(gaps, 0.5)).replace(' %', '')} / ${formatPercent(Math.max(...gaps))}`;

const started = performance.now();
console.log(`Berth benchmark (node ${process.version}, ${machine()}, ${new Date().toISOString()})`);
console.log(`load average at start (1 / 5 / 15 min): ${loadAverage()}`);
console.log(`workloads: ${SUITES.map((suite) => `${suite.label} (${suite.source})`).join('; ')}`);
// One untimed call with each solver on a 1-service workload that no set times (the generator's seed
// 424242), after the load average is read: neither side's early calls in the first set then pay for loading
// the price data, catalogs and rules (the baseline runs first and would otherwise pay alone).
const loading = generateWorkload(1, 424242);
await advise(loading, { fleetSolver: heuristicFleetSolver });
await advise(loading, {});
const timeRows: string[][] = [];
const earlyRows: string[][] = [];
const gapRows: string[][] = [];
const allGaps = noGaps();
let stops = 0;
for (const suite of SUITES) {
  const baseline = await measure(suite, { fleetSolver: heuristicFleetSolver });
  const optimizer = await measure(suite, {});
  addGaps(allGaps, optimizer.gaps);
  stops += optimizer.safetyStops;
  const p50 = quantile(optimizer.samples, 0.5);
  const base50 = quantile(baseline.samples, 0.5);
  const what = `advise ${suite.label}`;
  timeRows.push([
    what,
    `${suite.workloads.length}×${suite.runs}`,
    formatMs(p50),
    formatMs(quantile(optimizer.samples, 0.99)),
    `${(p50 / base50).toFixed(2)}×`,
    formatMs(base50),
  ]);
  const early50 = quantile(optimizer.early, 0.5);
  earlyRows.push([
    what,
    `${suite.workloads.length}×${suite.runs}`,
    formatMs(early50),
    formatMs(quantile(optimizer.early, 0.99)),
    `${(early50 / quantile(baseline.early, 0.5)).toFixed(2)}×`,
    formatMs(quantile(baseline.early, 0.5)),
  ]);
  gapRows.push([
    what,
    String(optimizer.gaps.peak.length),
    medianWorst(optimizer.gaps.peak),
    medianWorst(optimizer.gaps.typical),
    medianWorst(optimizer.gaps.week),
    formatPercent(quantile(baseline.gaps.peak, 0.5)),
  ]);
}
await stopSolverThread();

// Two tables, each narrower than a 100-column terminal: the time, then the fleets' gaps.
const passes = SUITES[0]?.warmPasses ?? DEFAULT_WARM_PASSES;
console.log(`\nTime of advise(), warm: timed after ${passes} untimed passes over each set`);
printTable(['What', 'Runs', 'p50', 'p99', 'vs baseline', 'baseline p50'], timeRows);
console.log("\nTime of advise(), early: each workload's calls right after its first, V8 still compiling");
printTable(['What', 'Runs', 'p50', 'p99', 'vs baseline', 'baseline p50'], earlyRows);
console.log("\nGaps of the EC2 fleets to their proven lower bounds: median / worst (the baseline's: median)");
printTable(['What', 'Fleets', 'Peak gap', 'Typical gap', 'Week gap', 'baseline peak gap'], gapRows);
console.log('');
console.log(`every EC2 candidate (${allGaps.peak.length}), gap median / worst:`);
console.log(
  `  peak fleet ${medianWorst(allGaps.peak)}; typical fleet (${allGaps.typical.length}) ${medianWorst(allGaps.typical)}`,
);
console.log(`  the week's instance cost ${medianWorst(allGaps.week)}; safety time limit reached: ${stops}`);
console.log('baseline: the same advise() with the greedy heuristic fleet solver (heuristicFleetSolver),');
console.log('run in this process on the same workloads');
console.log(
  `load average at end (1 / 5 / 15 min): ${loadAverage()}; took ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
