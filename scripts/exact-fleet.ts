/**
 * @module exact-fleet: the cheapest fleet of one traffic level of one recommendation, proven by HiGHS on a
 * compact integer program (test/optimizer/highs-oracle.ts), next to the fleet and bound `advise()` returns
 * for it. It reproduces docs/optimizer.md#the-gaps-a-recommendation-reports. Offline and slow (seconds to
 * many minutes a level): a research tool, not part of Berth. Run with `npx tsx scripts/exact-fleet.ts`:
 *
 *   --services N --seed S   the bench's generated workload (bench/workload-generator.ts), or
 *   --file PATH             a workload file (YAML or JSON);
 *   with neither --solve nor --level, it lists the fleet solves advise() makes, with each level's fleet;
 *   --solve K --level L     solves level L of the K-th fleet solve exactly;
 *   --cap USD               only fleets up to this hourly cost (default: the returned fleet's; a lower cap
 *                           makes HiGHS's search smaller, and the answer is still the optimum if one is found);
 *   --seconds T             HiGHS's time limit (default 900).
 *
 * Exits 0 with an answer (an optimum, or no fleet under the cap), 1 when the time limit stopped HiGHS or
 * the solve failed, 2 on bad arguments or an unreadable workload (`exact-fleet: {what}: {why}`).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateWorkload } from '../bench/workload-generator.js';
import { advise } from '../src/advisor/advise.js';
import type {
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  PricedInstanceType,
} from '../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../src/optimizer/model/build-model.js';
import { taskCount } from '../src/optimizer/model/integer-model.js';
import { costOf, findPlacementError } from '../src/optimizer/model/placement.js';
import { stopSolverThread } from '../src/optimizer/runtime/solver-thread.js';
import { createFleetSolver } from '../src/sizing/fleet-solver.js';
import { parseWorkloadText } from '../src/workload/read.js';
import { fleetOptimum } from '../test/optimizer/highs-oracle.js';

function fail(message: string): never {
  console.error(`exact-fleet: ${message}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        services: { type: 'string' },
        seed: { type: 'string' },
        file: { type: 'string' },
        solve: { type: 'string' },
        level: { type: 'string' },
        cap: { type: 'string' },
        seconds: { type: 'string', default: '900' },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** A whole number of at least `min`, or a clear exit naming the option. */
function whole(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    fail(`--${name} ${text}: expected a whole number of at least ${min}`);
  return value;
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} ${text}: expected a number above 0`);
  return value;
}

const values = parseOptions();
if ((values.solve === undefined) !== (values.level === undefined)) fail('give --solve and --level together');
const seconds = positive('seconds', values.seconds);
// Checked before advise() runs, so a typo does not cost a recommendation first.
const solveIndex = values.solve === undefined ? null : whole('solve', values.solve, 0);
const levelIndex = values.level === undefined ? null : whole('level', values.level, 0);
const capArgument = values.cap === undefined ? null : positive('cap', values.cap);

function readInput() {
  if (values.file) {
    let text: string;
    try {
      text = readFileSync(values.file, 'utf8');
    } catch (error) {
      return fail(`cannot read ${values.file}: ${(error as Error).message}`);
    }
    try {
      return parseWorkloadText(text, values.file);
    } catch (error) {
      return fail((error as Error).message);
    }
  }
  if (values.services && values.seed)
    return generateWorkload(whole('services', values.services, 1), whole('seed', values.seed, 0));
  return fail('give --services N --seed S, or --file PATH');
}
const input = readInput();

interface Solve {
  levels: FleetTaskGroup[][];
  types: PricedInstanceType[];
  options: FleetOptions;
  plans: FleetPlan[];
}
const solves: Solve[] = [];
const base = createFleetSolver();
const recording = Object.assign(
  (tasks: FleetTaskGroup[], types: PricedInstanceType[], options: FleetOptions) =>
    base(tasks, types, options),
  {
    // Recorded in call order (the solves finish in an order the threads decide).
    solveLevels: async (levels: FleetTaskGroup[][], types: PricedInstanceType[], options: FleetOptions) => {
      const solve: Solve = { levels, types, options, plans: [] };
      solves.push(solve);
      solve.plans = await base.solveLevels(levels, types, options);
      return solve.plans;
    },
  },
);
try {
  await advise(input, { fleetSolver: recording });
} catch (error) {
  await stopSolverThread();
  fail(`advise() failed: ${(error as Error).message}`);
}
await stopSolverThread();

const kind = (options: FleetOptions) =>
  options.orchestrator === 'ecs'
    ? 'ECS'
    : options.eksMaxPodsCap !== undefined
      ? `EKS, at most ${options.eksMaxPodsCap} pods a node`
      : 'EKS';

if (solveIndex === null || levelIndex === null) {
  for (const [k, solve] of solves.entries()) {
    console.log(`solve ${k}: ${kind(solve.options)}, ${solve.levels.length} levels`);
    for (const [l, plan] of solve.plans.entries()) {
      const tasks = solve.levels[l]!.reduce((sum, group) => sum + group.count, 0);
      console.log(
        `  level ${l}: ${tasks} tasks, $${plan.hourlyUsd}/h, bound $${plan.lowerBoundHourlyUsd}, gap ${(100 * plan.gap).toFixed(2)} %`,
      );
    }
  }
  process.exit(0);
}

const solve =
  solves[solveIndex] ?? fail(`--solve ${values.solve}: no such fleet solve (0–${solves.length - 1})`);
const plan =
  solve.plans[levelIndex] ?? fail(`--level ${values.level}: no such level (0–${solve.levels.length - 1})`);
const problem = buildFleetProblem(solve.levels[levelIndex]!, solve.types, solve.options);
const cap = capArgument ?? Number(plan.hourlyUsd);
const bound = Number(plan.lowerBoundHourlyUsd);
console.log(
  `${kind(solve.options)}, level ${levelIndex}: ${taskCount(problem)} tasks, ${problem.types.length} types; returned $${plan.hourlyUsd}/h, bound $${plan.lowerBoundHourlyUsd} (${(100 * plan.gap).toFixed(2)} %)`,
);
const started = performance.now();
const optimum = await fleetOptimum(problem, cap, { time_limit: seconds });
const took = ((performance.now() - started) / 1000).toFixed(0);
if (optimum.status !== 'optimal') {
  console.log(`HiGHS: ${optimum.status} (cap $${cap}/h, ${optimum.slots} node slots, ${took} s)`);
  // No fleet under the cap is an answer; a solve the time limit stopped is not.
  process.exit(optimum.status === 'stopped' ? 1 : 0);
}
const nodes = optimum.nodes!;
const byType = new Map<string, number>();
for (const node of nodes)
  byType.set(problem.types[node.type]!.name, (byType.get(problem.types[node.type]!.name) ?? 0) + 1);
console.log(
  `HiGHS optimum: $${costOf(problem, nodes).toFixed(4)}/h, ${(100 * (optimum.cost! / bound - 1)).toFixed(2)} % above the bound (${optimum.slots} node slots, ${took} s)`,
);
console.log(`  ${[...byType].map(([name, count]) => `${count} × ${name}`).join(', ')}`);
console.log(`  Berth's placement check: ${findPlacementError(problem, nodes) ?? 'passes'}`);
