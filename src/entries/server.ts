/** @module berth/server: the HTTP API as a hono app, and a Node server that listens and drains. */
export { AdvisePool, type AdvisePoolOptions } from '../server/advise-pool.js';
export { type AppDeps, createApp } from '../server/app.js';
export type { BerthApp } from '../server/app-services.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_LIVE_PRICES,
  DEFAULT_SOCKET_LIMITS,
  type LivePriceSettings,
  readServerConfig,
  SERVER_ENV,
  type ServerConfig,
  type ServerLimits,
  type SocketLimits,
} from '../server/config.js';
export type { IacGenerator } from '../server/iac.js';
export { createLogger, type Logger, type LogLevel } from '../server/logger.js';
export { type RunningServer, type StartServerOptions, startServer } from '../server/node.js';
export { buildOpenApiDocument, renderOpenApiYaml } from '../server/openapi-document.js';
export { PROBLEM_CODES, type Problem, type ProblemCode } from '../server/problem.js';
