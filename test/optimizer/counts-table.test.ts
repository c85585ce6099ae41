import { describe, expect, it } from 'vitest';
import { CountsTable, countsHash, sparseHash, termOf } from '../../src/optimizer/model/counts-table.js';

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

  it('adopts a list it is given for keeps: the entry holds that very list, found by contents and sparsely', () => {
    const table = new CountsTable<number>();
    const made = [0, 4, 0, 1];
    const entry = table.adopt(made, 7);
    expect(entry.counts).toBe(made);
    expect(entry.nonzero).toBe(2);
    expect(table.find([0, 4, 0, 1])).toBe(entry);
    expect(table.findSparse(Int32Array.of(1, 3), Int32Array.of(4, 1), 2, countsHash(made))).toBe(entry);
    // A caller that counted the nonzero counts already passes them; the entry keeps them as given.
    const counted = table.adopt([5, 0, 0, 0], 8, countsHash([5, 0, 0, 0]), 1);
    expect(counted.nonzero).toBe(1);
    expect(table.findSparse(Int32Array.of(0), Int32Array.of(5), 1, countsHash([5, 0, 0, 0]))).toBe(counted);
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

  it('finds a vector given at a few indices only when it is zero everywhere else', () => {
    const table = new CountsTable<string>();
    table.add([0, 2, 0, 3], 'two items');
    table.add([1, 2, 0, 3], 'three items');
    const items = Int32Array.of(1, 3);
    const hashOf = (cut: Int32Array) => (termOf(1, cut[0]!) + termOf(3, cut[1]!)) | 0;
    const cut = Int32Array.of(2, 3);
    expect(hashOf(cut)).toBe(countsHash([0, 2, 0, 3]));
    expect(table.findSparse(items, cut, 2, hashOf(cut))?.value).toBe('two items');
    // [1, 2, 0, 3] agrees at items 1 and 3 but has a third nonzero count: not the vector asked for.
    expect(table.find([1, 2, 0, 3])?.nonzero).toBe(3);
    expect(
      table.findSparse(Int32Array.of(0, 1, 3), Int32Array.of(1, 2, 3), 3, countsHash([1, 2, 0, 3]))?.value,
    ).toBe('three items');
    expect(
      table.findSparse(items, Int32Array.of(2, 2), 2, (termOf(1, 2) + termOf(3, 2)) | 0),
    ).toBeUndefined();
  });

  it('skips an entry that shares the hash and the listed counts but has another nonzero count', () => {
    const table = new CountsTable<string>();
    // Stored under the hash of [0, 2, 0, 3], as a colliding vector would be.
    table.add([5, 2, 0, 3], 'collides', countsHash([0, 2, 0, 3]));
    expect(
      table.findSparse(Int32Array.of(1, 3), Int32Array.of(2, 3), 2, countsHash([0, 2, 0, 3])),
    ).toBeUndefined();
    table.add([0, 2, 0, 3], 'wanted');
    expect(
      table.findSparse(Int32Array.of(1, 3), Int32Array.of(2, 3), 2, countsHash([0, 2, 0, 3]))?.value,
    ).toBe('wanted');
  });
});
