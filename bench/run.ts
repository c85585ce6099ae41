/**
 * npm run bench: snapshot load time and advise() time per workload size, each next to a baseline run in
 * the same process, so results read as ratios that survive a slower or busier machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { advise } from '../src/advisor/advise.js';
import { DATA_DIR } from '../src/paths.js';
import { SnapshotPriceSource } from '../src/pricing/snapshot-source.js';
import { normaliseWorkload } from '../src/workload/normalise.js';
import { formatMs, time } from './stats.js';
import { generateWorkload } from './workload-generator.js';

const rows: string[][] = [];
const add = (
  what: string,
  t: { runs: number; medianMs: number; p99Ms: number },
  baseline?: { medianMs: number },
) =>
  rows.push([
    what,
    String(t.runs),
    formatMs(t.medianMs),
    formatMs(t.p99Ms),
    baseline ? `${(t.medianMs / baseline.medianMs).toFixed(1)}×` : 'baseline',
  ]);

// Snapshot: a cold load of one region (new source each run: read, parse, validate) against plain
// JSON.parse of the same file, the floor for any loader.
for (const region of ['us-east-1', 'eu-west-1']) {
  const file = join(DATA_DIR, 'prices', `${region}.json`);
  const raw = await time(50, () => JSON.parse(readFileSync(file, 'utf8')));
  const load = await time(50, () => new SnapshotPriceSource().getPrices(region, ['ec2:m5.large']));
  add(`JSON.parse ${region}.json`, raw);
  add(`snapshot load ${region} (cold)`, load, raw);
  const warm = new SnapshotPriceSource();
  await warm.getPrices(region, []);
  add(
    `snapshot lookup ${region} (warm)`,
    await time(200, () => warm.getPrices(region, ['ec2:m5.large'])),
    raw,
  );
}

// advise(): per workload size, against normalising the same workload (parse + profile expansion).
for (const [label, size, runs] of [
  ['small (1 service)', 1, 40],
  ['20 services', 20, 20],
  ['200 services', 200, 5],
] as const) {
  const workload = generateWorkload(size, 42);
  await advise(workload); // warm caches: rules, catalog, snapshot
  const base = await time(runs, () => normaliseWorkload(workload));
  add(`normalise ${label}`, base);
  add(`advise ${label}`, await time(runs, () => advise(workload)), base);
}

const header = ['What', 'Runs', 'Median', 'p99', 'vs baseline'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(`Berth benchmark (node ${process.version}, ${new Date().toISOString()})`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
