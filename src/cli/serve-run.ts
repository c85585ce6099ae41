/**
 * @module serve-run: what `berth serve` runs (serve-command.ts declares it): reads the configuration,
 * starts the server and serves until SIGTERM or SIGINT.
 */
import { parseArgs } from 'node:util';
import { isBerthError } from '../errors.js';
import { createPriceSource } from '../pricing/create-price-source.js';
import type { PriceSource } from '../pricing/price-source.js';
import { readServerConfig, type ServerConfig } from '../server/config.js';
import { createLogger, type Logger } from '../server/logger.js';
import type { RunningServer } from '../server/node.js';
import { SERVE_USAGE } from './serve-usage.js';
import { applyServeV8Flags } from './serve-v8.js';

export interface ServeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A configuration error, naming `--port` and `--host` where the value came from the command line. */
function describeConfigError(error: unknown, flags: { port?: string; host?: string }): string {
  if (!isBerthError(error) || error.issues.length === 0)
    return String(error instanceof Error ? error.message : error);
  const renamed = error.issues.map((issue) => {
    if (issue.path === 'PORT' && flags.port !== undefined) return { ...issue, path: '--port' };
    if (issue.path === 'HOST' && flags.host !== undefined) return { ...issue, path: '--host' };
    return issue;
  });
  return `invalid server configuration: ${renamed.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
}

/**
 * The price source the configuration asks for: the snapshot, or live prices falling back to it, under a
 * circuit breaker whose every change of state is logged once, at warn.
 */
export function priceSourceFor(config: ServerConfig, logger?: Logger): PriceSource {
  return createPriceSource({
    prices: config.prices,
    endpoint: config.pricesEndpoint,
    cacheDir: config.pricesCacheDir,
    timeoutMs: config.livePrices.timeoutMs,
    waitMs: config.livePrices.waitMs,
    breaker: config.livePrices.breaker,
    onBreakerChange: (change) =>
      logger?.warn(`price source circuit ${change.to}`, { from: change.from, reason: change.reason }),
  });
}

/**
 * Starts the server and resolves once it is listening, with the running server (so tests and the
 * benchmark can stop it). Exit codes for the CLI: 0 after a clean shutdown, 1 if it cannot start, 2 usage.
 */
export async function startServeCommand(
  argv: string[],
  io: ServeIo,
  env: Record<string, string | undefined> = process.env,
): Promise<{ code: number; server?: RunningServer }> {
  let values: { port?: string | undefined; host?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`berth serve: ${(error as Error).message}\n${SERVE_USAGE}`);
    return { code: 2 };
  }
  if (values.help) {
    io.stdout(SERVE_USAGE);
    return { code: 0 };
  }
  // An empty flag would read as unset (the environment's empty values do), and quietly listen on 8080.
  for (const [flag, value] of [
    ['--port', values.port],
    ['--host', values.host],
  ] as const) {
    if (value !== undefined && value.trim() === '') {
      io.stderr(`berth serve: invalid server configuration: ${flag}: expected a value, got ""\n`);
      return { code: 2 };
    }
  }
  let config: ServerConfig;
  try {
    config = readServerConfig({
      ...env,
      ...(values.port === undefined ? {} : { PORT: values.port }),
      ...(values.host === undefined ? {} : { HOST: values.host }),
    });
  } catch (error) {
    io.stderr(`berth serve: ${describeConfigError(error, values)}\n`);
    return { code: 2 };
  }
  const logger = createLogger({ level: config.logLevel, write: io.stdout });
  // Before any advise worker starts: V8 settings for the fleet solves they run (serve-v8.ts).
  applyServeV8Flags();
  try {
    // Loaded here, not with the CLI: the HTTP stack (hono, its OpenAPI layer, the Node adapter) added
    // about 0.1 s to every other command's start (docs/ARCHITECTURE.md#start-up-time).
    const { startServer } = await import('../server/node.js');
    const server = await startServer({
      port: config.port,
      host: config.host,
      socket: config.socket,
      logger,
      deps: {
        priceSource: priceSourceFor(config, logger),
        limits: config.limits,
        corsOrigins: config.corsOrigins,
      },
    });
    return { code: 0, server };
  } catch (error) {
    io.stderr(`berth serve: could not start: ${(error as Error).message}\n`);
    return { code: 1 };
  }
}

/** The CLI command: serves until SIGTERM or SIGINT, then drains and returns 0. */
export async function runServeCommand(argv: string[], io: ServeIo): Promise<number> {
  const { code, server } = await startServeCommand(argv, io);
  if (server === undefined) return code;
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void server.close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return 0;
}
