/**
 * @module client: the chaos suite's side of the wire, on loopback only: send a body and check the answer
 * is a well-formed problem or recommendation, probe /healthz on a beat, hold slow-loris sockets, and
 * summarise latencies.
 */
import { connect } from 'node:net';
import type { HostileBody } from './bodies.js';

export interface Outcome {
  kind: string;
  /** HTTP status; 0 when no answer came (a hang: the client gave up, or the connection broke). */
  status: number;
  ms: number;
  code: string | undefined;
  /** What is wrong with the answer's shape, if anything (problem+json rules, Retry-After on 503). */
  defect: string | undefined;
  error: string | undefined;
  body: unknown;
}

const ISSUE_CODES = new Set(['INVALID_WORKLOAD', 'INPUT_UNREADABLE', 'INVALID_OPTIONS']);

/** POSTs a body and checks the answer's shape; gives up (status 0) after `timeoutMs`. */
export async function send(url: string, body: HostileBody, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  const headers: Record<string, string> = body.contentType === '' ? {} : { 'content-type': body.contentType };
  try {
    const response = await fetch(`${url}/recommend${body.query}`, {
      method: 'POST',
      headers,
      body: body.text,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const defect = checkShape(response, parsed);
    const code = (parsed as { code?: string } | undefined)?.code;
    return { kind: body.kind, status: response.status, ms, code, defect, error: undefined, body: parsed };
  } catch (error) {
    const ms = performance.now() - started;
    return {
      kind: body.kind,
      status: 0,
      ms,
      code: undefined,
      defect: undefined,
      error: (error as Error).name === 'TimeoutError' ? 'hang' : String((error as Error).cause ?? error),
      body: undefined,
    };
  }
}

function checkShape(response: Response, body: unknown): string | undefined {
  if (response.status < 400) return body === undefined ? 'a 2xx that is not JSON' : undefined;
  if (!response.headers.get('content-type')?.startsWith('application/problem+json'))
    return `status ${response.status} is not problem+json`;
  const p = body as Record<string, unknown> | undefined;
  if (!p || typeof p !== 'object') return 'problem body is not an object';
  for (const field of ['type', 'title', 'code', 'requestId', 'detail'])
    if (typeof p[field] !== 'string' || p[field] === '') return `problem without ${field}`;
  if (p.status !== response.status) return 'problem status differs from the HTTP status';
  if (ISSUE_CODES.has(p.code as string)) {
    const issues = p.issues as { path?: string }[] | undefined;
    if (!Array.isArray(issues) || issues.length === 0) return `${p.code} without issues`;
    if (issues.some((i) => typeof i.path !== 'string' || i.path === ''))
      return `${p.code} issue without a path`;
  }
  if (response.status === 503 && !response.headers.get('retry-after')) return '503 without Retry-After';
  return undefined;
}

/** Runs `work` over `items` with at most `limit` at once; results in item order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return out;
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Counts by status, e.g. `{ "200": 640, "400": 9300 }`; 0 is "no answer". */
export function countByStatus(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
  return counts;
}

export interface HealthProbe {
  /** Stops probing and returns each probe's latency (a failed or timed-out probe counts as its wait). */
  stop(): Promise<{ latencies: number[]; failures: number }>;
}

/** GETs /healthz every `everyMs` (one at a time) until stopped. */
export function probeHealth(url: string, everyMs: number): HealthProbe {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
      } catch {
        failures++;
      }
      const ms = performance.now() - started;
      latencies.push(ms);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - ms)));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { latencies, failures };
    },
  };
}

export interface LorisResult {
  kind: 'headers' | 'body';
  /** The status line the server sent before closing, or '' for none. */
  status: string;
  /** When the server closed the socket, ms after it opened; null if still open when we gave up. */
  closedMs: number | null;
}

/**
 * Opens `count` sockets of each kind that send one byte a second: of the headers, or (after complete
 * headers announcing 1000 bytes) of the body. Gives up after `maxSeconds`.
 */
export async function slowLoris(url: string, count: number, maxSeconds: number): Promise<LorisResult[]> {
  const { hostname, port } = new URL(url);
  const one = (kind: 'headers' | 'body') =>
    new Promise<LorisResult>((resolve) => {
      const started = performance.now();
      const socket = connect(Number(port), hostname);
      let received = '';
      let timer: NodeJS.Timeout | undefined;
      const headers = 'POST /recommend HTTP/1.1\r\nHost: chaos\r\nContent-Type: application/json\r\n';
      const finish = (closedMs: number | null) => {
        clearInterval(timer);
        clearTimeout(giveUp);
        socket.destroy();
        resolve({ kind, status: received.split('\r\n')[0] ?? '', closedMs });
      };
      const giveUp = setTimeout(() => finish(null), maxSeconds * 1000);
      socket.on('data', (d) => {
        received += d.toString('latin1');
      });
      socket.on('close', () => finish(performance.now() - started));
      socket.on('error', () => undefined);
      socket.on('connect', () => {
        const drip = kind === 'headers' ? headers : '{"services":[{"name":"a","cpu":1,"memory":512}]}';
        if (kind === 'body') socket.write(`${headers}Content-Length: 1000\r\n\r\n`);
        let i = 0;
        timer = setInterval(() => {
          if (!socket.destroyed) socket.write(drip[i++ % drip.length]!);
        }, 1000);
      });
    });
  return Promise.all([
    ...Array.from({ length: count }, () => one('headers')),
    ...Array.from({ length: count }, () => one('body')),
  ]);
}
