/**
 * Builders for GetProducts PriceList items in the real shape (docs/pricing.md#pricelist-item-shape): product.attributes,
 * terms.OnDemand.<sku>.<offerTermCode>.priceDimensions.<rateCode>.pricePerUnit.USD, plus a Reserved term.
 */

export interface DimensionSpec {
  usd: string;
  unit: string;
  beginRange?: string;
  endRange?: string;
  description?: string;
}

export interface ItemSpec {
  sku: string;
  serviceCode: string;
  productFamily: string;
  attributes: Record<string, string>;
  /** The on-demand dimensions; one hourly dimension when only `usd` is given. */
  dimensions: DimensionSpec[];
  effectiveDate?: string;
  publicationDate?: string;
}

/** The on-demand offer term code and hourly rate code seen in every real item (pricing.md §0). */
const ON_DEMAND_TERM = 'JRTCKXETXF';
const RATE_CODES = ['6YS6EN2CT7', '2TG2D8R56U', 'CGJXHFUSGE', 'Q7UJUT2CE6'];

export function priceListItem(spec: ItemSpec): Record<string, unknown> {
  const termKey = `${spec.sku}.${ON_DEMAND_TERM}`;
  const priceDimensions = Object.fromEntries(
    spec.dimensions.map((d, i) => {
      const rateCode = `${termKey}.${RATE_CODES[i] ?? `R${i}`}`;
      return [
        rateCode,
        {
          unit: d.unit,
          endRange: d.endRange ?? 'Inf',
          beginRange: d.beginRange ?? '0',
          appliesTo: [],
          description: d.description ?? `$${d.usd} per ${d.unit}`,
          rateCode,
          pricePerUnit: { USD: d.usd },
        },
      ];
    }),
  );
  return {
    product: { productFamily: spec.productFamily, attributes: spec.attributes, sku: spec.sku },
    serviceCode: spec.serviceCode,
    terms: {
      OnDemand: {
        [termKey]: {
          priceDimensions,
          sku: spec.sku,
          effectiveDate: spec.effectiveDate ?? '2026-03-01T00:00:00Z',
          offerTermCode: ON_DEMAND_TERM,
          termAttributes: {},
        },
      },
      // A reserved term with a $0 "applied" rate, which must never be read as the on-demand price.
      Reserved: {
        [`${spec.sku}.4NA7Y494T4`]: {
          offerTermCode: '4NA7Y494T4',
          effectiveDate: '2020-04-01T00:00:00Z',
          priceDimensions: {
            [`${spec.sku}.4NA7Y494T4.6YS6EN2CT7`]: {
              unit: 'Hrs',
              pricePerUnit: { USD: '0.0000000000' },
              description: 'reserved instance applied',
            },
          },
          termAttributes: {
            LeaseContractLength: '1yr',
            OfferingClass: 'standard',
            PurchaseOption: 'No Upfront',
          },
        },
      },
    },
    version: '20260320042925',
    publicationDate: spec.publicationDate ?? '2026-03-20T04:29:25Z',
  };
}

/** EC2 on-demand Linux shared, as the Price List describes m5.large (sku 6C86BEPQVG73ZGGR). */
export function ec2Item(
  instanceType: string,
  regionCode: string,
  usd: string,
  attributes: Record<string, string> = {},
  sku = `EC2${instanceType}${regionCode}`.replace(/[^A-Za-z0-9]/g, '').toUpperCase(),
): Record<string, unknown> {
  return priceListItem({
    sku,
    serviceCode: 'AmazonEC2',
    productFamily: 'Compute Instance',
    attributes: {
      instanceType,
      regionCode,
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
      usagetype: regionCode === 'us-east-1' ? `BoxUsage:${instanceType}` : `EUC1-BoxUsage:${instanceType}`,
      operation: 'RunInstances',
      servicecode: 'AmazonEC2',
      location: 'US East (N. Virginia)',
      locationType: 'AWS Region',
      currentGeneration: 'Yes',
      ...attributes,
    },
    dimensions: [
      { usd, unit: 'Hrs', description: `$${usd} per On Demand Linux ${instanceType} Instance Hour` },
    ],
  });
}

/** A product of a non-EC2 service, identified by its usage type. */
export function usageItem(
  serviceCode: string,
  productFamily: string,
  regionCode: string,
  usagetype: string,
  usd: string,
  unit = 'Hrs',
  sku = `${serviceCode}${usagetype}${regionCode}`.replace(/[^A-Za-z0-9]/g, '').toUpperCase(),
): Record<string, unknown> {
  return priceListItem({
    sku,
    serviceCode,
    productFamily,
    attributes: { regionCode, usagetype, servicecode: serviceCode, locationType: 'AWS Region' },
    dimensions: [{ usd, unit }],
  });
}
