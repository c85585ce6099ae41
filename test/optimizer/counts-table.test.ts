import { describe, expect, it } from 'vitest';
import { CountsTable, countsHash, sparseHash } from '../../src/optimizer/model/counts-table.js';

describe('CountsTable', () => {
  it('finds a vector by its contents, not by the array that was stored', () => {
    const table = new CountsTable<number>();
    const left = [3, 0, 2];
    table.add(left, 10);
    left[0] = 1; // the table keeps its own copy
    expect(table.find([3, 0, 2])?.value).toBe(10);
    expect(table.find(Int32Array.of(3, 0, 2))?.value).toBe(10);
    expect(table.find([1, 0, 2])).toBeUndefined();
  });

  it('tells apart vectors that differ in order or length, and lets a value be updated', () => {
    const table = new CountsTable<string>();
    table.add([1, 2], 'a');
    table.add([2, 1], 'b');
    table.add([1, 2, 0], 'c');
    expect([table.find([1, 2])?.value, table.find([2, 1])?.value, table.find([1, 2, 0])?.value]).toEqual([
      'a',
      'b',
      'c',
    ]);
    const entry = table.find([2, 1])!;
    entry.value = 'b2';
    expect(table.find([2, 1])?.value).toBe('b2');
  });

  it('hashes a vector that is zero outside some indices over those alone, to the same hash', () => {
    const cut = [0, 4, 0, 0, 7, 0, 1, 0];
    expect(sparseHash(cut, [1, 4, 6])).toBe(countsHash(cut));
    // Indices listed but zero add nothing either.
    expect(sparseHash(cut, [0, 1, 2, 4, 6])).toBe(countsHash(cut));
    const table = new CountsTable<string>();
    table.add(cut, 'cut', sparseHash(cut, [1, 4, 6]));
    expect(table.find([0, 4, 0, 0, 7, 0, 1, 0])?.value).toBe('cut');
  });

  it('keeps every vector apart when many share the table (colliding hashes included)', () => {
    const table = new CountsTable<number>();
    const all: number[][] = [];
    for (let a = 0; a < 6; a++)
      for (let b = 0; b < 6; b++)
        for (let c = 0; c < 6; c++) for (let d = 0; d < 6; d++) all.push([a, b, c, d]);
    for (const [k, counts] of all.entries()) table.add(counts, k);
    expect(all.every((counts, k) => table.find([...counts])?.value === k)).toBe(true);
    expect(table.find([6, 0, 0, 0])).toBeUndefined();
  });
});
