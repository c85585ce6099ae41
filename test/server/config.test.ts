import { describe, expect, it } from 'vitest';
import { priceSourceFor, startServeCommand } from '../../src/cli/serve-run.js';
import { DEFAULT_LIMITS, DEFAULT_LIVE_PRICES, readServerConfig } from '../../src/server/config.js';

describe('config', () => {
  it('defaults to loopback, port 8080, snapshot prices and CORS off', () => {
    const config = readServerConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      prices: 'snapshot',
      corsOrigins: [],
      logLevel: 'info',
    });
    expect(config.limits).toEqual(DEFAULT_LIMITS);
    expect(config.livePrices).toEqual(DEFAULT_LIVE_PRICES);
    expect(priceSourceFor(config).name).toBe('snapshot');
  });

  it('reads every setting from the environment', () => {
    const config = readServerConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      BERTH_PRICES: 'live',
      BERTH_PRICES_ENDPOINT: 'http://127.0.0.1:9/',
      BERTH_CORS_ORIGINS: 'https://a.example, https://b.example',
      BERTH_MAX_BODY_BYTES: '2048',
      BERTH_MAX_CONCURRENT_SOLVES: '4',
      BERTH_MAX_QUEUED_SOLVES: '0',
      BERTH_LOG_LEVEL: 'warn',
      BERTH_WORKER_MAX_HEAP_MB: '512',
      BERTH_WORKER_RECYCLE_TASKS: '2500',
      BERTH_PRICES_TIMEOUT_MS: '3000',
      BERTH_PRICES_WAIT_MS: '250',
      BERTH_PRICES_BREAKER_TIMEOUTS: '1',
      BERTH_PRICES_BREAKER_FAILURES: '10',
      BERTH_PRICES_BREAKER_WINDOW_MS: '60000',
      BERTH_PRICES_BREAKER_OPEN_MS: '5000',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      prices: 'live',
      corsOrigins: ['https://a.example', 'https://b.example'],
      logLevel: 'warn',
      limits: {
        maxBodyBytes: 2048,
        maxConcurrentSolves: 4,
        maxQueuedSolves: 0,
        workerMaxHeapMb: 512,
        workerRecycleTasks: 2500,
      },
      livePrices: {
        timeoutMs: 3000,
        waitMs: 250,
        breaker: { timeoutThreshold: 1, failureThreshold: 10, windowMs: 60_000, openMs: 5000 },
      },
    });
    expect(priceSourceFor(config).name).toBe('live');
  });

  it('refuses invalid values, listing each', () => {
    expect(() =>
      readServerConfig({ PORT: 'eighty', BERTH_PRICES: 'cheap', BERTH_MAX_CONCURRENT_SOLVES: '0' }),
    ).toThrow(/PORT.*BERTH_PRICES.*BERTH_MAX_CONCURRENT_SOLVES/);
    expect(() =>
      readServerConfig({ BERTH_HEADERS_TIMEOUT_MS: '5000', BERTH_REQUEST_TIMEOUT_MS: '1000' }),
    ).toThrow(/BERTH_HEADERS_TIMEOUT_MS: must not exceed/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: expected a whole number, got "eighty"'],
    [{ PORT: '1e3' }, 'PORT: expected a whole number, got "1e3"'],
    [{ PORT: '70000' }, 'PORT: expected a port from 0 to 65535, got 70000'],
    [{ BERTH_MAX_CONCURRENT_SOLVES: '0' }, 'BERTH_MAX_CONCURRENT_SOLVES: expected at least 1, got 0'],
    [{ BERTH_WORKER_MAX_HEAP_MB: '64' }, 'BERTH_WORKER_MAX_HEAP_MB: expected at least 128, got 64'],
  ])('says what is wrong with %j and shows the value as given', (env, reason) => {
    // It used to say "PORT: Invalid input: expected number, received NaN" and "Too small: expected number to be >=1".
    expect(() => readServerConfig(env)).toThrow(`invalid server configuration: ${reason}`);
  });

  it('refuses an empty --port instead of listening on 8080', async () => {
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (text: string) => err.push(text) };
    const { code } = await startServeCommand(['--port', ''], io, { PORT: '9000' });
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      'berth serve: invalid server configuration: --port: expected a value, got ""\n',
    );
  });

  it('names --port, not PORT, when the port came from the command line', async () => {
    const err: string[] = [];
    const io = { stdout: () => {}, stderr: (text: string) => err.push(text) };
    const { code } = await startServeCommand(['--port', 'abc'], io, {});
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      'berth serve: invalid server configuration: --port: expected a whole number, got "abc"\n',
    );
  });
});
