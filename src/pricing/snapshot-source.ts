/** @module snapshot-source: prices from the embedded snapshot (data/prices/<region>.json); works offline. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../errors.js';
import type { Price, PriceId } from '../model/price.js';
import { DATA_DIR } from '../paths.js';
import type { PriceLookup, PriceSource } from './price-source.js';
import { readDataFile, readDataFileSync } from './read-data-file.js';
import { isRegionCode } from './region-code.js';
import {
  type RegionPricesFile,
  RegionPricesFileSchema,
  type RegionSummary,
  RegionsIndexFileSchema,
} from './snapshot-files.js';

export interface SnapshotRegion extends RegionSummary {
  region: string;
}

/** The regions the snapshot has prices for, from data/regions.json, in code-unit order. */
export function listSnapshotRegions(dataDir: string = DATA_DIR): readonly SnapshotRegion[] {
  const index = readDataFileSync(path.join(dataDir, 'regions.json'), RegionsIndexFileSchema);
  return Object.entries(index.regions).map(([region, summary]) => ({ region, ...summary }));
}

/**
 * The regions Berth knows: those of data/regions.json, the list `berth regions` shows. A workload in any
 * other region is refused (docs/workload.md#regions-berth-knows). Every recommendation asks, so the list is
 * read once per folder (about 0.45 ms a read and parse of the 28 KB file), as the instance catalog is.
 */
export function listKnownRegions(dataDir: string = DATA_DIR): readonly string[] {
  let known = knownRegions.get(dataDir);
  if (known === undefined) {
    known = Object.freeze(listSnapshotRegions(dataDir).map((r) => r.region));
    knownRegions.set(dataDir, known);
  }
  return known;
}

const knownRegions = new Map<string, readonly string[]>();

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Reads each region's file on the first query for that region and keeps it. A region without a file
 * answers an empty lookup with a warning; a file that exists but is broken throws PRICE_DATA_INVALID.
 */
export class SnapshotPriceSource implements PriceSource {
  readonly name = 'snapshot';
  readonly #dataDir: string;
  readonly #regions = new Map<string, Promise<RegionPricesFile | undefined>>();

  constructor(options: { dataDir?: string } = {}) {
    this.#dataDir = options.dataDir ?? DATA_DIR;
  }

  async getPrices(region: string, ids: readonly PriceId[]): Promise<PriceLookup> {
    const file = await this.#loadRegion(region);
    if (file === undefined) {
      const why = isRegionCode(region) ? 'the snapshot has no prices for it' : 'it is not a region code';
      return { prices: new Map(), warnings: [`no snapshot prices for region "${region}": ${why}`] };
    }
    const prices = new Map<PriceId, Price>();
    for (const id of ids) {
      const stored = Object.hasOwn(file.prices, id) ? file.prices[id] : undefined;
      if (stored) prices.set(id, { id, region, ...stored, origin: 'snapshot' });
    }
    return { prices, warnings: [] };
  }

  #loadRegion(region: string): Promise<RegionPricesFile | undefined> {
    let pending = this.#regions.get(region);
    if (!pending) {
      pending = this.#readRegion(region);
      // A failed read is not kept, so a fixed file is read again on the next query.
      pending.catch(() => this.#regions.delete(region));
      this.#regions.set(region, pending);
    }
    return pending;
  }

  async #readRegion(region: string): Promise<RegionPricesFile | undefined> {
    // The region becomes part of a path, so only a well-formed region code is looked up.
    if (!isRegionCode(region)) return undefined;
    const file = path.join(this.#dataDir, 'prices', `${region}.json`);
    if (!(await exists(file))) return undefined;
    const parsed = await readDataFile(file, RegionPricesFileSchema);
    if (parsed.region !== region) {
      throw new BerthError('PRICE_DATA_INVALID', `cannot read ${file}: it holds region "${parsed.region}"`);
    }
    return parsed;
  }
}
