/** @module instance-catalog: the EC2 instance types of the embedded snapshot (data/instance-types.json). */
import path from 'node:path';
import { DATA_DIR } from '../paths.js';
import type { InstanceType } from './instance-type.js';
import { readDataFileSync } from './read-data-file.js';
import { InstanceTypesFileSchema } from './snapshot-files.js';

interface Catalog {
  list: readonly InstanceType[];
  byName: ReadonlyMap<string, InstanceType>;
}

const catalogs = new Map<string, Catalog>();

function loadCatalog(dataDir: string): Catalog {
  const cached = catalogs.get(dataDir);
  if (cached) return cached;
  const file = readDataFileSync(path.join(dataDir, 'instance-types.json'), InstanceTypesFileSchema);
  // Frozen because every caller shares this one cached copy.
  const list = Object.freeze(file.instanceTypes.map((type) => Object.freeze(type)));
  const catalog: Catalog = { list, byName: new Map(list.map((type) => [type.name, type])) };
  catalogs.set(dataDir, catalog);
  return catalog;
}

/** Every instance type, sorted by name; read once per data folder. Throws PRICE_DATA_INVALID on a broken file. */
export function loadInstanceCatalog(dataDir: string = DATA_DIR): readonly InstanceType[] {
  return loadCatalog(dataDir).list;
}

export function findInstanceType(name: string, dataDir: string = DATA_DIR): InstanceType | undefined {
  return loadCatalog(dataDir).byName.get(name);
}
