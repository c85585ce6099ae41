import { describe, expect, it } from 'vitest';
import { formatMs, formatPercent, quantile, wholeNumberFlag } from '../../bench/stats.js';

describe('wholeNumberFlag (the benchmarks’ count flags)', () => {
  it('reads decimal digits as the number they write', () => {
    expect(wholeNumberFlag('--runs', '3')).toBe(3);
    expect(wholeNumberFlag('--seeds', '40')).toBe(40);
    expect(wholeNumberFlag('--warm-passes', '0', 0)).toBe(0);
    expect(wholeNumberFlag('--first-seed', '007')).toBe(7);
  });

  it('refuses anything else, naming the flag, the text and the rule', () => {
    expect(() => wholeNumberFlag('--runs', '0')).toThrow(
      '--runs 0 is invalid: it must be a whole number ≥ 1',
    );
    // Number() would read these as 0, 2, 2.5, -1 and 1000: each is refused instead.
    expect(() => wholeNumberFlag('--runs', '', 0)).toThrow(
      '--runs  is invalid: it must be a whole number ≥ 0',
    );
    expect(() => wholeNumberFlag('--runs', '0x2')).toThrow('--runs 0x2 is invalid');
    expect(() => wholeNumberFlag('--runs', '2.5')).toThrow('--runs 2.5 is invalid');
    expect(() => wholeNumberFlag('--runs', '-1', 0)).toThrow('--runs -1 is invalid');
    expect(() => wholeNumberFlag('--runs', '1e3')).toThrow('--runs 1e3 is invalid');
    expect(() => wholeNumberFlag('--runs', ' 2')).toThrow('--runs  2 is invalid');
    expect(() => wholeNumberFlag('--seconds', undefined)).toThrow(
      '--seconds undefined is invalid: it must be a whole number ≥ 1',
    );
  });
});

describe('quantile', () => {
  it('is the smallest value with at least that share of the values at or below it', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 0.99)).toBe(5);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2);
    // The bench's 15 timed calls of a set: the p50 is the 8th fastest, the p99 the slowest.
    const calls = [150, 10, 140, 20, 130, 30, 120, 40, 110, 50, 100, 60, 90, 70, 80];
    expect(quantile(calls, 0.5)).toBe(80);
    expect(quantile(calls, 0.99)).toBe(150);
    expect(quantile([], 0.5)).toBe(0);
  });

  it('leaves the values it was given in their order', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('formatMs and formatPercent', () => {
  it('print times and gaps as the bench tables show them', () => {
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(4.657)).toBe('4.66 ms');
    expect(formatMs(132.44)).toBe('132.4 ms');
    expect(formatPercent(0.029)).toBe('2.90 %');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});
