/**
 * npm run bench:strategies [-- --seeds 10 --big-seeds 3]
 *
 * How far a fixed ECS capacity provider strategy per service is from the fleet priced level by level, over the
 * examples and seeded generated workloads (bench/workload-generator.ts: 1 and 20 services, seeds 1..N, and
 * 200 services, seeds 1..M). For every EC2 fleet: does some hour run more of a type than the busiest and median
 * hours (Fleet.ceiling)? For the ECS fleets: how many services sit differently at their own busiest hour than
 * at the fleet's (Fleet.servicePeaks against Fleet.placement), the weights the starter code took from the
 * fleet's busiest hour until 2026-12-04? And for ECS on EC2's starter code: what share of the priced instance
 * cost is on types no strategy names (ecs-capacity-groups.ts, unnamedTypes), which ECS never launches?
 * Deterministic: no timings. Runs the sources through tsx, like bench:fleet.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { advise } from '../src/advisor/advise.js';
import { unnamedTypes } from '../src/iac/ecs-capacity-groups.js';
import { planStack } from '../src/iac/stack-plan.js';
import type { Fleet } from '../src/model/cost.js';
import { stopSolverThread } from '../src/optimizer/runtime/solver-thread.js';
import { MINUTES_PER_WEEK } from '../src/workload/profile.js';
import { wholeNumberFlag } from './stats.js';
import { generateWorkload } from './workload-generator.js';

const { values } = parseArgs({
  options: { seeds: { type: 'string', default: '10' }, 'big-seeds': { type: 'string', default: '3' } },
});
const SEEDS = wholeNumberFlag('--seeds', values.seeds);
const BIG_SEEDS = wholeNumberFlag('--big-seeds', values['big-seeds'], 0);
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));

const workloads: { name: string; workload: unknown }[] = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => ({ name: f.replace(/\.yaml$/, ''), workload: parse(readFileSync(`${EXAMPLES}${f}`, 'utf8')) }));
for (const services of [1, 20])
  for (let seed = 1; seed <= SEEDS; seed++)
    workloads.push({
      name: `${services} services, seed ${seed}`,
      workload: generateWorkload(services, seed),
    });
for (let seed = 1; seed <= BIG_SEEDS; seed++)
  workloads.push({ name: `200 services, seed ${seed}`, workload: generateWorkload(200, seed) });

const key = (l: { instanceType: string; os?: string }) => `${l.instanceType}/${l.os ?? 'linux'}`;
const countOf = (lines: Fleet['peak'], k: string) =>
  lines.filter((l) => key(l) === k).reduce((n, l) => n + l.count, 0);

/** The share of each type of a service's tasks, to 6 places. */
function shares(tasks: Map<string, number>): string {
  const total = [...tasks.values()].reduce((a, b) => a + b, 0);
  return JSON.stringify([...tasks.entries()].sort().map(([k, v]) => [k, (v / total).toFixed(6)]));
}

let fleets = 0;
let fleetsAbove = 0;
let ecsFleets = 0;
let ecsFleetsMoved = 0;
let ecsServices = 0;
let ecsServicesMoved = 0;
let pricedUsd = 0;
let unnamedUsd = 0;
const rows: string[] = [];
for (const { name, workload } of workloads) {
  const rec = await advise(workload as never);
  for (const candidate of rec.candidates) {
    const fleet = candidate.cost?.fleet;
    if (fleet == null) continue;
    fleets++;
    const above = fleet.ceiling.filter(
      (l) => l.count > Math.max(countOf(fleet.peak, key(l)), countOf(fleet.typical, key(l))),
    );
    if (above.length > 0) fleetsAbove++;
    if (!candidate.id.startsWith('ecs')) continue;
    ecsFleets++;
    let moved = 0;
    for (const own of fleet.servicePeaks) {
      ecsServices++;
      const atPeak = new Map<string, number>();
      for (const node of fleet.placement)
        for (const t of node.tasks)
          if (t.service === own.service) atPeak.set(key(node), (atPeak.get(key(node)) ?? 0) + t.count);
      if (shares(atPeak) !== shares(new Map(own.tasks.map((t) => [key(t), t.count])))) moved++;
    }
    ecsServicesMoved += moved;
    if (moved > 0) ecsFleetsMoved++;
    if (candidate.id !== 'ecs-ec2' || candidate.deployment === null) continue;
    const plan = planStack(rec, candidate);
    const unnamed = new Set(unnamedTypes(plan).map((u) => u.instanceType));
    let priced = 0;
    let lost = 0;
    for (const line of candidate.cost?.lineItems ?? []) {
      const type = /^(\S+) (?:Windows )?instances/.exec(line.description)?.[1];
      if (type === undefined || line.monthlyUsd === null) continue;
      priced += Number(line.monthlyUsd);
      if (!unnamed.has(type)) continue;
      // Only the nodes that scale go unlaunched: a steady group of the type is named by its services.
      const minutes = fleet.instanceMinutesPerWeek
        .filter((l) => l.instanceType === type)
        .reduce((n, l) => n + l.minutes, 0);
      const steady = fleet.steady.filter((l) => l.instanceType === type).reduce((n, l) => n + l.count, 0);
      lost += (Number(line.monthlyUsd) * Math.max(0, minutes - steady * MINUTES_PER_WEEK)) / minutes;
    }
    pricedUsd += priced;
    unnamedUsd += lost;
    if (lost > 0)
      rows.push(
        `  ${name}: ${[...unnamed].sort().join(', ')} (their nodes that scale): $${lost.toFixed(2)} of $${priced.toFixed(2)} a month (${((100 * lost) / priced).toFixed(1)} %)`,
      );
  }
}
stopSolverThread();

console.log(
  `Workloads: ${workloads.length} (the examples; 1 and 20 services, seeds 1–${SEEDS}; 200 services, seeds 1–${BIG_SEEDS})`,
);
console.log(
  `EC2 fleets: ${fleets}; with some type run more at another hour than at the busiest and median: ${fleetsAbove}`,
);
console.log(
  `ECS fleets: ${ecsFleets}; services placed differently at their own busiest hour than at the fleet's: ${ecsServicesMoved} of ${ecsServices} (in ${ecsFleetsMoved} fleets)`,
);
console.log(
  `ECS on EC2 starter code: types no strategy names carry $${unnamedUsd.toFixed(2)} of $${pricedUsd.toFixed(2)} of priced instance cost a month (${((100 * unnamedUsd) / pricedUsd).toFixed(2)} %)`,
);
for (const row of rows) console.log(row);
