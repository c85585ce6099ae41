import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { differenceRange, type OpenTotal, worstRatio } from '../../src/advisor/cost-bounds.js';

const total = (known: string, missing: Record<string, string> = {}): OpenTotal => ({
  known: new Decimal(known),
  missing: new Map(Object.entries(missing).map(([id, q]) => [id, new Decimal(q)])),
});
const range = (low: string, high: string) => ({ low: new Decimal(low), high: new Decimal(high) });
/** Prices from zero up to a ceiling: the hand figures below need only the ceilings. */
const ceilings = new Map([
  ['ebs:gp2-gb-month', range('0', '0.25')],
  ['cloudwatch:metric-month', range('0', '0.75')],
]);

describe('differenceRange', () => {
  it('puts each missing price at zero or its ceiling, whichever moves the difference that way', () => {
    // a − b = 100 − 90 = 10 at zero prices; a lacks 40 GB-months more gp2 (+40 × 0.25 = +10 at most), b lacks
    // 20 metrics more (−20 × 0.75 = −15 at most): from −5 to 20.
    const a = total('100', { 'ebs:gp2-gb-month': '60', 'cloudwatch:metric-month': '10' });
    const b = total('90', { 'ebs:gp2-gb-month': '20', 'cloudwatch:metric-month': '30' });
    const { low, high } = differenceRange(a, b, ceilings);
    expect(low?.toString()).toBe('-5');
    expect(high?.toString()).toBe('20');
  });

  it('starts each price at its floor: a − b = 10 + 40 × [0.05, 0.25] − 20 × [0.15, 0.75], from −3 to 17', () => {
    const a = total('100', { 'ebs:gp2-gb-month': '60', 'cloudwatch:metric-month': '10' });
    const b = total('90', { 'ebs:gp2-gb-month': '20', 'cloudwatch:metric-month': '30' });
    const floored = new Map([
      ['ebs:gp2-gb-month', range('0.05', '0.25')],
      ['cloudwatch:metric-month', range('0.15', '0.75')],
    ]);
    // Lowest: gp2 at its floor (+2), metrics at their ceiling (−15): −3. Highest: +10 and −3: 17.
    const { low, high } = differenceRange(a, b, floored);
    expect([low?.toString(), high?.toString()]).toEqual(['-3', '17']);
    // The worst ratio puts gp2 at its ceiling and the metrics at their floor: (100 + 15 + 1.5) ÷ (90 + 5 + 4.5).
    expect(worstRatio(a, b, floored)).toBeCloseTo(116.5 / 99.5, 12);
  });

  it('is exact when both lack the same amounts, and open on the side a price without a ceiling moves', () => {
    const same = differenceRange(
      total('5', { 'ec2-windows:m5.large': '730' }),
      total('3', { 'ec2-windows:m5.large': '730' }),
      ceilings,
    );
    expect([same.low?.toString(), same.high?.toString()]).toEqual(['2', '2']);
    const open = differenceRange(total('5', { 'ec2-windows:m5.large': '730' }), total('8'), ceilings);
    expect(open.low?.toString()).toBe('-3');
    expect(open.high).toBeNull();
  });
});

describe('worstRatio', () => {
  it('is the plain ratio, or 1, when nothing is missing', () => {
    expect(worstRatio(total('150'), total('100'), ceilings)).toBe(1.5);
    expect(worstRatio(total('80'), total('100'), ceilings)).toBe(1);
  });

  it('finds the corner where a lies furthest above b', () => {
    // a = 100 + 60g + 10m, b = 90 + 20g + 30m with g ≤ 0.25, m ≤ 0.75. At zero: 1.1111. Raising g helps a's
    // ratio (60/20 = 3 > 1.11), raising m hurts it (10/30 < 1.11): the peak is g = 0.25, m = 0:
    // (100 + 15) / (90 + 5) = 1.2105263...
    const a = total('100', { 'ebs:gp2-gb-month': '60', 'cloudwatch:metric-month': '10' });
    const b = total('90', { 'ebs:gp2-gb-month': '20', 'cloudwatch:metric-month': '30' });
    expect(worstRatio(a, b, ceilings)).toBeCloseTo(115 / 95, 12);
    // And the other way round: m at its ceiling, g at zero: (90 + 22.5) / (100 + 7.5) = 1.0465116...
    expect(worstRatio(b, a, ceilings)).toBeCloseTo(112.5 / 107.5, 12);
  });

  it('is unbounded when a lacks more of a price that has no ceiling', () => {
    expect(worstRatio(total('10', { 'ec2-windows:m5.large': '730' }), total('50'), ceilings)).toBe(
      Number.POSITIVE_INFINITY,
    );
    // A price both lack in the same amount only dilutes the ratio: its worst is with that price at zero.
    const shared = { 'ec2-windows:m5.large': '730' };
    expect(worstRatio(total('60', shared), total('50', shared), ceilings)).toBe(1.2);
  });
});
