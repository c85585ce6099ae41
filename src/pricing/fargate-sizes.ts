/** @module fargate-sizes: the valid Fargate CPU/memory combinations of the embedded snapshot. */
import path from 'node:path';
import { DATA_DIR } from '../paths.js';
import { readDataFileSync } from './read-data-file.js';
import { type FargateSize, FargateSizesFileSchema } from './snapshot-files.js';

export type { FargateSize };

const cache = new Map<string, readonly FargateSize[]>();

/**
 * Every valid size (data/fargate-sizes.json), ordered by OS, CPU units, then memory; read once per data
 * folder. Throws PRICE_DATA_INVALID on a broken file.
 */
export function loadFargateSizes(dataDir: string = DATA_DIR): readonly FargateSize[] {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const file = readDataFileSync(path.join(dataDir, 'fargate-sizes.json'), FargateSizesFileSchema);
  const sizes = Object.freeze(file.sizes.map((size) => Object.freeze(size)));
  cache.set(dataDir, sizes);
  return sizes;
}
