import { describe, expect, it } from 'vitest';
import { priceSourceFor } from '../../src/cli/serve-command.js';
import { DEFAULT_LIMITS, readServerConfig } from '../../src/server/config.js';

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
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      prices: 'live',
      corsOrigins: ['https://a.example', 'https://b.example'],
      logLevel: 'warn',
      limits: { maxBodyBytes: 2048, maxConcurrentSolves: 4, maxQueuedSolves: 0 },
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
});
