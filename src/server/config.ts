/** @module config: the server's settings, their defaults, and how they are read from the environment. */
import { z } from 'zod';
import { BerthError } from '../errors.js';
import { describeIssues, toIssues } from '../issues.js';
import { DEFAULT_BREAKER } from '../pricing/circuit-breaker.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';
import { DEFAULT_RECYCLE_TASKS } from './worker-memory.js';

export interface ServerLimits {
  /** Largest request body accepted, bytes (413 above it). */
  maxBodyBytes: number;
  /** Deadline of one recommendation, queueing included (503 SOLVE_TIMEOUT after it). */
  solveTimeoutMs: number;
  /** Recommendations computed at once, each in its own worker thread. */
  maxConcurrentSolves: number;
  /** Requests allowed to wait for a slot; more get 503 SERVER_BUSY with Retry-After. */
  maxQueuedSolves: number;
  /** Seconds suggested in Retry-After on 503. */
  retryAfterSeconds: number;
  /** Heap cap of each advise worker thread, MiB; a recommendation that needs more fails alone. */
  workerMaxHeapMb: number;
  /** A worker holding more than this after a job (heap and LP solver memory, MiB) is replaced. */
  workerRecycleMb: number;
  /** A worker that has just recommended a workload of more than this many tasks at its peak is replaced. */
  workerRecycleTasks: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 1024 * 1024,
  solveTimeoutMs: 20_000,
  maxConcurrentSolves: 2,
  maxQueuedSolves: 16,
  retryAfterSeconds: 1,
  workerMaxHeapMb: 1024,
  workerRecycleMb: 160,
  workerRecycleTasks: DEFAULT_RECYCLE_TASKS,
};

/** Node socket limits; Node 20's own defaults (300 s request, 60 s headers) are far too lax for an API. */
export interface SocketLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How long a graceful shutdown waits for in-flight requests before cutting connections. */
  shutdownGraceMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  shutdownGraceMs: 25_000,
};

/** How the server treats the live Price List API (BERTH_PRICES=live only). */
export interface LivePriceSettings {
  /** Deadline of each API call. */
  timeoutMs: number;
  /** Longest a request waits for the API beyond the cache; the snapshot answers the rest. */
  waitMs: number;
  /** The circuit breaker shared by every request (pricing/circuit-breaker.ts). */
  breaker: { timeoutThreshold: number; failureThreshold: number; windowMs: number; openMs: number };
}

export const DEFAULT_LIVE_PRICES: LivePriceSettings = {
  timeoutMs: 5000,
  // A request's answer must not wait on a slow API: what is not back in 500 ms comes from the snapshot,
  // and the late answer fills the cache for the requests after it.
  waitMs: 500,
  breaker: { ...DEFAULT_BREAKER },
};

export interface ServerConfig {
  host: string;
  port: number;
  prices: 'snapshot' | 'live';
  /** Price List API endpoint (live prices only; a local fake in tests). */
  pricesEndpoint: string | undefined;
  pricesCacheDir: string | undefined;
  livePrices: LivePriceSettings;
  corsOrigins: string[];
  logLevel: LogLevel;
  limits: ServerLimits;
  socket: SocketLimits;
}

/** Where `berth serve` listens unless HOST and PORT say otherwise (also the contract's `servers`). */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

/** A whole number of at least `min`, written in decimal digits; an error shows the value as given. */
const int = (min: number) =>
  z
    .string()
    .regex(/^\s*\d+\s*$/, { error: (issue) => `expected a whole number, got ${JSON.stringify(issue.input)}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: (issue) => `expected at least ${min}, got ${issue.input}` })
        .max(Number.MAX_SAFE_INTEGER, { error: (issue) => `expected a smaller number, got ${issue.input}` }),
    );

/** Environment variables the server reads, with their meaning; also the source of the README's table. */
export const SERVER_ENV = {
  HOST: `address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for all interfaces)`,
  PORT: `port to listen on (default ${DEFAULT_PORT})`,
  BERTH_PRICES: '`snapshot` (default, embedded, offline) or `live` (AWS Price List API, snapshot fallback)',
  BERTH_PRICES_ENDPOINT: 'Price List API endpoint URL (live only)',
  BERTH_PRICES_CACHE_DIR: 'disk cache folder for live prices (default: memory only)',
  BERTH_PRICES_TIMEOUT_MS: `live only: deadline of each Price List call (default ${DEFAULT_LIVE_PRICES.timeoutMs})`,
  BERTH_PRICES_WAIT_MS: `live only: longest a request waits for the API beyond its cache; the snapshot answers the rest (default ${DEFAULT_LIVE_PRICES.waitMs})`,
  BERTH_PRICES_BREAKER_TIMEOUTS: `live only: timed-out calls within the window that open the circuit breaker (default ${DEFAULT_BREAKER.timeoutThreshold})`,
  BERTH_PRICES_BREAKER_FAILURES: `live only: failed calls (5xx, throttling, timeouts, ...) within the window that open it (default ${DEFAULT_BREAKER.failureThreshold})`,
  BERTH_PRICES_BREAKER_WINDOW_MS: `live only: the breaker's window (default ${DEFAULT_BREAKER.windowMs})`,
  BERTH_PRICES_BREAKER_OPEN_MS: `live only: how long it stays open before one probe call (default ${DEFAULT_BREAKER.openMs})`,
  BERTH_CORS_ORIGINS: 'comma-separated origins allowed by CORS (default: CORS off)',
  BERTH_LOG_LEVEL: 'debug, info (default), warn, error or silent',
  BERTH_MAX_BODY_BYTES: `largest body accepted (default ${DEFAULT_LIMITS.maxBodyBytes})`,
  BERTH_SOLVE_TIMEOUT_MS: `deadline of one recommendation (default ${DEFAULT_LIMITS.solveTimeoutMs})`,
  BERTH_MAX_CONCURRENT_SOLVES: `recommendations computed at once (default ${DEFAULT_LIMITS.maxConcurrentSolves})`,
  BERTH_MAX_QUEUED_SOLVES: `requests waiting for a slot before 503 (default ${DEFAULT_LIMITS.maxQueuedSolves})`,
  BERTH_WORKER_MAX_HEAP_MB: `heap cap of each recommendation worker thread, MiB (default ${DEFAULT_LIMITS.workerMaxHeapMb})`,
  BERTH_WORKER_RECYCLE_MB: `a worker holding more than this after a recommendation is replaced, MiB (default ${DEFAULT_LIMITS.workerRecycleMb})`,
  BERTH_WORKER_RECYCLE_TASKS: `a worker that has just recommended a workload of more than this many tasks at its peak is replaced (default ${DEFAULT_LIMITS.workerRecycleTasks})`,
  BERTH_HEADERS_TIMEOUT_MS: `time to receive request headers (default ${DEFAULT_SOCKET_LIMITS.headersTimeoutMs})`,
  BERTH_REQUEST_TIMEOUT_MS: `time to receive a whole request (default ${DEFAULT_SOCKET_LIMITS.requestTimeoutMs})`,
  BERTH_SHUTDOWN_GRACE_MS: `wait for in-flight requests on SIGTERM (default ${DEFAULT_SOCKET_LIMITS.shutdownGraceMs})`,
} as const;

const EnvSchema = z
  .object({
    HOST: z.string().min(1).default(DEFAULT_HOST),
    PORT: int(0)
      .pipe(
        z.number().max(65535, { error: (issue) => `expected a port from 0 to 65535, got ${issue.input}` }),
      )
      .default(DEFAULT_PORT),
    BERTH_PRICES: z.enum(['snapshot', 'live']).default('snapshot'),
    BERTH_PRICES_ENDPOINT: z.url().optional(),
    BERTH_PRICES_CACHE_DIR: z.string().min(1).optional(),
    BERTH_PRICES_TIMEOUT_MS: int(1).default(DEFAULT_LIVE_PRICES.timeoutMs),
    BERTH_PRICES_WAIT_MS: int(1).default(DEFAULT_LIVE_PRICES.waitMs),
    BERTH_PRICES_BREAKER_TIMEOUTS: int(1).default(DEFAULT_BREAKER.timeoutThreshold),
    BERTH_PRICES_BREAKER_FAILURES: int(1).default(DEFAULT_BREAKER.failureThreshold),
    BERTH_PRICES_BREAKER_WINDOW_MS: int(1).default(DEFAULT_BREAKER.windowMs),
    BERTH_PRICES_BREAKER_OPEN_MS: int(1).default(DEFAULT_BREAKER.openMs),
    BERTH_CORS_ORIGINS: z.string().optional(),
    BERTH_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    BERTH_MAX_BODY_BYTES: int(1).default(DEFAULT_LIMITS.maxBodyBytes),
    BERTH_SOLVE_TIMEOUT_MS: int(1).default(DEFAULT_LIMITS.solveTimeoutMs),
    BERTH_MAX_CONCURRENT_SOLVES: int(1).default(DEFAULT_LIMITS.maxConcurrentSolves),
    BERTH_MAX_QUEUED_SOLVES: int(0).default(DEFAULT_LIMITS.maxQueuedSolves),
    // Below 128 MiB a worker cannot even load the price snapshot and the rules.
    BERTH_WORKER_MAX_HEAP_MB: int(128).default(DEFAULT_LIMITS.workerMaxHeapMb),
    BERTH_WORKER_RECYCLE_MB: int(1).default(DEFAULT_LIMITS.workerRecycleMb),
    BERTH_WORKER_RECYCLE_TASKS: int(1).default(DEFAULT_LIMITS.workerRecycleTasks),
    BERTH_HEADERS_TIMEOUT_MS: int(1).default(DEFAULT_SOCKET_LIMITS.headersTimeoutMs),
    BERTH_REQUEST_TIMEOUT_MS: int(1).default(DEFAULT_SOCKET_LIMITS.requestTimeoutMs),
    BERTH_SHUTDOWN_GRACE_MS: int(0).default(DEFAULT_SOCKET_LIMITS.shutdownGraceMs),
  })
  .refine((e) => e.BERTH_HEADERS_TIMEOUT_MS <= e.BERTH_REQUEST_TIMEOUT_MS, {
    // Node refuses a headers timeout longer than the request timeout.
    path: ['BERTH_HEADERS_TIMEOUT_MS'],
    message: 'must not exceed BERTH_REQUEST_TIMEOUT_MS',
  });

/** Reads the configuration from environment variables; an invalid value fails with every problem listed. */
export function readServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    throw new BerthError('INPUT_UNREADABLE', `invalid server configuration: ${describeIssues(issues)}`, {
      issues,
    });
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    prices: e.BERTH_PRICES,
    pricesEndpoint: e.BERTH_PRICES_ENDPOINT,
    pricesCacheDir: e.BERTH_PRICES_CACHE_DIR,
    livePrices: {
      timeoutMs: e.BERTH_PRICES_TIMEOUT_MS,
      waitMs: e.BERTH_PRICES_WAIT_MS,
      breaker: {
        timeoutThreshold: e.BERTH_PRICES_BREAKER_TIMEOUTS,
        failureThreshold: e.BERTH_PRICES_BREAKER_FAILURES,
        windowMs: e.BERTH_PRICES_BREAKER_WINDOW_MS,
        openMs: e.BERTH_PRICES_BREAKER_OPEN_MS,
      },
    },
    corsOrigins: (e.BERTH_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    logLevel: e.BERTH_LOG_LEVEL,
    limits: {
      maxBodyBytes: e.BERTH_MAX_BODY_BYTES,
      solveTimeoutMs: e.BERTH_SOLVE_TIMEOUT_MS,
      maxConcurrentSolves: e.BERTH_MAX_CONCURRENT_SOLVES,
      maxQueuedSolves: e.BERTH_MAX_QUEUED_SOLVES,
      retryAfterSeconds: DEFAULT_LIMITS.retryAfterSeconds,
      workerMaxHeapMb: e.BERTH_WORKER_MAX_HEAP_MB,
      workerRecycleMb: e.BERTH_WORKER_RECYCLE_MB,
      workerRecycleTasks: e.BERTH_WORKER_RECYCLE_TASKS,
    },
    socket: {
      headersTimeoutMs: e.BERTH_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.BERTH_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: DEFAULT_SOCKET_LIMITS.keepAliveTimeoutMs,
      shutdownGraceMs: e.BERTH_SHUTDOWN_GRACE_MS,
    },
  };
}
