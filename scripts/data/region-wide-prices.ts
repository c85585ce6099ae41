/**
 * @module region-wide-prices: prices AWS publishes as one figure for every commercial region, applied by
 * the data build to each commercial region whose CSV rows lack them. A CSV row always wins; GovCloud
 * (us-gov-*) is left out, as no source read gives its price.
 */
import type { NonEc2PriceId } from '../../src/pricing/price-ids.js';
import type { SnapshotPrice } from '../../src/pricing/snapshot-files.js';
import type { RegionalPrice } from './convert-prices.js';

interface RegionWidePrice {
  id: NonEc2PriceId;
  /** The price elsewhere, its unit as the price id gives it. */
  price: Omit<SnapshotPrice, 'unit'> & { unit: string };
  /** Regions the source names for this figure: there it is confirmed (and dated, when the source is). */
  namedRegions?: { regions: readonly string[]; asOf: string | null };
}

const EKS_SOURCE =
  'https://aws.amazon.com/eks/pricing/ as quoted by 2026 public notes: $0.10 per cluster-hour in every commercial region ' +
  '(region-wide figure applied by scripts/data/region-wide-prices.ts; GovCloud left out)';
const EKS_EXTENDED_SOURCE =
  'AWS Price List AmazonEKS usagetype AmazonEKS-Hours:extendedSupport = +0.50 on top of perCluster 0.10 ' +
  '(public note citing pubDate 2026-09-18, same in us-east-1 eu-west-1 sa-east-1 ap-southeast-2; region-wide figure ' +
  'applied by scripts/data/region-wide-prices.ts; GovCloud left out)';
const IPV4_SOURCE =
  'https://aws.amazon.com/vpc/pricing/ (public IPv4 $0.005 per address-hour, uniform across regions; region-wide ' +
  'figure applied by scripts/data/region-wide-prices.ts; GovCloud left out)';

const GATEWAY_ENDPOINT_SOURCE =
  'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html ("There is no additional charge for ' +
  'using gateway endpoints"; region-wide figure applied by scripts/data/region-wide-prices.ts; GovCloud left out)';

export const REGION_WIDE_PRICES: readonly RegionWidePrice[] = [
  {
    id: 'eks:cluster-standard',
    price: { usd: '0.10', unit: 'cluster-hour', source: EKS_SOURCE, asOf: null, confirmed: false },
  },
  {
    id: 'eks:cluster-extended',
    price: { usd: '0.60', unit: 'cluster-hour', source: EKS_EXTENDED_SOURCE, asOf: null, confirmed: false },
    namedRegions: { regions: ['sa-east-1', 'ap-southeast-2'], asOf: '2026-09-18' },
  },
  {
    id: 'vpc:public-ipv4-hour',
    price: { usd: '0.005', unit: 'address-hour', source: IPV4_SOURCE, asOf: null, confirmed: false },
  },
  {
    id: 'vpc:gateway-endpoint-gb',
    price: { usd: '0', unit: 'GB', source: GATEWAY_ENDPOINT_SOURCE, asOf: null, confirmed: true },
  },
];

const isCommercial = (region: string) => !region.startsWith('us-gov-');

/** The region-wide prices each commercial region of `prices` lacks, to add to them. */
export function addRegionWidePrices(
  prices: readonly RegionalPrice[],
  unitOf: (id: NonEc2PriceId) => string,
): RegionalPrice[] {
  const held = new Set(prices.map((p) => `${p.region} ${p.id}`));
  const regions = [...new Set(prices.map((p) => p.region))].filter(isCommercial);
  const added: RegionalPrice[] = [];
  for (const wide of REGION_WIDE_PRICES)
    for (const region of regions) {
      if (held.has(`${region} ${wide.id}`)) continue;
      const named = wide.namedRegions?.regions.includes(region) ?? false;
      added.push({
        region,
        id: wide.id,
        price: {
          ...wide.price,
          unit: unitOf(wide.id),
          confirmed: named || wide.price.confirmed,
          asOf: named ? (wide.namedRegions?.asOf ?? null) : wide.price.asOf,
        },
      });
    }
  return [...prices, ...added];
}
