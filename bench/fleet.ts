/**
 * npm run bench:fleet: the EC2 fleet optimizer against a Karpenter-style greedy and first-fit
 * decreasing, on seeded workloads over the real us-east-1 catalog (data/, through Berth's loaders).
 * Prints one row per workload and the median and worst gap and solve time per set.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { FleetOptions } from '../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../src/optimizer/model/build-model.js';
import { costOf } from '../src/optimizer/model/placement.js';
import { DEFAULT_TIME_LIMIT_MS, optimizeFleet } from '../src/optimizer/optimize-fleet.js';
import { stopSolverThread } from '../src/optimizer/runtime/solver-thread.js';
import { DATA_DIR } from '../src/paths.js';
import { packFirstFitDecreasing, packKarpenterStyle } from './lib-baselines.js';
import { loadPricedCatalog } from './lib-catalog.js';
import { generateWorkload } from './lib-workload.js';

const REGION = 'us-east-1';
const SETS = [10, 50, 200] as const;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const OPTIONS: FleetOptions = { orchestrator: 'eks', timeLimitMs: DEFAULT_TIME_LIMIT_MS };

interface Row {
  services: number;
  seed: number;
  tasks: number;
  types: number;
  cost: number;
  lowerBound: number;
  gap: number;
  karpenter: number;
  karpenter32: number;
  ffd: number;
  solveMs: number;
  /** CPU time of the whole process during the solve: the solver thread, V8's helper threads, the idle main thread. */
  solveCpuMs: number;
  karpenterMs: number;
  ffdMs: number;
  method: string;
}

/** The data snapshot is built by another script; wait for it rather than fail (up to 45 minutes). */
async function waitForData(): Promise<void> {
  const files = [path.join(DATA_DIR, 'instance-types.json'), path.join(DATA_DIR, 'prices', `${REGION}.json`)];
  for (let waited = 0; !files.every((f) => existsSync(f)); waited += 10) {
    if (waited >= 45 * 60)
      throw new Error(`the data snapshot is missing: ${files.join(', ')} did not appear`);
    if (waited === 0) console.log(`waiting for ${files.join(' and ')} ...`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const usd = (x: number) => x.toFixed(4);
const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main(): Promise<void> {
  await waitForData();
  const { types, unpriced } = await loadPricedCatalog(REGION);
  console.log(
    `catalog: ${types.length} priced ${REGION} instance types (${unpriced} without a price skipped)`,
  );
  console.log(
    `options: ${JSON.stringify(OPTIONS)}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const cold = performance.now();
  await optimizeFleet(generateWorkload(5, 99), types, OPTIONS);
  console.log(
    `cold start (worker thread, tsx, HiGHS load, first solve): ${(performance.now() - cold).toFixed(0)} ms`,
  );
  console.log();
  const header =
    'services seed tasks types |  ours $/h   bound $/h     gap | karpenter $/h  vs ours | karp≤32vCPU  vs ours |    ffd $/h  vs ours | solve ms  cpu ms  karp ms  ffd ms | method';
  console.log(header);
  console.log('-'.repeat(header.length));
  const rows: Row[] = [];
  for (const services of SETS) {
    for (const seed of SEEDS) {
      const tasks = generateWorkload(services, seed);
      const problem = buildFleetProblem(tasks, types, OPTIONS);
      const [karpenterNodes, karpenterMs] = timed(() => packKarpenterStyle(problem));
      const karpenter32Nodes = packKarpenterStyle(problem, 32);
      const [ffdNodes, ffdMs] = timed(() => packFirstFitDecreasing(problem));
      const cpuBefore = process.cpuUsage();
      const plan = await optimizeFleet(tasks, types, OPTIONS);
      const cpu = process.cpuUsage(cpuBefore);
      const row: Row = {
        services,
        seed,
        tasks: problem.items.reduce((sum, item) => sum + item.demand, 0),
        types: problem.types.length,
        cost: Number(plan.hourlyUsd),
        lowerBound: Number(plan.lowerBoundHourlyUsd),
        gap: plan.gap,
        karpenter: costOf(problem, karpenterNodes),
        karpenter32: costOf(problem, karpenter32Nodes),
        ffd: costOf(problem, ffdNodes),
        solveMs: plan.solveMs,
        solveCpuMs: (cpu.user + cpu.system) / 1000,
        karpenterMs,
        ffdMs,
        method:
          plan.method +
          (plan.notes.some((n) => n.includes('it was stopped')) ? ' (stopped at the limit)' : ''),
      };
      rows.push(row);
      console.log(
        [
          pad(services, 8),
          pad(seed, 4),
          pad(row.tasks, 5),
          pad(row.types, 5),
          '|',
          pad(usd(row.cost), 9),
          pad(usd(row.lowerBound), 11),
          pad(pct(row.gap), 7),
          '|',
          pad(usd(row.karpenter), 13),
          pad(pct(row.karpenter / row.cost - 1), 8),
          '|',
          pad(usd(row.karpenter32), 11),
          pad(pct(row.karpenter32 / row.cost - 1), 8),
          '|',
          pad(usd(row.ffd), 10),
          pad(pct(row.ffd / row.cost - 1), 8),
          '|',
          pad(row.solveMs.toFixed(0), 8),
          pad(row.solveCpuMs.toFixed(0), 7),
          pad(row.karpenterMs.toFixed(0), 8),
          pad(row.ffdMs.toFixed(0), 7),
          '|',
          row.method,
        ].join(' '),
      );
    }
  }
  console.log();
  console.log(
    'set  | gap median  worst | solve ms median  worst | cpu ms median | saving vs karpenter (median) | vs karp≤32vCPU | vs ffd',
  );
  for (const services of SETS) {
    const set = rows.filter((r) => r.services === services);
    const gaps = set.map((r) => r.gap);
    const times = set.map((r) => r.solveMs);
    const saving = (baseline: (r: Row) => number) => pct(median(set.map((r) => 1 - r.cost / baseline(r))));
    console.log(
      `${pad(services, 4)} | ${pad(pct(median(gaps)), 10)} ${pad(pct(Math.max(...gaps)), 7)} | ${pad(median(times).toFixed(0), 15)} ${pad(Math.max(...times).toFixed(0), 6)} | ${pad(median(set.map((r) => r.solveCpuMs)).toFixed(0), 13)} | ${pad(
        saving((r) => r.karpenter),
        28,
      )} | ${pad(
        saving((r) => r.karpenter32),
        13,
      )} | ${pad(
        saving((r) => r.ffd),
        7,
      )}`,
    );
  }
  const fifty = rows.filter((r) => r.services === 50);
  const check = (name: string, ok: boolean, value: string) =>
    console.log(`${ok ? 'met   ' : 'MISSED'} ${name}: ${value}`);
  console.log();
  console.log('targets on the 50-service set:');
  check('median gap ≤ 1 %', median(fifty.map((r) => r.gap)) <= 0.01, pct(median(fifty.map((r) => r.gap))));
  check(
    'worst gap ≤ 3 %',
    Math.max(...fifty.map((r) => r.gap)) <= 0.03,
    pct(Math.max(...fifty.map((r) => r.gap))),
  );
  // Wall-clock time is what a caller waits; the process's CPU time beside it shows whether the solve
  // itself grew or it waited for a core that other work was using.
  check(
    'median solve ≤ 1 s',
    median(fifty.map((r) => r.solveMs)) <= 1000,
    `${median(fifty.map((r) => r.solveMs)).toFixed(0)} ms wall clock (process CPU time ${median(fifty.map((r) => r.solveCpuMs)).toFixed(0)} ms)`,
  );
  const saving = median(fifty.map((r) => 1 - r.cost / r.karpenter));
  check('≥ 5 % cheaper than the Karpenter-style greedy (median)', saving >= 0.05, pct(saving));
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (other work on this machine slows every timing)`,
  );
  await stopSolverThread();
}

await main();
