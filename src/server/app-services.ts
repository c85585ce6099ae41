/** @module app-services: what the routes of the app share: its dependencies, limits and solve limiter. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { RequestIdVariables } from 'hono/request-id';
import type { InstanceType } from '../pricing/instance-type.js';
import type { PriceSource } from '../pricing/price-source.js';
import type { Rule } from '../rules/loader.js';
import type { AdvisePool } from './advise-pool.js';
import type { ServerLimits } from './config.js';
import type { IacGenerator } from './iac.js';
import type { Logger } from './logger.js';
import type { SolveLimiter } from './solve-limiter.js';

export type AppEnv = { Variables: RequestIdVariables };
export type BerthApp = OpenAPIHono<AppEnv>;

export interface AppServices {
  priceSource: PriceSource;
  rules: readonly Rule[];
  instanceTypes: readonly InstanceType[] | undefined;
  /** Runs recommend jobs off the request thread. */
  pool: AdvisePool;
  generateIac: IacGenerator | undefined;
  limits: ServerLimits;
  limiter: SolveLimiter;
  logger: Logger;
  isDraining: () => boolean;
}
