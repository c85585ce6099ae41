/**
 * @module run: `npm run test:chaos`, the full chaos suite against `berth serve` on loopback: 10,000
 * hostile bodies and the special cases, concurrency above the cap, the pathological valid workloads,
 * slow-loris sockets, SIGTERM mid-solve and four Price List failures. It stops by itself (each scenario
 * is bounded in count, and a safety timer ends the run after 30 minutes), prints what it measured, and
 * exits 1 if a check of issue 11's "done when" failed.
 */
import { parseArgs } from 'node:util';
import { killAll } from './launch.js';
import {
  type ChaosReport,
  countByStatus,
  findFailures,
  isDesigned503,
  PATHOLOGICAL,
  percentiles,
  runChaos,
} from './scenarios.js';

const { values } = parseArgs({
  options: {
    bodies: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    concurrency: { type: 'string', default: '8' },
    'solve-timeout-ms': { type: 'string', default: '20000' },
  },
});
const solveTimeoutMs = Number(values['solve-timeout-ms']);

const safety = setTimeout(
  () => {
    console.error('chaos: the 30-minute safety stop ended the run');
    killAll();
    process.exit(2);
  },
  30 * 60 * 1000,
);
safety.unref();

const started = performance.now();
const report = await runChaos({
  bodies: Number(values.bodies),
  seed: Number(values.seed),
  concurrency: Number(values.concurrency),
  loris: 10,
  pathological: Object.keys(PATHOLOGICAL),
  priceModes: ['hang', 'error-500', 'garbage', 'throttle'],
  solveTimeoutMs,
  log: (line) => console.log(`chaos: ${line}`),
}).catch((error: unknown) => {
  killAll();
  throw error;
});
print(report);
const failures = findFailures(report, solveTimeoutMs);
console.log(`\nran ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (failures.length === 0) console.log('every check passed');
else for (const f of failures) console.log(`FAILED: ${f}`);
process.exit(failures.length === 0 ? 0 : 1);

function ms(n: number): string {
  return `${n.toFixed(0)} ms`;
}

function print(r: ChaosReport): void {
  const fuzzLatency = percentiles(r.fuzz.map((o) => o.ms));
  const designed = r.fuzz.filter(isDesigned503).length;
  console.log(`\nhostile bodies: ${r.fuzz.length}`);
  console.log(`  by status: ${JSON.stringify(countByStatus(r.fuzz))} (designed 503s: ${designed})`);
  const codes: Record<string, number> = {};
  for (const o of r.fuzz) if (o.code) codes[o.code] = (codes[o.code] ?? 0) + 1;
  console.log(`  by code: ${JSON.stringify(codes)}`);
  console.log(`  latency p50 ${ms(fuzzLatency.p50)}, p99 ${ms(fuzzLatency.p99)}, max ${ms(fuzzLatency.max)}`);
  console.log(`\nconcurrency above the cap (32 at once): ${JSON.stringify(countByStatus(r.cap))}`);
  const capLatency = percentiles(r.cap.map((o) => o.ms));
  console.log(`  latency p50 ${ms(capLatency.p50)}, p99 ${ms(capLatency.p99)}, max ${ms(capLatency.max)}`);
  console.log('\npathological workloads (one at a time, /healthz every 50 ms meanwhile):');
  for (const p of r.pathological) {
    console.log(
      `  ${p.name}: ${p.outcome.status}${p.outcome.code ? ` ${p.outcome.code}` : ''} in ${ms(p.outcome.ms)}; ` +
        `/healthz ${p.health.count} probes, p50 ${ms(p.health.p50)}, p99 ${ms(p.health.p99)}, max ${ms(p.health.max)}, ${p.healthFailures} failed`,
    );
  }
  const worst = Math.max(...r.pathological.map((p) => p.health.p99));
  console.log(`  /healthz p99 during the worst solve: ${ms(worst)}`);
  const closed = r.loris.filter((l) => l.closedMs !== null);
  const statuses = [...new Set(r.loris.map((l) => `${l.kind}: ${l.status || '(none)'}`))];
  console.log(
    `\nslow loris: ${closed.length}/${r.loris.length} sockets closed by the server; ${statuses.join(', ')}`,
  );
  for (const kind of ['headers', 'body'] as const) {
    const times = r.loris.filter((l) => l.kind === kind && l.closedMs !== null).map((l) => l.closedMs!);
    if (times.length > 0)
      console.log(`  slow ${kind}: closed after ${ms(Math.min(...times))} to ${ms(Math.max(...times))}`);
  }
  console.log(
    `  meanwhile /healthz p99 ${ms(r.lorisHealth.p99)}, max ${ms(r.lorisHealth.max)}; small recommendations ${JSON.stringify(countByStatus(r.lorisRecommend))}, max ${ms(percentiles(r.lorisRecommend.map((o) => o.ms)).max)}`,
  );
  console.log(
    `\nRSS before ${r.rssBeforeMb.toFixed(0)} MiB, after ${r.rssAfterMb.toFixed(0)} MiB (${((r.rssAfterMb / r.rssBeforeMb - 1) * 100).toFixed(1)} %)`,
  );
  console.log(
    `SIGTERM during a solve: exit ${r.sigterm.code} after ${ms(r.sigterm.ms)} (grace ${ms(r.sigterm.graceMs)}); the solve's client got ${r.sigterm.solve.status || r.sigterm.solve.error}`,
  );
  console.log(`error lines in the server log: ${r.serverErrors.length}`);
  for (const line of r.serverErrors.slice(0, 5)) console.log(`  ${line}`);
  const base = r.baseline.map((o) => o.ms).sort((a, b) => a - b);
  console.log(
    `\nbaseline, 8 small recommendations at once with snapshot prices: ${base.map((n) => n.toFixed(0)).join(', ')} ms`,
  );
  for (const p of r.prices) {
    const first = p.outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const second = p.second.map((o) => o.ms).sort((a, b) => a - b);
    console.log(
      `\nprice endpoint ${p.mode}: statuses ${JSON.stringify(countByStatus([...p.outcomes, ...p.second]))}, ${p.fromSnapshot}/16 from the snapshot`,
    );
    const before = p.before.map((o) => o.ms).sort((a, b) => a - b);
    console.log(`  8 at once while it answers: ${before.map((n) => n.toFixed(0)).join(', ')} ms`);
    console.log(`  8 at once as it starts failing: ${first.map((n) => n.toFixed(0)).join(', ')} ms`);
    console.log(`  8 more, 6 s later: ${second.map((n) => n.toFixed(0)).join(', ')} ms`);
    console.log(`  breaker log: ${p.breakerLogs.length === 0 ? '(none)' : p.breakerLogs.join(' | ')}`);
    console.log(`  SDK wording in warnings: ${p.sdkWords.length}`);
  }
}
