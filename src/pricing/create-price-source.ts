/** @module create-price-source: the price source a setting asks for, shared by the CLI and the server. */
import { AwsPriceListSource } from './aws-price-list-source.js';
import type { PriceSource } from './price-source.js';
import { SnapshotPriceSource } from './snapshot-source.js';

export const PRICE_SOURCE_KINDS = ['snapshot', 'live'] as const;
export type PriceSourceKind = (typeof PRICE_SOURCE_KINDS)[number];

export interface PriceSourceSettings {
  prices: PriceSourceKind;
  /** Price List API endpoint URL (live only). */
  endpoint?: string | undefined;
  /** Disk cache folder for live prices (live only; memory only without it). */
  cacheDir?: string | undefined;
}

/** The embedded snapshot, or the AWS Price List API falling back to the snapshot with a warning. */
export function createPriceSource(settings: PriceSourceSettings): PriceSource {
  if (settings.prices === 'snapshot') return new SnapshotPriceSource();
  return new AwsPriceListSource({
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.cacheDir === undefined ? {} : { cacheDir: settings.cacheDir }),
  });
}

export function isPriceSourceKind(value: string): value is PriceSourceKind {
  return (PRICE_SOURCE_KINDS as readonly string[]).includes(value);
}
