import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { createLogger, describeError } from '../../src/server/logger.js';

describe('logger', () => {
  it('writes one JSON line per entry at or above its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (l) => lines.push(l), now: () => new Date(0) });
    logger.info('skipped');
    logger.error('kept', { requestId: 'r1' });
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"error","msg":"kept","requestId":"r1"}\n',
    ]);
  });

  it('reduces an error to name, code, message, stack and causes, dropping other properties', () => {
    const sdkError = Object.assign(new Error('throttled'), {
      $response: { headers: { authorization: 'AWS4 secret' } },
    });
    const wrapped = new BerthError('PRICE_SOURCE_UNAVAILABLE', 'prices: down', { cause: sdkError });
    const fields = describeError(wrapped);
    expect(fields).toMatchObject({
      name: 'BerthError',
      code: 'PRICE_SOURCE_UNAVAILABLE',
      cause: { message: 'throttled' },
    });
    expect(JSON.stringify(fields)).not.toContain('secret');
  });
});
