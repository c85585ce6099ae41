import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  formatCents,
  formatUsd,
  groupThousands,
  sumAsShown,
  sumMoney,
  toExactString,
  toMoney,
} from '../../src/pricing/money.js';

describe('money', () => {
  it('writes huge and tiny amounts as plain decimals, never in exponent notation', () => {
    expect(toMoney('1.45e+307').times(1).toString()).toBe(`145${'0'.repeat(305)}`);
    expect(toMoney('0.0000000001').toString()).toBe('0.0000000001');
    expect(toMoney(1e21).toString()).toBe('1000000000000000000000');
    expect(sumMoney([toMoney('1e25'), toMoney('0.5')]).toString()).toBe('10000000000000000000000000.5');
  });

  it('toExactString is fixed-point even for a Decimal made elsewhere', () => {
    // decimal.js' own default switches to exponent notation at 1e21 and 1e-7.
    expect(new Decimal('1e21').toString()).toBe('1e+21');
    expect(toExactString(new Decimal('1e21'))).toBe('1000000000000000000000');
    expect(toExactString(new Decimal('1e-8'))).toBe('0.00000001');
  });

  it('still rounds to cents for display', () => {
    expect(formatCents(toMoney('72.075'))).toBe('72.08');
  });

  it('formats dollars for people with thousands separators and the sign in front', () => {
    expect(formatUsd('12345.675')).toBe('$12,345.68');
    expect(formatUsd('-1234567')).toBe('-$1,234,567.00');
    expect(formatUsd('999.994')).toBe('$999.99');
    expect(formatUsd('-0.001')).toBe('$0.00');
    expect(groupThousands('1234.00004')).toBe('1,234.00004');
    expect(groupThousands('0.0225')).toBe('0.0225');
  });

  it('adds amounts as shown: each rounded half-up to the cent first, null ones skipped', () => {
    // s02's EKS Auto Mode fee lines: 26.8056 shows as $26.81 and 65.8752 as $65.88, so $92.69, though the
    // exact 92.6808 rounds to $92.68.
    expect(sumAsShown(['26.8056', null, toMoney('65.8752')]).toFixed(2)).toBe('92.69');
    expect(
      sumMoney([toMoney('26.8056'), toMoney('65.8752')])
        .toDecimalPlaces(2)
        .toFixed(2),
    ).toBe('92.68');
    expect(sumAsShown([]).toFixed(2)).toBe('0.00');
  });
});
