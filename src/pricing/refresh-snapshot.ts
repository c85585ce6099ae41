/**
 * @module refresh-snapshot: rewrites one region's snapshot file from the live Price List API, and records
 * the instance types' current generation in the data folder's instance catalog. Nothing is filled in from
 * the old snapshot: an id the API cannot answer is reported, and on any error the old files are left as
 * they were.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PriceId } from '../model/price.js';
import type { AwsPriceListSource } from './aws-price-list-source.js';
import { applyCurrentGeneration } from './catalog-generation.js';
import type { InstanceType } from './instance-type.js';
import { ec2PriceId, NON_EC2_PRICE_IDS } from './price-ids.js';
import { priceListQueryFor } from './price-list-queries.js';
import { parseDataFile } from './read-data-file.js';
import { summarizeRegionPrices } from './region-index.js';
import {
  RegionPricesFileSchema,
  type RegionsIndexFile,
  RegionsIndexFileSchema,
  type SnapshotPrice,
} from './snapshot-files.js';
import { formatSnapshotJson, sortByKey } from './snapshot-json.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface RefreshSnapshotOptions {
  region: string;
  /** The data folder to write into: `<outDir>/prices/<region>.json` and `<outDir>/regions.json`. */
  outDir: string;
  source: AwsPriceListSource;
  /** Instance types to price (`ec2:<type>`), by name or as catalog entries, besides every non-EC2 price id. */
  instanceTypes: readonly (string | Pick<InstanceType, 'name'>)[];
}

export interface RefreshReport {
  /** The price file written, or null when nothing was written. */
  file: string | null;
  prices: number;
  /** Ids with no product in this region (the region does not offer them); an expected gap. */
  notOffered: PriceId[];
  /** Ids that failed for any other reason; when there are any, nothing is written. */
  errors: Map<PriceId, string>;
  /**
   * `currentGeneration` as the API gave it: `known` types had the attribute; `updated` of them were in
   * `<outDir>/instance-types.json` and were written there (`file`, null when nothing was written).
   */
  currentGeneration: { known: number; updated: number; file: string | null };
  warnings: string[];
}

async function readIndex(file: string): Promise<RegionsIndexFile> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    return {
      provenance: { sources: [], notes: 'Per region: written by `berth prices refresh`.' },
      regions: {},
    };
  }
  return parseDataFile(file, text, RegionsIndexFileSchema);
}

export async function refreshSnapshot(options: RefreshSnapshotOptions): Promise<RefreshReport> {
  const { region, outDir, source } = options;
  const names = options.instanceTypes.map((type) => (typeof type === 'string' ? type : type.name));
  // Only ids the Price List can answer: the dedicated regional fee has no known usage type, a gateway
  // endpoint has no product (it is free) and the later egress tiers are dimensions the parser does not
  // pick, so a refreshed region file leaves them out and their lines are flagged MISSING there.
  const answerable = NON_EC2_PRICE_IDS.filter((id) => priceListQueryFor(region, id) !== undefined);
  const ids = [...names.map(ec2PriceId), ...answerable];
  const live = await source.fetchPrices(region, ids, { cache: false });
  const notOffered: PriceId[] = [];
  const errors = new Map<PriceId, string>();
  for (const [id, failure] of live.failures) {
    if (failure.kind === 'not-found') notOffered.push(id);
    else errors.set(id, failure.reason);
  }
  const report: RefreshReport = {
    file: null,
    prices: live.prices.size,
    notOffered,
    errors,
    currentGeneration: { known: live.currentGeneration.size, updated: 0, file: null },
    warnings: live.warnings,
  };
  if (errors.size > 0 || live.prices.size === 0) return report;

  const prices: Record<PriceId, SnapshotPrice> = {};
  for (const [id, { usd, unit, source: from, asOf, confirmed }] of live.prices) {
    prices[id] = { usd, unit, source: from, asOf, confirmed };
  }
  const file = path.join(outDir, 'prices', `${region}.json`);
  const content = RegionPricesFileSchema.parse({ region, prices: sortByKey(prices) });
  // Read the index and the catalog before writing anything, so a broken one stops the refresh with every
  // file unchanged.
  const indexFile = path.join(outDir, 'regions.json');
  const index = await readIndex(indexFile);
  index.regions = sortByKey({ ...index.regions, [region]: summarizeRegionPrices(Object.keys(prices)) });
  const catalog = await applyCurrentGeneration(
    path.join(outDir, 'instance-types.json'),
    live.currentGeneration,
    region,
  );
  await writeFileAtomically(file, formatSnapshotJson(content));
  await writeFileAtomically(indexFile, formatSnapshotJson(RegionsIndexFileSchema.parse(index)));
  if (catalog !== undefined && catalog.updated > 0) {
    await writeFileAtomically(catalog.file, catalog.text);
    report.currentGeneration = { ...report.currentGeneration, updated: catalog.updated, file: catalog.file };
  }
  return { ...report, file };
}
