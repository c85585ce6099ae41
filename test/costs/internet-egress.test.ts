import { describe, expect, it } from 'vitest';
import { internetEgressLines } from '../../src/costs/internet-egress.js';
import { priceLine } from '../../src/costs/line.js';
import { natGatewayLines } from '../../src/costs/nat-gateway.js';
import { formatCents, toMoney } from '../../src/pricing/money.js';
import { priceLookup } from '../helpers/price-lookup.js';

const LOOKUP = priceLookup({
  'egress:internet-gb-first-10tb': '0.09',
  'egress:internet-gb-next-40tb': '0.085',
  'egress:internet-gb-next-100tb': '0.07',
});
const priced = (gb: number) => internetEgressLines(gb).map((s) => priceLine(s, LOOKUP));

describe('internet egress', () => {
  it('bills nothing within the 100 GB a month free', () => {
    expect(internetEgressLines(0)).toEqual([]);
    expect(internetEgressLines(100)).toEqual([]);
  });

  it('takes the free 100 GB off the first tier: 1,000 GB costs 900 × $0.09 = $81.00', () => {
    expect(priced(1000).map((l) => [l.quantity, formatCents(toMoney(l.monthlyUsd!))])).toEqual([
      ['900', '81.00'],
    ]);
  });

  it('bills each tier the month reaches at its rate, and flags a tier the region lacks', () => {
    // 60,000 GB: (10,240 − 100) × 0.09 = 912.60; 40,960 × 0.085 = 3,481.60; (60,000 − 51,200) × 0.07 = 616.00.
    expect(priced(60_000).map((l) => [l.priceId, l.quantity, formatCents(toMoney(l.monthlyUsd!))])).toEqual([
      ['egress:internet-gb-first-10tb', '10140', '912.60'],
      ['egress:internet-gb-next-40tb', '40960', '3481.60'],
      ['egress:internet-gb-next-100tb', '8800', '616.00'],
    ]);
    const over = priced(200_000).at(-1)!;
    expect(over).toMatchObject({
      priceId: 'egress:internet-gb-over-150tb',
      quantity: '46400',
      missing: true,
    });
  });
});

describe('NAT layout', () => {
  it('says when the priced gateways are fewer than AWS recommends (one per zone), and that the code creates none', () => {
    const [single] = natGatewayLines({ gateways: 1, dataGBPerMonth: 0, availabilityZones: 2 });
    expect(single!.description).toBe(
      'NAT gateways for the private subnets (1: a single gateway for 2 Availability Zones; AWS recommends one per zone; in your VPC, which the starter code uses and does not create)',
    );
    const [perZone] = natGatewayLines({ gateways: 3, dataGBPerMonth: 0, availabilityZones: 3 });
    expect(perZone!.description).toContain('(3: one per Availability Zone, as AWS recommends;');
  });
});
