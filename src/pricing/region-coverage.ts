/**
 * @module region-coverage: what the snapshot prices in a region, from its data/regions.json summary, in
 * the resource terms a reader asks about (EC2, Fargate, EKS, ALB, NAT, public IPv4, ECR).
 */
import type { RegionCoverage } from '../model/coverage.js';
import type { PriceId } from '../model/price.js';
import { NON_EC2_PRICE_IDS } from './price-ids.js';
import { listSnapshotRegions, type SnapshotRegion } from './snapshot-source.js';

const RESOURCES = {
  fargate: ['fargate:x86_64:linux:vcpu', 'fargate:x86_64:linux:gb'],
  eks: ['eks:cluster-standard'],
  alb: ['alb:hour', 'alb:lcu-hour'],
  nat: ['nat:hour', 'nat:gb'],
  publicIpv4: ['vpc:public-ipv4-hour'],
  ecr: ['ecr:gb-month'],
} as const satisfies Record<string, readonly PriceId[]>;

/** The names a coverage statement uses for each resource. */
export const RESOURCE_NAMES: Record<keyof typeof RESOURCES, string> = {
  fargate: 'Fargate',
  eks: 'EKS',
  alb: 'ALB',
  nat: 'NAT',
  publicIpv4: 'IPv4',
  ecr: 'ECR',
};

/** A region's coverage; a region the snapshot does not hold has none at all. */
export function describeRegionCoverage(
  region: string,
  summary: Pick<SnapshotRegion, 'ec2Prices' | 'present'> | undefined,
  ec2TypesKnown: number,
): RegionCoverage {
  const present = new Set<string>(summary?.present ?? []);
  const has = (ids: readonly PriceId[]) => ids.every((id) => present.has(id));
  return {
    region,
    ec2TypesPriced: summary?.ec2Prices ?? 0,
    ec2TypesKnown,
    fargate: has(RESOURCES.fargate),
    eks: has(RESOURCES.eks),
    alb: has(RESOURCES.alb),
    nat: has(RESOURCES.nat),
    publicIpv4: has(RESOURCES.publicIpv4),
    ecr: has(RESOURCES.ecr),
    missing: NON_EC2_PRICE_IDS.filter((id) => !present.has(id)),
  };
}

/** Every snapshot region's coverage, in region order. */
export function listRegionCoverage(ec2TypesKnown: number, dataDir?: string): RegionCoverage[] {
  return listSnapshotRegions(dataDir).map((r) => describeRegionCoverage(r.region, r, ec2TypesKnown));
}

/** The resources a coverage lacks, by name ("ALB, IPv4"), in a fixed order. */
export function lackingResources(coverage: RegionCoverage): string[] {
  return (Object.keys(RESOURCE_NAMES) as (keyof typeof RESOURCE_NAMES)[])
    .filter((key) => !coverage[key])
    .map((key) => RESOURCE_NAMES[key]);
}
