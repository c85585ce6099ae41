/** @module price-source: what a price source answers: the prices found for a region, never invented. */
import type { Price, PriceId } from '../model/price.js';

export interface PriceLookup {
  /** The prices found, by id; ids not found are absent (never invented). */
  prices: Map<PriceId, Price>;
  /** Warnings about the lookup itself, such as a fallback from live prices to the snapshot. */
  warnings: string[];
}

/** Answers price queries for one region at a time. */
export interface PriceSource {
  readonly name: string;
  getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup>;
}
