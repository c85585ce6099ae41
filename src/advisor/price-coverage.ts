/**
 * @module price-coverage: the coverage statement a recommendation opens with whenever its prices are
 * incomplete, filled from the live API, or its EC2 types were chosen at another region's prices.
 */
import { listWords } from '../issues.js';
import type { Candidate } from '../model/candidate.js';
import type { PriceCoverage } from '../model/coverage.js';
import { describeRegionCoverage, lackingResources } from '../pricing/region-coverage.js';
import { listSnapshotRegions } from '../pricing/snapshot-source.js';

export interface PriceCoverageInputs {
  region: string;
  candidates: readonly Candidate[];
  /** How many instance types the catalog knows. */
  ec2TypesKnown: number;
  /** Price ids the snapshot lacks that the live API supplied. */
  filledLive: readonly string[];
  fleetPriceReference: string | null;
}

let snapshotRegions: ReturnType<typeof listSnapshotRegions> | undefined;

export function describePriceCoverage(inputs: PriceCoverageInputs): PriceCoverage {
  const { region } = inputs;
  // Read once per process: the embedded index does not change under a running advisor.
  snapshotRegions ??= listSnapshotRegions();
  const summary = snapshotRegions.find((r) => r.region === region);
  const snapshot = describeRegionCoverage(region, summary, inputs.ec2TypesKnown);
  const missing = [...new Set(inputs.candidates.flatMap((c) => c.cost?.missingPriceIds ?? []))].sort();
  const filledLive = [...inputs.filledLive].sort();
  const reference = inputs.fleetPriceReference;
  const statement =
    missing.length === 0 && filledLive.length === 0 && reference === null
      ? null
      : composeStatement(snapshot, missing, filledLive, reference);
  return {
    snapshot,
    complete: missing.length === 0,
    missingPriceIds: missing,
    filledLive,
    fleetPriceReference: reference,
    statement,
  };
}

function composeStatement(
  snapshot: PriceCoverage['snapshot'],
  missing: readonly string[],
  filledLive: readonly string[],
  reference: string | null,
): string {
  const { region } = snapshot;
  const lacking = lackingResources(snapshot);
  const parts = [
    `${region}: the snapshot prices ${snapshot.ec2TypesPriced} of ${snapshot.ec2TypesKnown} EC2 instance types` +
      `${reference === null ? '' : ' (no type without GPUs or accelerators)'}` +
      `${lacking.length === 0 ? '' : `, no ${listWords(lacking, 'or')}`}.`,
  ];
  if (reference !== null)
    parts.push(
      `EC2 instance types were chosen by their ${reference} price, whose order regional prices follow closely (docs/pricing.md).`,
    );
  if (filledLive.length > 0)
    parts.push(`From the live Price List API, where the snapshot has none: ${filledLive.join(', ')}.`);
  if (missing.length > 0)
    parts.push(
      `Missing prices: ${missing.join(', ')}; totals are lower bounds, and one is called cheaper than another only if it is at every missing price in its range (docs/ranking.md#incomplete-totals).`,
      `Use \`--prices live\` or \`berth prices refresh --region ${region}\`.`,
    );
  return parts.join(' ');
}
