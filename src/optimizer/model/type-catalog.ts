/**
 * @module type-catalog: the per-catalog half of building a fleet problem: which instance types are
 * candidates under the options, their parsed prices and node capacities. It depends only on the
 * catalog and the options, not on the tasks, so it is computed once and reused by every solve of a
 * recommendation (and by later recommendations with the same prices).
 */
import { BerthError } from '../../errors.js';
import { isFrozenList, keptIn } from '../../memo.js';
import { normaliseGpuModel } from '../../model/gpu-match.js';
import type { FleetOptions, NodeCapacity, PricedInstanceType } from '../fleet-types.js';
import { fleetNodeCapacity } from '../node-capacity.js';
import { mapPacked } from './lists.js';

/** One candidate type with its capacity in the solver's integer units (millicores, MiB, tasks, milli-GPUs). */
export interface CatalogType {
  priced: PricedInstanceType;
  price: number;
  capacity: NodeCapacity;
  cpu: number;
  mem: number;
  tasks: number;
  gpu: number;
  /** The type's GPU model, normalised once ("nvidia a10g"). */
  gpuWords: string[];
  /** Architecture and GPU model: types of one class may run exactly the same tasks, size aside. */
  compatibility: string;
}

/** The candidate types under some options: all of them, and those no other type of their class dominates. */
export interface Catalog {
  /** Every candidate (filters applied), for explaining why a task fits none. */
  all: CatalogType[];
  /**
   * Candidates that no type of the same architecture and GPU model beats on price and on every
   * capacity. Such a dominator runs every task the other runs, whatever the tasks, so the pruning
   * holds for every problem and is done once per catalog.
   */
  kept: CatalogType[];
}

/** Catalogs kept per options key; a few are enough (ECS and EKS, with and without daemons). */
const MAX_CACHED = 16;
const byArray = new WeakMap<readonly PricedInstanceType[], string>();
const cache = new Map<string, Catalog>();
/**
 * The same catalogs by array and options key: every level of a fleet passes the same array, and looking up
 * the content key (a JSON string of every type, some 100 kB) hashed it again on each solve.
 */
const byArrayAndOptions = new WeakMap<readonly PricedInstanceType[], Map<string, Catalog>>();

function parsePrice(type: PricedInstanceType): number {
  const price = Number(type.usdPerHour);
  if (!Number.isFinite(price) || price < 0 || type.usdPerHour.trim() === '') {
    throw new BerthError(
      'PRICE_DATA_INVALID',
      `price of ${type.name} is unusable: "${type.usdPerHour}" is not a non-negative decimal`,
    );
  }
  return price;
}

/** What the catalog half depends on in the options. */
function optionsKey(options: FleetOptions): string {
  return JSON.stringify([
    options.orchestrator,
    options.allowBurstable === true,
    options.instanceFamilies ?? null,
    options.daemonSets ?? [],
    options.ecsNetworkMode ?? 'awsvpc',
    options.ecsReservedMemoryMiB ?? null,
    options.eksMaxPodsCap ?? null,
    options.eksWindowsNodes === true,
    options.maxTasksPerNode ?? null,
  ]);
}

/** Every field the capacities and prices read, so equal content gives an equal key whatever the array. */
function contentKey(types: readonly PricedInstanceType[], frozen: boolean): string {
  let key = frozen ? byArray.get(types) : undefined;
  if (key === undefined) {
    key = JSON.stringify(
      mapPacked(types, (t) => [
        t.name,
        t.family,
        t.usdPerHour,
        t.vcpu,
        t.memoryMiB,
        t.architecture,
        t.gpuCount,
        t.gpuModel,
        t.maxPodsEks,
        t.enis,
        t.ipv4PerEni,
        t.burstable,
      ]),
    );
    if (frozen) byArray.set(types, key);
  }
  return key;
}

function buildCatalog(types: readonly PricedInstanceType[], options: FleetOptions): CatalogType[] {
  const families = options.instanceFamilies ? new Set(options.instanceFamilies) : null;
  return mapPacked(
    types.filter(
      (type) =>
        (options.allowBurstable === true || !type.burstable) && (!families || families.has(type.family)),
    ),
    (type) => {
      const price = parsePrice(type);
      const capacity = fleetNodeCapacity(type, options);
      return {
        priced: type,
        price,
        capacity,
        cpu: Math.round(capacity.vcpu * 1000),
        mem: capacity.memoryMiB,
        tasks: capacity.maxTasks,
        gpu: Math.round(type.gpuCount * 1000),
        gpuWords: normaliseGpuModel(type.gpuModel)?.split(' ') ?? [],
        compatibility: `${type.architecture}|${type.gpuCount > 0 ? (normaliseGpuModel(type.gpuModel) ?? '?') : ''}`,
      };
    },
  );
}

/** Drops types another type of the same class beats on price and every capacity (first by name wins ties). */
function pruneWithinClass(types: readonly CatalogType[]): CatalogType[] {
  const order = [...types].sort(
    (a, b) =>
      a.price - b.price ||
      b.cpu - a.cpu ||
      b.mem - a.mem ||
      b.tasks - a.tasks ||
      b.gpu - a.gpu ||
      (a.priced.name < b.priced.name ? -1 : a.priced.name > b.priced.name ? 1 : 0),
  );
  const kept = new Map<string, CatalogType[]>();
  const result: CatalogType[] = [];
  for (const type of order) {
    const same = kept.get(type.compatibility) ?? [];
    const dominated = same.some(
      (k) => k.cpu >= type.cpu && k.mem >= type.mem && k.tasks >= type.tasks && k.gpu >= type.gpu,
    );
    if (dominated) continue;
    same.push(type);
    kept.set(type.compatibility, same);
    result.push(type);
  }
  return result;
}

/** The candidate types of a catalog under these options, computed once per catalog content and options. */
export function catalogTypes(types: readonly PricedInstanceType[], options: FleetOptions): Catalog {
  const optionKey = optionsKey(options);
  // Only a frozen list is known by its identity; any other may have changed since (isFrozenList).
  const frozen = isFrozenList(types);
  const seen = frozen ? byArrayAndOptions.get(types) : undefined;
  const known = seen?.get(optionKey);
  if (known) return known;
  const key = `${optionKey}\n${contentKey(types, frozen)}`;
  let entry = cache.get(key);
  if (!entry) {
    const all = buildCatalog(types, options);
    entry = { all, kept: pruneWithinClass(all) };
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }
  if (!frozen) return entry;
  keptIn(byArrayAndOptions, types, () => new Map()).set(optionKey, entry);
  return entry;
}
