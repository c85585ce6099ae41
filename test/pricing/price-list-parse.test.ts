import { describe, expect, it } from 'vitest';
import { parsePriceListItem, readCurrentGeneration } from '../../src/pricing/price-list-parse.js';
import { ec2Item, priceListItem } from '../helpers/price-list-items.js';

function parse(value: unknown) {
  return parsePriceListItem(JSON.stringify(value));
}

function reasonOf(result: ReturnType<typeof parsePriceListItem>): string {
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('parsePriceListItem', () => {
  it('reads the on-demand price, unit, dates and attributes of a real-shaped EC2 item', () => {
    const result = parse(ec2Item('m5.large', 'us-east-1', '0.0960000000', {}, '6C86BEPQVG73ZGGR'));
    expect(result).toEqual({
      ok: true,
      item: {
        sku: '6C86BEPQVG73ZGGR',
        serviceCode: 'AmazonEC2',
        productFamily: 'Compute Instance',
        attributes: expect.objectContaining({ instanceType: 'm5.large', usagetype: 'BoxUsage:m5.large' }),
        usd: '0.0960000000',
        unit: 'Hrs',
        effectiveDate: '2026-03-01T00:00:00Z',
        publicationDate: '2026-03-20T04:29:25Z',
      },
    });
  });

  it('accepts the SDK string wrapper as well as a plain string', () => {
    // The SDK hands PriceList entries over as String objects (LazyJsonString).
    const wrapped = new String(JSON.stringify(ec2Item('m5.large', 'us-east-1', '0.096')));
    expect(parsePriceListItem(wrapped)).toMatchObject({ ok: true, item: { usd: '0.096' } });
  });

  it('picks the first paid tier by beginRange, past a $0 free tier listed later', () => {
    const item = priceListItem({
      sku: 'TIERED',
      serviceCode: 'AWSDataTransfer',
      productFamily: 'Data Transfer',
      attributes: {},
      dimensions: [
        { usd: '0.0500000000', unit: 'GB', beginRange: '153600', endRange: 'Inf' },
        { usd: '0.0900000000', unit: 'GB', beginRange: '1', endRange: '10240' },
        { usd: '0.0000000000', unit: 'GB', beginRange: '0', endRange: '1' },
        { usd: '0.0700000000', unit: 'GB', beginRange: '10240', endRange: '153600' },
      ],
    });
    expect(parse(item)).toMatchObject({ ok: true, item: { usd: '0.0900000000', unit: 'GB' } });
  });

  it('ignores a $0 dimension that belongs to something else', () => {
    const item = priceListItem({
      sku: 'WITHZERO',
      serviceCode: 'AmazonECS',
      productFamily: 'Compute',
      attributes: {},
      dimensions: [
        { usd: '0.0000000000', unit: 'Quantity', description: 'Upfront Fee' },
        { usd: '0.0404800000', unit: 'hours' },
      ],
    });
    expect(parse(item)).toMatchObject({ ok: true, item: { usd: '0.0404800000', unit: 'hours' } });
  });

  it('gives $0 when every on-demand dimension is $0, and never reads the reserved term', () => {
    const free = parse(ec2Item('m5.large', 'us-east-1', '0.0000000000'));
    expect(free).toMatchObject({ ok: true, item: { usd: '0.0000000000' } });
  });

  it('reports an entry that is not JSON', () => {
    expect(reasonOf(parsePriceListItem('{"product":'))).toMatch(/^entry is not valid JSON/);
    expect(reasonOf(parsePriceListItem(42))).toBe('entry is a number, not a JSON string');
  });

  it('reports a missing on-demand term with its path', () => {
    const item = ec2Item('m5.large', 'us-east-1', '0.096') as { terms: Record<string, unknown> };
    delete item.terms.OnDemand;
    expect(reasonOf(parse(item))).toBe('terms.OnDemand: Invalid input: expected record, received undefined');
  });

  it('reports a price that is not a decimal string', () => {
    const item = priceListItem({
      sku: 'BAD',
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {},
      dimensions: [{ usd: 'N/A', unit: 'Hrs' }],
    });
    expect(reasonOf(parse(item))).toMatch(
      /^terms\.OnDemand\.BAD\.JRTCKXETXF\.priceDimensions\..*\.pricePerUnit\.USD: /,
    );
  });

  it('reports an on-demand term without dimensions', () => {
    const item = priceListItem({
      sku: 'EMPTY',
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {},
      dimensions: [],
    });
    expect(reasonOf(parse(item))).toBe('sku EMPTY has no on-demand price dimension');
  });

  it('reports a product without a sku', () => {
    const item = ec2Item('m5.large', 'us-east-1', '0.096') as { product: Record<string, unknown> };
    delete item.product.sku;
    expect(reasonOf(parse(item))).toMatch(/^product\.sku: /);
  });
});

describe('readCurrentGeneration', () => {
  it('reads the Price List spelling Yes / No, and anything else as unknown', () => {
    const read = (currentGeneration?: string) =>
      readCurrentGeneration({ attributes: currentGeneration === undefined ? {} : { currentGeneration } });
    expect(read('Yes')).toBe(true);
    expect(read('No')).toBe(false);
    expect(read(undefined)).toBeNull();
    expect(read('yes')).toBeNull();
    expect(read('')).toBeNull();
  });

  it('reads it from a parsed EC2 item', () => {
    const parsed = parse(ec2Item('a1.large', 'us-east-1', '0.051', { currentGeneration: 'No' }));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(readCurrentGeneration(parsed.item)).toBe(false);
  });
});
