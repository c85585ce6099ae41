/**
 * @module app: the HTTP face of Berth, a hono app with no business logic: it decodes, limits, calls
 * advise() and maps every failure to problem+json. `node.ts` puts it on a socket.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { generateIac } from '../iac/generate.js';
import { describeIssues, toIssues } from '../issues.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { PriceSource } from '../pricing/price-source.js';
import { SnapshotPriceSource } from '../pricing/snapshot-source.js';
import { loadRules, type Rule } from '../rules/loader.js';
import { AdvisePool } from './advise-pool.js';
import type { AppEnv, AppServices, BerthApp } from './app-services.js';
import { registerCatalogRoutes } from './catalog-routes.js';
import { DEFAULT_LIMITS, type ServerLimits } from './config.js';
import { registerDocsRoutes } from './docs-page.js';
import type { IacGenerator } from './iac.js';
import { registerImportRoute } from './import-route.js';
import { describeError, type Logger, silentLogger } from './logger.js';
import { registerMetaRoutes } from './meta-routes.js';
import { HttpProblem, PROBLEM_CONTENT_TYPE, toProblem } from './problem.js';
import { registerRecommendRoute } from './recommend-route.js';
import { SolveLimiter } from './solve-limiter.js';
import { registerWebPage } from './web-page.js';

export interface AppDeps {
  /** Where prices come from; default: the embedded snapshot (offline). */
  priceSource?: PriceSource;
  /** The decision rules; default: the rules/ folder shipped with Berth, loaded once here. */
  rules?: readonly Rule[];
  instanceTypes?: readonly InstanceType[];
  /** Generates IaC for `iac=` requests; default: src/iac's generateIac. `null`: none (501 IAC_UNAVAILABLE). */
  generateIac?: IacGenerator | null;
  limits?: Partial<ServerLimits>;
  /** Origins allowed by CORS; CORS is off when empty or absent. */
  corsOrigins?: readonly string[];
  logger?: Logger;
  /** True once a graceful shutdown began: new requests get 503 SHUTTING_DOWN and connections close. */
  isDraining?: () => boolean;
  /**
   * Keep the advise workers running between requests (a server: startServer closes them on shutdown).
   * Otherwise they start on the first request and stop after 10 s idle, so a caller's process can exit.
   */
  keepWorkersWarm?: boolean;
  /**
   * Advise workers to share with other apps (tests); its rules and instance types are then the ones
   * used, and `rules`, `instanceTypes`, `keepWorkersWarm` and the heap cap are not read. The caller
   * closes it.
   */
  pool?: AdvisePool;
}

/** How long an idle advise worker is kept when the app does not keep them warm. */
export const IDLE_WORKER_MS = 10_000;

/**
 * Builds the app. Nothing here listens on a socket; `app.request()` drives it in tests. Recommendations
 * run in a pool of worker threads (advise-pool.ts), one per concurrent solve.
 */
export function createApp(deps: AppDeps = {}): BerthApp {
  return buildApp(deps).app;
}

/** The app and its worker pool, for a caller that must close the pool (startServer). */
export function buildApp(deps: AppDeps = {}): { app: BerthApp; pool: AdvisePool } {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const logger = deps.logger ?? silentLogger;
  const priceSource = deps.priceSource ?? new SnapshotPriceSource();
  const pool =
    deps.pool ??
    new AdvisePool({
      size: limits.maxConcurrentSolves,
      rules: deps.rules ?? loadRules(),
      instanceTypes: deps.instanceTypes,
      maxHeapMb: limits.workerMaxHeapMb,
      recycleMb: limits.workerRecycleMb,
      recycleTasks: limits.workerRecycleTasks,
      idleMs: deps.keepWorkersWarm ? Number.POSITIVE_INFINITY : IDLE_WORKER_MS,
      logger,
    });
  const services: AppServices = {
    priceSource,
    rules: pool.rules,
    instanceTypes: pool.instanceTypes,
    pool,
    generateIac: deps.generateIac === null ? undefined : (deps.generateIac ?? generateIac),
    limits,
    limiter: new SolveLimiter({
      maxConcurrent: limits.maxConcurrentSolves,
      maxQueued: limits.maxQueuedSolves,
    }),
    logger,
    isDraining: deps.isDraining ?? (() => false),
  };

  const app: BerthApp = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issues = toIssues(result.error, { prefix: result.target });
      throw new HttpProblem('INVALID_OPTIONS', `invalid ${result.target}: ${describeIssues(issues)}`, {
        issues,
      });
    },
  });

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Path only: the query may carry options, and nothing of the body or headers is logged.
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      overwrite: false,
    }),
  );
  if (deps.corsOrigins && deps.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: [...deps.corsOrigins],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        exposeHeaders: ['X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }
  app.use(async (c, next) => {
    if (services.isDraining() && c.req.path !== '/healthz') {
      c.header('Connection', 'close');
      throw new HttpProblem('SHUTTING_DOWN', 'server shutting down: retry on another instance');
    }
    await next();
    // A response finished during the drain closes its connection, so no idle socket holds the exit.
    if (services.isDraining()) c.res.headers.set('Connection', 'close');
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (_c, methods) => {
        throw new HttpProblem('METHOD_NOT_ALLOWED', `method not allowed: use ${methods.join(', ')}`, {
          headers: { Allow: methods.join(', ') },
        });
      },
    }),
  );

  registerRecommendRoute(app, services);
  registerImportRoute(app, services);
  registerCatalogRoutes(app, services);
  registerMetaRoutes(app, services);
  registerDocsRoutes(app);
  registerWebPage(app, services);

  const respond = (error: unknown, c: Context<AppEnv>) => {
    const id = c.get('requestId') ?? 'unknown';
    const { problem, headers, internal } = toProblem(error, id, limits.retryAfterSeconds);
    if (internal)
      logger.error('request failed', { requestId: id, code: problem.code, error: describeError(error) });
    return c.body(JSON.stringify(problem), problem.status as 400, {
      ...headers,
      'Content-Type': PROBLEM_CONTENT_TYPE,
    });
  };
  // Returned, not thrown: methodNotAllowed turns a plain 404 into a 405 when another method matches.
  app.notFound((c) =>
    respond(new HttpProblem('NOT_FOUND', `not found: no route ${c.req.method} ${c.req.path}`), c),
  );
  app.onError(respond);
  return { app, pool };
}
