/**
 * @module node: puts the app on a Node socket with @hono/node-server, with socket timeouts and a
 * graceful shutdown: stop accepting, let in-flight requests finish, answer stragglers on kept-alive
 * connections with 503 and `Connection: close`, and cut whatever is left after a grace period.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppDeps, buildApp } from './app.js';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from './config.js';
import { type Logger, silentLogger } from './logger.js';

export interface StartServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  deps?: Omit<AppDeps, 'isDraining' | 'logger' | 'keepWorkersWarm' | 'pool'>;
  socket?: Partial<SocketLimits>;
  logger?: Logger;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  /** Stops accepting connections and resolves once in-flight requests finished (or the grace ran out). */
  close(): Promise<void>;
  readonly draining: boolean;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const socket = { ...DEFAULT_SOCKET_LIMITS, ...options.socket };
  const logger = options.logger ?? silentLogger;
  let draining = false;
  const { app, pool } = buildApp({
    ...options.deps,
    logger,
    isDraining: () => draining,
    keepWorkersWarm: true,
  });
  // Listen only once the advise workers have loaded: a request never waits for one to start.
  await pool.ready();

  const server = await listen().catch(async (error: unknown) => {
    // The workers would otherwise keep the process alive: a server that cannot listen must exit.
    await pool.close();
    throw error;
  });
  function listen(): Promise<Server> {
    return new Promise<Server>((resolve, reject) => {
      const s = serve(
        {
          fetch: app.fetch,
          port: options.port,
          hostname: options.host,
          serverOptions: {
            headersTimeout: socket.headersTimeoutMs,
            requestTimeout: socket.requestTimeoutMs,
            keepAliveTimeout: socket.keepAliveTimeoutMs,
            // How often Node checks the two timeouts above (default 30 s, which would let them run long).
            connectionsCheckingInterval: Math.min(1000, socket.headersTimeoutMs),
          },
        },
        () => resolve(s as Server),
      );
      s.once('error', reject);
    });
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info('listening', { url, priceSource: options.deps?.priceSource?.name ?? 'snapshot' });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      draining = true;
      logger.info('shutting down', { graceMs: socket.shutdownGraceMs });
      const timer = setTimeout(() => {
        logger.warn('shutdown grace ran out: closing the remaining connections');
        // A solve still running is cut with its worker; its request gets no answer, like its socket.
        void pool.close();
        server.closeAllConnections();
      }, socket.shutdownGraceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        void pool.close().then(() => {
          logger.info('stopped');
          resolve();
        });
      });
      // Idle kept-alive sockets would hold close() open until their keep-alive timeout.
      server.closeIdleConnections();
    });
    return closing;
  };
  return {
    url,
    host: address.address,
    port: address.port,
    close,
    get draining() {
      return draining;
    },
  };
}
