import { describe, expect, it } from 'vitest';
import { CountsTable } from '../../src/optimizer/model/counts-table.js';

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
});
