import { describe, expect, it } from 'vitest';
import { isFrozenList, keptIn } from '../src/memo.js';

describe('isFrozenList', () => {
  it('is true only for a frozen list of frozen entries', () => {
    expect(isFrozenList([{ a: 1 }])).toBe(false);
    expect(isFrozenList(Object.freeze([{ a: 1 }]))).toBe(false);
    expect(isFrozenList(Object.freeze([Object.freeze({ a: 1 })]))).toBe(true);
    expect(isFrozenList(Object.freeze([]))).toBe(true);
  });

  it('asks again after a false answer: an entry frozen later makes the list count as frozen', () => {
    const entry = { a: 1 };
    const list = Object.freeze([entry]);
    expect(isFrozenList(list)).toBe(false);
    Object.freeze(entry);
    expect(isFrozenList(list)).toBe(true);
    // Kept: the same list is still frozen on the next call.
    expect(isFrozenList(list)).toBe(true);
  });
});

describe('keptIn', () => {
  it('makes a value once per key and keeps it', () => {
    const store = new Map<string, number[]>();
    let made = 0;
    const make = () => {
      made += 1;
      return [made];
    };
    const first = keptIn(store, 'k', make);
    expect(keptIn(store, 'k', make)).toBe(first);
    expect(keptIn(store, 'other', make)).toEqual([2]);
    expect(made).toBe(2);
  });
});
