/** @module create-price-source: the price source a setting asks for, shared by the CLI and the server. */
import { AwsPriceListSource } from './aws-price-list-source.js';
import { type BreakerChange, CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import type { PriceSource } from './price-source.js';
import { PRICE_SOURCE_KINDS, type PriceSourceKind } from './price-source-kinds.js';
import { SnapshotPriceSource } from './snapshot-source.js';

export { PRICE_SOURCE_KINDS, type PriceSourceKind } from './price-source-kinds.js';

export interface PriceSourceSettings {
  prices: PriceSourceKind;
  /** Price List API endpoint URL (live only). */
  endpoint?: string | undefined;
  /** Disk cache folder for live prices (live only; memory only without it). */
  cacheDir?: string | undefined;
  /** Deadline of each Price List call (live only). */
  timeoutMs?: number | undefined;
  /** Longest wait for the Price List API per lookup before the snapshot answers (live only; none if unset). */
  waitMs?: number | undefined;
  /** Circuit breaker thresholds (live only). */
  breaker?: Omit<CircuitBreakerOptions, 'onStateChange' | 'now'> | undefined;
  /** Told of each change of the breaker's state (live only). */
  onBreakerChange?: ((change: BreakerChange) => void) | undefined;
}

/** The embedded snapshot, or the AWS Price List API falling back to the snapshot with a warning. */
export function createPriceSource(settings: PriceSourceSettings): PriceSource {
  if (settings.prices === 'snapshot') return new SnapshotPriceSource();
  const breaker = new CircuitBreaker({
    ...settings.breaker,
    ...(settings.onBreakerChange === undefined ? {} : { onStateChange: settings.onBreakerChange }),
  });
  return new AwsPriceListSource({
    breaker,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.cacheDir === undefined ? {} : { cacheDir: settings.cacheDir }),
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.waitMs === undefined ? {} : { waitMs: settings.waitMs }),
  });
}

export function isPriceSourceKind(value: string): value is PriceSourceKind {
  return (PRICE_SOURCE_KINDS as readonly string[]).includes(value);
}
