/**
 * Weeks advise() asked the fleet solver for, recorded into test/fixtures/optimizer/ as the task groups of each
 * level, the options and the instance type names; the types are read back from the us-east-1 snapshot.
 */
import { readFileSync } from 'node:fs';
import { loadPricedCatalog } from '../../bench/lib-catalog.js';
import type { FleetOptions, FleetTaskGroup, PricedInstanceType } from '../../src/optimizer/fleet-types.js';

export interface RecordedWeek {
  options: FleetOptions;
  types: PricedInstanceType[];
  levels: FleetTaskGroup[][];
}

/** The week recorded in test/fixtures/optimizer/`file`; throws where a type is not in the snapshot. */
export async function recordedWeek(file: string): Promise<RecordedWeek> {
  const recorded = JSON.parse(
    readFileSync(new URL(`../fixtures/optimizer/${file}`, import.meta.url), 'utf8'),
  ) as { options: FleetOptions; types: string[]; levels: FleetTaskGroup[][] };
  const { types: catalog } = await loadPricedCatalog('us-east-1');
  const types = recorded.types.map((name) => {
    const type = catalog.find((t) => t.name === name);
    if (!type) throw new Error(`${file}: instance type ${name} is not in the us-east-1 snapshot`);
    return type;
  });
  return { ...recorded, types };
}
