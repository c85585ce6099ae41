/**
 * @module price-cache: live prices kept in memory and, when a folder is given, on disk (one JSON file per
 * region) for a time to live. The disk cache is disposable: a broken file is ignored with a warning.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PriceId } from '../model/price.js';
import { type SnapshotPrice, SnapshotPriceSchema } from './snapshot-files.js';
import { writeFileAtomically } from './write-file-atomically.js';

const CacheFileSchema = z.object({
  region: z.string(),
  entries: z.record(z.string(), z.object({ fetchedAt: z.iso.datetime(), price: SnapshotPriceSchema })),
});

interface Entry {
  fetchedAt: number;
  price: SnapshotPrice;
}

export interface PriceCacheOptions {
  /** Folder for `<region>.json` files; memory only when absent. */
  dir?: string | undefined;
  ttlMs: number;
  now: () => number;
}

export interface CacheRead {
  prices: Map<PriceId, SnapshotPrice>;
  warnings: string[];
}

export class PriceCache {
  readonly #options: PriceCacheOptions;
  readonly #regions = new Map<string, Promise<Map<PriceId, Entry>>>();
  readonly #writes = new Map<string, Promise<unknown>>();
  readonly #loadWarnings = new Map<string, string>();

  constructor(options: PriceCacheOptions) {
    this.#options = options;
  }

  /** The unexpired prices among `ids`. The region must be a checked region code (it names a file). */
  async get(region: string, ids: readonly PriceId[]): Promise<CacheRead> {
    const entries = await this.#region(region);
    const now = this.#options.now();
    const prices = new Map<PriceId, SnapshotPrice>();
    for (const id of ids) {
      const entry = entries.get(id);
      if (entry && now - entry.fetchedAt < this.#options.ttlMs) prices.set(id, entry.price);
    }
    const warning = this.#loadWarnings.get(region);
    this.#loadWarnings.delete(region);
    return { prices, warnings: warning === undefined ? [] : [warning] };
  }

  /** Keeps the prices, and rewrites the region's file without expired entries; returns warnings, never throws. */
  async put(region: string, prices: ReadonlyMap<PriceId, SnapshotPrice>): Promise<string[]> {
    const entries = await this.#region(region);
    const fetchedAt = this.#options.now();
    for (const [id, price] of prices) entries.set(id, { fetchedAt, price });
    const dir = this.#options.dir;
    if (dir === undefined || prices.size === 0) return [];
    // Writes to one file are chained so that two lookups never interleave their renames.
    const write = (this.#writes.get(region) ?? Promise.resolve()).then(() =>
      this.#write(dir, region, entries),
    );
    this.#writes.set(
      region,
      write.catch(() => undefined),
    );
    return write.then(
      () => [],
      (error: unknown) => [`price cache not written: ${String(error)}`],
    );
  }

  #region(region: string): Promise<Map<PriceId, Entry>> {
    let pending = this.#regions.get(region);
    if (!pending) {
      pending = this.#read(region);
      this.#regions.set(region, pending);
    }
    return pending;
  }

  async #read(region: string): Promise<Map<PriceId, Entry>> {
    const dir = this.#options.dir;
    if (dir === undefined) return new Map();
    const file = path.join(dir, `${region}.json`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new Map(); // No cache yet.
    }
    try {
      const parsed = CacheFileSchema.parse(JSON.parse(text));
      if (parsed.region !== region) throw new Error(`it holds region "${parsed.region}"`);
      return new Map(
        Object.entries(parsed.entries).map(([id, e]) => [
          id,
          { fetchedAt: Date.parse(e.fetchedAt), price: e.price },
        ]),
      );
    } catch (error) {
      this.#loadWarnings.set(
        region,
        `price cache ${file} ignored: ${error instanceof Error ? error.message : error}`,
      );
      return new Map();
    }
  }

  async #write(dir: string, region: string, entries: ReadonlyMap<PriceId, Entry>): Promise<void> {
    const now = this.#options.now();
    const fresh = [...entries].filter(([, e]) => now - e.fetchedAt < this.#options.ttlMs);
    const file = path.join(dir, `${region}.json`);
    const content = {
      region,
      entries: Object.fromEntries(
        fresh.map(([id, e]) => [id, { fetchedAt: new Date(e.fetchedAt).toISOString(), price: e.price }]),
      ),
    };
    await writeFileAtomically(file, `${JSON.stringify(content, null, 2)}\n`);
  }
}
