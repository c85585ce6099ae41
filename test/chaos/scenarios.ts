/**
 * @module scenarios: the chaos suite's scenarios against real `berth serve` processes on loopback, each
 * bounded in count and time: hostile bodies, concurrency above the cap, pathological valid workloads
 * with /healthz probed meanwhile, slow-loris sockets, SIGTERM mid-solve, and a fake Price List endpoint
 * that hangs, fails, answers garbage or throttles.
 */
import {
  type FakePriceListServer,
  type FakeReply,
  startFakePriceListServer,
} from '../helpers/fake-price-list-server.js';
import { EXAMPLES, type HostileBody, hostileBodies, specialBodies } from './bodies.js';
import {
  countByStatus,
  type LorisResult,
  mapLimit,
  type Outcome,
  percentiles,
  probeHealth,
  send,
  slowLoris,
} from './client.js';
import { type BerthProcess, startBerth } from './launch.js';

export interface ChaosOptions {
  /** Generated hostile bodies (the special cases come on top). */
  bodies: number;
  seed: number;
  /** Clients sending hostile bodies at once. */
  concurrency: number;
  /** Slow-loris sockets of each kind. */
  loris: number;
  /** Which pathological workloads to send (names of PATHOLOGICAL). */
  pathological: string[];
  /** Which Price List failures to fake. */
  priceModes: PriceMode[];
  /** The server's deadline per recommendation (BERTH_SOLVE_TIMEOUT_MS). */
  solveTimeoutMs: number;
  log?: (line: string) => void;
}

export type PriceMode = 'hang' | 'error-500' | 'garbage' | 'throttle';

const small = (EXAMPLES[0] ?? {}) as Record<string, unknown>;
const json = (kind: string, value: unknown, query = '?detail=summary'): HostileBody => ({
  kind,
  contentType: 'application/json',
  text: JSON.stringify(value),
  query,
});

/** Valid workloads at or near every bound: the worst a client may send and be accepted. */
export const PATHOLOGICAL: Record<string, HostileBody> = {
  // The most services a workload may have, each with a little traffic of its own.
  'services-2000': json('pathological/services-2000', {
    traffic: { pattern: 'diurnal' },
    services: Array.from({ length: 2000 }, (_, i) => ({
      name: `s${i}`,
      cpu: 0.25 * (1 + (i % 4)),
      memory: 512 * (1 + (i % 3)),
      replicas: { min: 1, max: 25 },
    })),
  }),
  // The most tasks a workload may run: ten services at the 5,000-task quota, on EC2 only.
  'tasks-50000-ec2': json('pathological/tasks-50000-ec2', {
    services: Array.from({ length: 10 }, (_, i) => ({
      name: `s${i}`,
      cpu: 2 ** (i % 5),
      memory: `${2 ** (i % 5) * 4} GiB`,
      replicas: 5000,
      architecture: 'any',
      needs: { privileged: true },
    })),
  }),
  // Many capacity levels: spikes of different lengths per service, two architectures to compare.
  'spiky-levels': json('pathological/spiky-levels', {
    services: Array.from({ length: 25 }, (_, i) => ({
      name: `s${i}`,
      cpu: 0.5 + (i % 4),
      memory: `${1 + (i % 7)} GiB`,
      architecture: 'any',
      replicas: { min: 1, max: 2000 },
      traffic: { pattern: 'spiky', spikesPerDay: 96, spikeMinutes: 1 + i },
    })),
  }),
  // What froze the server before the bounds: now a 400 in milliseconds.
  'replicas-1e9': json('pathological/replicas-1e9', {
    services: [{ name: 'a', cpu: 1, memory: '2 GiB', replicas: 1_000_000_000 }],
  }),
  'services-500x10000': json('pathological/services-500x10000', {
    services: Array.from({ length: 500 }, (_, i) => ({
      name: `s${i}`,
      cpu: 1,
      memory: '2 GiB',
      replicas: { min: 1, max: 10_000 },
    })),
  }),
};

export interface PathologicalResult {
  name: string;
  outcome: Outcome;
  health: ReturnType<typeof percentiles>;
  healthFailures: number;
}

export interface PriceModeResult {
  mode: PriceMode;
  /** 8 at once while the endpoint still answers (with no matching product: the snapshot prices). */
  before: Outcome[];
  /** 8 at once right after the endpoint starts failing. */
  outcomes: Outcome[];
  /** Answers whose prices all came from the snapshot. */
  fromSnapshot: number;
  /** Warnings that repeat the SDK's own wording. */
  sdkWords: string[];
  /** Log lines about the circuit breaker, in order. */
  breakerLogs: string[];
  second: Outcome[];
}

export interface ChaosReport {
  rssBeforeMb: number;
  rssAfterMb: number;
  fuzz: Outcome[];
  cap: Outcome[];
  pathological: PathologicalResult[];
  loris: LorisResult[];
  lorisHealth: ReturnType<typeof percentiles>;
  lorisRecommend: Outcome[];
  sigterm: { code: number | null; ms: number; graceMs: number; solve: Outcome };
  /** Error-level lines in the server's log (stacks of internal errors). */
  serverErrors: string[];
  /** 8 small recommendations at once with snapshot prices: what the price scenarios compare with. */
  baseline: Outcome[];
  prices: PriceModeResult[];
}

const SERVER_ENV = (solveTimeoutMs: number): Record<string, string> => ({
  BERTH_SOLVE_TIMEOUT_MS: String(solveTimeoutMs),
  // Short socket limits, so the slow-loris scenario ends in seconds.
  BERTH_HEADERS_TIMEOUT_MS: '3000',
  BERTH_REQUEST_TIMEOUT_MS: '6000',
  BERTH_SHUTDOWN_GRACE_MS: '3000',
});

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  // The client gives up this long after the server's own deadline: a later answer would be a hang.
  const hangAfter = options.solveTimeoutMs + 5000;
  // Generated before the server starts: generating takes a minute of this thread, and a client that
  // does not run its event loop meanwhile would reuse kept-alive sockets the server has long closed.
  log(`generating ${options.bodies} hostile bodies (seed ${options.seed})`);
  const bodies = [...specialBodies(), ...hostileBodies(options.bodies, options.seed)];
  log('starting berth serve');
  const server = await startBerth(SERVER_ENV(options.solveTimeoutMs));
  try {
    // RSS before is the working set of a server that has answered each kind of request once: every example,
    // in full detail and with its Terraform, so the code the suite runs is loaded and compiled in both
    // workers. Growth past that is what a long-running server would keep, which is what the 20 % bounds.
    const warmUp = EXAMPLES.map((e) => json('warm-up', e, '?detail=full&iac=terraform'));
    await mapLimit([...warmUp, ...warmUp], 2, (body) => send(server.url, body, hangAfter));
    await sleep(2000);
    const rssBeforeMb = server.rssMb();

    log(`fuzz: ${bodies.length} bodies, ${options.concurrency} at once`);
    let done = 0;
    const fuzz = await mapLimit(bodies, options.concurrency, async (body) => {
      const outcome = await send(server.url, body, hangAfter);
      if (++done % 1000 === 0) log(`  ${done} sent`);
      return outcome;
    });

    log('baseline: 8 small recommendations at once');
    const baseline = await Promise.all(
      Array.from({ length: 8 }, () => send(server.url, json('baseline', small), hangAfter)),
    );

    log('concurrency above the cap: 32 at once');
    const cap = await Promise.all(
      Array.from({ length: 32 }, () => send(server.url, json('cap', small), hangAfter)),
    );

    const pathological: PathologicalResult[] = [];
    for (const name of options.pathological) {
      const body = PATHOLOGICAL[name];
      if (!body) throw new Error(`unknown pathological workload ${name}`);
      log(`pathological: ${name}`);
      const probe = probeHealth(server.url, 50);
      const outcome = await send(server.url, body, hangAfter);
      const { latencies, failures } = await probe.stop();
      pathological.push({ name, outcome, health: percentiles(latencies), healthFailures: failures });
    }

    log(`slow loris: ${options.loris} slow-header and ${options.loris} slow-body sockets`);
    const probe = probeHealth(server.url, 100);
    const lorisRecommend: Outcome[] = [];
    let lorising = true;
    const recommending = (async () => {
      while (lorising) {
        lorisRecommend.push(await send(server.url, json('during-loris', small), hangAfter));
        await sleep(1000);
      }
    })();
    const loris = await slowLoris(server.url, options.loris, 15);
    lorising = false;
    await recommending;
    const lorisHealth = percentiles((await probe.stop()).latencies);

    await sleep(3000);
    const rssAfterMb = server.rssMb();

    log('SIGTERM during a solve');
    const heavy = PATHOLOGICAL['tasks-50000-ec2']!;
    const solving = send(server.url, heavy, hangAfter);
    await waitForActiveSolve(server);
    const stopped = await server.stop();
    const solve = await solving;
    const serverErrors = server
      .logs()
      .filter((l) => l.level === 'error')
      .map((l) => JSON.stringify(l).slice(0, 600));

    const prices: PriceModeResult[] = [];
    for (const mode of options.priceModes) {
      log(`price endpoint: ${mode}`);
      prices.push(await runPriceMode(mode, options.solveTimeoutMs, hangAfter));
    }
    return {
      rssBeforeMb,
      rssAfterMb,
      fuzz,
      cap,
      pathological,
      loris,
      lorisHealth,
      lorisRecommend,
      sigterm: { ...stopped, graceMs: 3000, solve },
      serverErrors,
      baseline,
      prices,
    };
  } finally {
    await server.stop(10_000);
  }
}

async function waitForActiveSolve(server: BerthProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { solves: { active: number } };
    if (health.solves.active > 0) return;
    await sleep(50);
  }
}

const REPLIES: Record<PriceMode, () => FakeReply> = {
  hang: () => ({ kind: 'hang' }),
  'error-500': () => ({
    kind: 'error',
    status: 500,
    type: 'InternalErrorException',
    message: 'fake internal error',
  }),
  garbage: () => ({ kind: 'garbage' }),
  throttle: () => ({ kind: 'throttle' }),
};

/** The SDK's own wording, which must never reach a response. */
const SDK_WORDS = /\$response|hidden field|Deserialization error|<html>|at .*\.js:\d+/;

/**
 * A server on a fake Price List endpoint: 8 recommendations at once while it answers, 8 at once as soon
 * as it fails in one way, and 8 more once the circuit breaker has had time to open.
 */
async function runPriceMode(
  mode: PriceMode,
  solveTimeoutMs: number,
  hangAfter: number,
): Promise<PriceModeResult> {
  let fake: FakePriceListServer | undefined;
  let server: BerthProcess | undefined;
  let failing = false;
  try {
    fake = await startFakePriceListServer({
      products: [],
      reply: () => (failing ? REPLIES[mode]() : undefined),
    });
    server = await startBerth({
      ...SERVER_ENV(solveTimeoutMs),
      BERTH_PRICES: 'live',
      BERTH_PRICES_ENDPOINT: fake.url,
      AWS_ACCESS_KEY_ID: 'AKIDCHAOSDUMMY',
      AWS_SECRET_ACCESS_KEY: 'chaos-dummy-secret',
      AWS_REGION: 'us-east-1',
    });
    const wave = () =>
      Promise.all(
        Array.from({ length: 8 }, () => send(server!.url, json(`price-${mode}`, small), hangAfter)),
      );
    const before = await wave();
    failing = true;
    const outcomes = await wave();
    // Past the per-call deadline (5 s), the calls of that wave have failed: the breaker is open, and the
    // next wave shows requests answered from the snapshot at once.
    await sleep(6000);
    const second = await wave();
    const all = [...outcomes, ...second];
    const fromSnapshot = all.filter((o) => {
      const origins = (o.body as { pricing?: { origins?: string[] } } | undefined)?.pricing?.origins;
      return Array.isArray(origins) && origins.length > 0 && origins.every((x) => x === 'snapshot');
    }).length;
    const sdkWords = all.flatMap((o) =>
      ((o.body as { warnings?: { message: string }[] } | undefined)?.warnings ?? [])
        .map((w) => w.message)
        .filter((m) => SDK_WORDS.test(m)),
    );
    const breakerLogs = server
      .logs()
      .filter((l) => typeof l.msg === 'string' && l.msg.startsWith('price source circuit'))
      .map((l) => `${l.level} ${l.msg}: ${String(l.reason)}`);
    return { mode, before, outcomes, fromSnapshot, sdkWords, breakerLogs, second };
  } finally {
    await server?.stop(10_000);
    await fake?.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The issue's "done when" checks, each with what was measured; an empty list means every one passed.
 * With `timed: false` (the CI form, on a machine shared with other work) the checks of speed are left
 * out: /healthz p99, RSS growth and the 1 s of the price hang. Answering by the deadline + 1 s stays: it
 * is the deadline's behaviour, not a speed.
 */
export function findFailures(
  report: ChaosReport,
  solveTimeoutMs: number,
  options = { timed: true },
): string[] {
  const failures: string[] = [];
  const all = [
    ...report.fuzz,
    ...report.cap,
    ...report.pathological.map((p) => p.outcome),
    ...report.lorisRecommend,
    ...report.prices.flatMap((p) => [...p.outcomes, ...p.second]),
  ];
  const unexpected5xx = all.filter((o) => o.status >= 500 && !isDesigned503(o));
  if (unexpected5xx.length > 0)
    failures.push(`${unexpected5xx.length} unexpected 5xx: ${describe(unexpected5xx.slice(0, 5))}`);
  const hangs = all.filter((o) => o.status === 0);
  if (hangs.length > 0) failures.push(`${hangs.length} without an answer: ${describe(hangs.slice(0, 5))}`);
  const late = all.filter((o) => o.ms > solveTimeoutMs + 1000);
  if (late.length > 0)
    failures.push(`${late.length} answered after the deadline + 1 s: ${describe(late.slice(0, 5))}`);
  const defects = all.filter((o) => o.defect !== undefined);
  if (defects.length > 0)
    failures.push(
      `${defects.length} malformed answers: ${defects
        .slice(0, 5)
        .map((o) => `${o.kind}: ${o.defect}`)
        .join('; ')}`,
    );
  for (const p of options.timed ? report.pathological : []) {
    if (p.health.p99 > 100) failures.push(`/healthz p99 ${p.health.p99.toFixed(0)} ms during ${p.name}`);
    if (p.healthFailures > 0) failures.push(`${p.healthFailures} failed /healthz probes during ${p.name}`);
  }
  if (options.timed && report.rssAfterMb > report.rssBeforeMb * 1.2)
    failures.push(`RSS grew from ${report.rssBeforeMb.toFixed(0)} to ${report.rssAfterMb.toFixed(0)} MiB`);
  if (report.serverErrors.length > 0)
    failures.push(`${report.serverErrors.length} error lines in the server log: ${report.serverErrors[0]}`);
  const lorisOpen = report.loris.filter((l) => l.closedMs === null);
  if (lorisOpen.length > 0)
    failures.push(`${lorisOpen.length} slow-loris sockets never closed by the server`);
  if (report.sigterm.code !== 0 || (options.timed && report.sigterm.ms > report.sigterm.graceMs + 2000))
    failures.push(`SIGTERM mid-solve: exit ${report.sigterm.code} after ${report.sigterm.ms.toFixed(0)} ms`);
  for (const p of report.prices) {
    const outcomes = [...p.outcomes, ...p.second];
    if (p.fromSnapshot !== outcomes.length)
      failures.push(`price ${p.mode}: ${outcomes.length - p.fromSnapshot} answers not from the snapshot`);
    if (p.sdkWords.length > 0) failures.push(`price ${p.mode}: SDK wording in warnings: ${p.sdkWords[0]}`);
    if (p.mode === 'hang' && options.timed) {
      // "All but the first few within 1 s": 8 requests at once also queue for the 2 solve slots, so each
      // is compared with the same place in the wave of 8 sent while the endpoint still answered.
      const base = p.before.map((o) => o.ms).sort((a, b) => a - b);
      const hang = p.outcomes.map((o) => o.ms).sort((a, b) => a - b);
      const slow = hang.filter((ms, i) => ms > (base[i] ?? 0) + 1000).length;
      if (slow > 2)
        failures.push(`price hang: ${slow} of 8 concurrent answers took over 1 s more than before the hang`);
    }
  }
  return failures;
}

/** Load shedding the API documents: a full server or a deadline, always with Retry-After. */
export function isDesigned503(o: Outcome): boolean {
  return (
    o.status === 503 && (o.code === 'SERVER_BUSY' || o.code === 'SOLVE_TIMEOUT') && o.defect === undefined
  );
}

function describe(outcomes: readonly Outcome[]): string {
  return outcomes
    .map(
      (o) =>
        `${o.kind} ${o.status}${o.code ? ` ${o.code}` : ''} ${o.ms.toFixed(0)} ms${o.error ? ` ${o.error}` : ''}`,
    )
    .join('; ');
}

export { countByStatus, percentiles };
