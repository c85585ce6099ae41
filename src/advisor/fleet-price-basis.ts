/**
 * @module fleet-price-basis: which hourly prices choose a region's EC2 fleet: the region's own snapshot
 * prices, or, where the snapshot prices no CPU instance type there, the us-east-1 prices of the types the
 * snapshot prices in every well-covered region. The chosen types are billed at the region's price or
 * flagged MISSING: the reference only orders them, it never prices a line.
 */

import { isFrozenList, keptIn } from '../memo.js';
import type { PricedInstanceType } from '../optimizer/fleet-types.js';
import type { InstanceType } from '../pricing/instance-type.js';
import { ec2PriceId } from '../pricing/price-ids.js';
import type { PriceSource } from '../pricing/price-source.js';
import { listSnapshotRegions } from '../pricing/snapshot-source.js';

/** The region whose price order stands in for a thin region's: the one the snapshot prices completely. */
export const REFERENCE_REGION = 'us-east-1';

/** Where docs/pricing.md measures how closely regional prices follow the reference. */
const MEASURE = 'docs/pricing.md#choosing-instance-types-in-a-thin-region';

export interface FleetPriceBasis {
  /** The types the optimizer may choose from, each with the hourly price that orders it. */
  types: readonly PricedInstanceType[];
  /** null: the region's own prices chose the fleet; else the region whose prices did (us-east-1). */
  referenceRegion: string | null;
  /** How the types were chosen, for the fleet's notes; null at the region's own prices. */
  note: string | null;
}

const isCpuOnly = (t: InstanceType) => t.gpuCount === 0 && t.acceleratorCount === 0;

async function pricedIn(
  snapshot: PriceSource,
  region: string,
  types: readonly InstanceType[],
): Promise<PricedInstanceType[]> {
  const lookup = await snapshot.getPrices(
    region,
    types.map((t) => ec2PriceId(t.name)),
  );
  return types.flatMap((t) => {
    const price = lookup.prices.get(ec2PriceId(t.name));
    return price ? [{ ...t, usdPerHour: price.usd }] : [];
  });
}

/**
 * The region's own priced types when it prices at least one type without GPUs or accelerators. Otherwise
 * the reference: CPU types priced in every region whose snapshot prices CPU types (so offered widely,
 * and likely offered in this region, which the snapshot cannot confirm), and any type the region itself
 * prices, all ordered by their us-east-1 price. Their regional prices follow the us-east-1 order closely
 * (measured in docs/pricing.md).
 */
export function chooseFleetPriceBasis(
  region: string,
  instanceTypes: readonly InstanceType[],
  snapshot: PriceSource,
): Promise<FleetPriceBasis> {
  // A caller's own catalog may change in place between calls: it is priced afresh every time.
  if (!isFrozenList(instanceTypes))
    return findFleetPriceBasis(region, instanceTypes, snapshot).then(freezeBasis);
  const byCatalog = keptIn(bases, snapshot, () => new WeakMap());
  const byRegion = keptIn(byCatalog, instanceTypes, () => new Map());
  let basis = byRegion.get(region);
  if (basis === undefined) {
    if (byRegion.size >= MAX_REGIONS) byRegion.delete(byRegion.keys().next().value!);
    basis = findFleetPriceBasis(region, instanceTypes, snapshot).then(freezeBasis);
    // A failed read is not kept, as the snapshot source does not keep it either.
    basis.catch(() => byRegion.delete(region));
    byRegion.set(region, basis);
  }
  return basis;
}

/**
 * Bases already chosen, by snapshot, catalog and region. The snapshot's prices never change once read, so
 * every recommendation in a region gets the same basis; keeping it saves pricing ~1,200 types per call, and
 * the same arrays let the fleet optimizer find its per-catalog work by identity (model/type-catalog.ts).
 */
const bases = new WeakMap<
  PriceSource,
  WeakMap<readonly InstanceType[], Map<string, Promise<FleetPriceBasis>>>
>();

/** Regions kept per catalog: more than AWS has, so only a flood of made-up region codes drops any. */
const MAX_REGIONS = 64;

/** A shared basis is read only: its arrays and types are frozen, so no caller can change another's. */
function freezeBasis(basis: FleetPriceBasis): FleetPriceBasis {
  for (const t of basis.types) Object.freeze(t);
  Object.freeze(basis.types);
  return Object.freeze(basis);
}

async function findFleetPriceBasis(
  region: string,
  instanceTypes: readonly InstanceType[],
  snapshot: PriceSource,
): Promise<FleetPriceBasis> {
  const regional = await pricedIn(snapshot, region, instanceTypes);
  if (region === REFERENCE_REGION || regional.some(isCpuOnly))
    return { types: regional, referenceRegion: null, note: null };

  const cpuTypes = instanceTypes.filter(isCpuOnly);
  let widelyOffered = new Set(cpuTypes.map((t) => t.name));
  const covering: string[] = [];
  for (const { region: other } of listSnapshotRegions()) {
    if (other === region) continue;
    const priced = await pricedIn(snapshot, other, cpuTypes);
    if (priced.length === 0) continue;
    covering.push(other);
    const names = new Set(priced.map((t) => t.name));
    widelyOffered = new Set([...widelyOffered].filter((n) => names.has(n)));
  }
  const ownNames = new Set(regional.map((t) => t.name));
  const reference = await pricedIn(
    snapshot,
    REFERENCE_REGION,
    instanceTypes.filter((t) => widelyOffered.has(t.name) || ownNames.has(t.name)),
  );
  const cpuCount = reference.filter(isCpuOnly).length;
  const note =
    `${region}: the snapshot prices no instance type without GPUs or accelerators here, so the fleet's ` +
    `types were chosen by their ${REFERENCE_REGION} on-demand price, whose order regional prices follow ` +
    `closely (${MEASURE}), among the ${cpuCount} CPU types the snapshot prices in every one of ` +
    `${covering.join(', ')}; that they are offered in ${region} too is likely but not known offline. ` +
    `Their ${region} prices are not in the snapshot: those lines are MISSING, and the total is a lower bound`;
  return { types: reference, referenceRegion: REFERENCE_REGION, note };
}
