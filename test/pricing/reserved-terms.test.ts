import { describe, expect, it } from 'vitest';
import { formatCents, HOURS_PER_MONTH } from '../../src/pricing/money.js';
import { effectiveHourlyUsd, parseReservedTerms } from '../../src/pricing/reserved-terms.js';

// The Reserved terms of SKU 6C86BEPQVG73ZGGR (m5.large, us-east-1, Linux, shared) in the 2020-07-09
// Price List (docs/pricing.md#reserved-terms), trimmed to what the parser reads.
function term(code: string, lease: string, option: string, hourly: string, upfront?: string) {
  const dims: Record<string, unknown> = {
    [`6C86BEPQVG73ZGGR.${code}.6YS6EN2CT7`]: { unit: 'Hrs', pricePerUnit: { USD: hourly } },
  };
  if (upfront)
    dims[`6C86BEPQVG73ZGGR.${code}.2TG2D8R56U`] = { unit: 'Quantity', pricePerUnit: { USD: upfront } };
  return {
    [`6C86BEPQVG73ZGGR.${code}`]: {
      offerTermCode: code,
      priceDimensions: dims,
      termAttributes: { LeaseContractLength: lease, OfferingClass: 'standard', PurchaseOption: option },
    },
  };
}
const ITEM = JSON.stringify({
  product: { sku: '6C86BEPQVG73ZGGR', attributes: { instanceType: 'm5.large' } },
  terms: {
    OnDemand: {},
    Reserved: {
      ...term('4NA7Y494T4', '1yr', 'No Upfront', '0.0600000000'),
      ...term('HU7G6KETJZ', '1yr', 'Partial Upfront', '0.0290000000', '252'),
      ...term('6QCMYABX3D', '1yr', 'All Upfront', '0.0000000000', '494'),
      ...term('BPH4J8HBKS', '3yr', 'No Upfront', '0.0410000000'),
      broken: { termAttributes: { LeaseContractLength: '5yr' } },
    },
  },
});

describe('parseReservedTerms', () => {
  it('reads every well-formed term with its hourly rate and upfront fee', () => {
    expect(parseReservedTerms(ITEM)).toEqual([
      {
        leaseContractLength: '1yr',
        offeringClass: 'standard',
        purchaseOption: 'No Upfront',
        hourlyUsd: '0.0600000000',
        upfrontUsd: '0',
      },
      {
        leaseContractLength: '1yr',
        offeringClass: 'standard',
        purchaseOption: 'Partial Upfront',
        hourlyUsd: '0.0290000000',
        upfrontUsd: '252',
      },
      {
        leaseContractLength: '1yr',
        offeringClass: 'standard',
        purchaseOption: 'All Upfront',
        hourlyUsd: '0.0000000000',
        upfrontUsd: '494',
      },
      {
        leaseContractLength: '3yr',
        offeringClass: 'standard',
        purchaseOption: 'No Upfront',
        hourlyUsd: '0.0410000000',
        upfrontUsd: '0',
      },
    ]);
  });

  it('reproduces pricing.md §4 case 17: a 1-yr standard no-upfront m5.large is $43.80 a month', () => {
    const [noUpfront] = parseReservedTerms(ITEM);
    expect(formatCents(effectiveHourlyUsd(noUpfront!).times(HOURS_PER_MONTH))).toBe('43.80');
  });

  it('spreads an upfront fee over the term: $252 + $0.029/h is $0.0577671... an hour', () => {
    const partial = parseReservedTerms(ITEM)[1]!;
    // 0.029 + 252 / 8760 = 0.05776712328767...
    expect(effectiveHourlyUsd(partial).toDecimalPlaces(8).toString()).toBe('0.05776712');
  });

  it('returns nothing for malformed input or an entry without Reserved terms', () => {
    expect(parseReservedTerms('{not json')).toEqual([]);
    expect(parseReservedTerms(JSON.stringify({ terms: { OnDemand: {} } }))).toEqual([]);
    expect(parseReservedTerms(JSON.stringify({ product: {} }))).toEqual([]);
  });
});
