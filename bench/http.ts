/**
 * npm run bench:http [-- --seconds 10 --soak-seconds 60 --connections 8]
 *
 * Starts the real `berth serve` (a child process on a free loopback port) and drives POST /recommend with
 * autocannon for a small and a 20-service workload, next to the same workloads through advise() in this
 * process, so the HTTP cost reads as a ratio. Then a soak at the same concurrency reports the server's
 * memory at its start and end and every non-2xx answer. Traffic goes to 127.0.0.1 only, and every run is
 * bounded in time; the server is stopped by its PID with SIGTERM (a graceful drain). The npm script builds
 * dist/ first, and both sides run it: the server (`bin/berth.js`) and advise() in this process
 * (bench/built.ts). Run directly, it refuses a dist/ that is missing or older than src/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SERVE_MALLOC_ARENA_MAX } from '../src/cli/malloc-arenas.js';
import { loadBuilt } from './built.js';
import { quantile, wholeNumberFlag } from './stats.js';
import { generateWorkload } from './workload-generator.js';

// Both sides run the built package (bench/built.ts): the server is bin/berth.js on dist/, and so is advise().
const { advise } = await loadBuilt<typeof import('../src/advisor/advise.js')>('advisor/advise.js');

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    'soak-seconds': { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
  },
});
const SECONDS = wholeNumberFlag('--seconds', values.seconds);
const SOAK_SECONDS = wholeNumberFlag('--soak-seconds', values['soak-seconds']);
const CONNECTIONS = wholeNumberFlag('--connections', values.connections);
const ROUNDS = 3;
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const WORKLOADS = [
  { label: 'small (1 service)', workload: generateWorkload(1, 42) },
  { label: '20 services', workload: generateWorkload(20, 42) },
] as const;

/** A free loopback port: bind port 0, read it, release it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startBerthServe(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['bin/berth.js', 'serve', '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      // The arena limit `berth serve` would set by starting itself again as a child (src/cli/malloc-arenas.ts),
      // set here instead, so the process started is the server: its PID is the one whose memory is read.
      env: { ...process.env, BERTH_LOG_LEVEL: 'info', MALLOC_ARENA_MAX: SERVE_MALLOC_ARENA_MAX },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes('"msg":"listening"')) resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`berth serve exited with ${code} before listening`)));
  });
  // Keep draining the access log so the pipe never fills and stalls the server.
  child.stdout?.resume();
  return child;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}

interface Row {
  workload: string;
  mode: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Requests answered; 0 when none finished within the run (its rate and latencies then mean nothing). */
  completed: number;
}

/** Times advise() back to back for `seconds`; returns every sample in ms and the wall time. */
async function timeInProcess(
  workload: unknown,
  seconds: number,
): Promise<{ samples: number[]; elapsed: number }> {
  const samples: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    const t = performance.now();
    await advise(workload);
    samples.push(performance.now() - t);
  }
  return { samples, elapsed: (performance.now() - started) / 1000 };
}

const median = (xs: number[]) => quantile(xs, 0.5);

function http(url: string, body: string, connections: number, seconds: number) {
  return autocannon({
    url: `${url}/recommend`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
    timeout: 30,
  });
}

/**
 * In-process and one-connection HTTP runs alternate in ROUNDS short rounds, so a burst of other load on the
 * machine hits both sides alike; then one run at `CONNECTIONS` shows throughput under concurrency.
 */
async function measure(url: string, label: string, workload: unknown): Promise<Row[]> {
  const body = JSON.stringify(workload);
  for (let i = 0; i < 3; i++) await advise(workload); // warm: rules, catalog, snapshot, JIT
  await http(url, body, 2, 2); // the same for the server
  const local: number[] = [];
  let localSeconds = 0;
  const remote = { requests: 0, seconds: 0, p50: [] as number[], p99: [] as number[], bad: 0 };
  const slice = Math.max(1, Math.round(SECONDS / ROUNDS));
  for (let round = 0; round < ROUNDS; round++) {
    const mine = await timeInProcess(workload, slice);
    local.push(...mine.samples);
    localSeconds += mine.elapsed;
    const theirs = await http(url, body, 1, slice);
    remote.requests += theirs.requests.total;
    remote.seconds += theirs.duration;
    remote.p50.push(theirs.latency.p50);
    remote.p99.push(theirs.latency.p99);
    remote.bad += theirs.non2xx + theirs.errors;
  }
  const loaded = await http(url, body, CONNECTIONS, SECONDS);
  return [
    {
      workload: label,
      mode: 'advise() in-process',
      connections: 1,
      rps: local.length / localSeconds,
      p50: quantile(local, 0.5),
      p99: quantile(local, 0.99),
      non2xx: 0,
      completed: local.length,
    },
    {
      workload: label,
      mode: 'HTTP berth serve',
      connections: 1,
      rps: remote.requests / remote.seconds,
      p50: median(remote.p50),
      p99: median(remote.p99),
      non2xx: remote.bad,
      completed: remote.requests,
    },
    {
      workload: label,
      mode: 'HTTP berth serve',
      connections: CONNECTIONS,
      rps: loaded.requests.total / loaded.duration,
      p50: loaded.latency.p50,
      p99: loaded.latency.p99,
      non2xx: loaded.non2xx + loaded.errors,
      completed: loaded.requests.total,
    },
  ];
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function table(rows: Row[]): string {
  const header = ['Workload', 'Mode', 'Conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'vs in-process'];
  const base = new Map(rows.filter((r) => r.mode.startsWith('advise')).map((r) => [r.workload, r]));
  const cells = rows.map((r) => {
    const b = base.get(r.workload);
    if (r.completed === 0) {
      const none = 'none done';
      const why = 'no request finished within the run: raise --seconds';
      return [r.workload, r.mode, String(r.connections), '0', none, none, String(r.non2xx), why];
    }
    const ratio = r.mode.startsWith('advise')
      ? 'baseline'
      : b === undefined || b.completed === 0
        ? 'no in-process baseline'
        : `p50 ${fmt(r.p50 / b.p50, 2)}×, req/s ${fmt(r.rps / b.rps, 2)}×`;
    return [
      r.workload,
      r.mode,
      String(r.connections),
      fmt(r.rps),
      fmt(r.p50),
      fmt(r.p99),
      String(r.non2xx),
      ratio,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

const port = await freePort();
const server = await startBerthServe(port);
const url = `http://127.0.0.1:${port}`;
const pid = server.pid ?? 0;
try {
  console.log(
    `berth serve pid ${pid} on ${url}; ${SECONDS} s per run, soak ${SOAK_SECONDS} s, ${CONNECTIONS} connections`,
  );
  const rows: Row[] = [];
  for (const { label, workload } of WORKLOADS) rows.push(...(await measure(url, label, workload)));
  console.log(`\n${table(rows)}\n`);
  console.log(
    `In-process and 1-connection HTTP runs alternate in ${ROUNDS} rounds (p50/p99 of HTTP: median over rounds).\n` +
      'p50 ratio at 1 connection = HTTP overhead per request; at more connections requests queue for the\n' +
      'solve slots (BERTH_MAX_CONCURRENT_SOLVES, default 2), so p50 grows while req/s shows the throughput.\n',
  );

  const rssStart = rssMiB(pid);
  const soak = await autocannon({
    url: `${url}/recommend`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: WORKLOADS.map(({ workload }) => ({ body: JSON.stringify(workload) })),
    connections: CONNECTIONS,
    duration: SOAK_SECONDS,
    timeout: 30,
  });
  const rssEnd = rssMiB(pid);
  const codes = Object.entries(soak.statusCodeStats)
    .map(([code, s]) => `${code}: ${s.count}`)
    .join(', ');
  console.log(
    `soak ${SOAK_SECONDS} s, ${CONNECTIONS} connections, small and 20-service alternating: ` +
      `${soak.requests.total} requests (${fmt(soak.requests.total / soak.duration)} req/s), ` +
      `p50 ${soak.latency.p50} ms, p99 ${soak.latency.p99} ms`,
  );
  console.log(
    `  status codes: ${codes}; non-2xx ${soak.non2xx}, connection errors ${soak.errors}, timeouts ${soak.timeouts}`,
  );
  if (soak.requests.total === 0) {
    console.log(
      '  no request finished during the soak: the server was still answering the requests the run before it\n' +
        '  left queued (it stops a solve only at its deadline); raise --soak-seconds',
    );
  }
  console.log(
    `  server RSS: start ${fmt(rssStart)} MiB, end ${fmt(rssEnd)} MiB (${fmt(rssEnd - rssStart, 1)} MiB)`,
  );
} finally {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(pid, 'SIGTERM');
  await exited;
}
