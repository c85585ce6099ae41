import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enumerateLoads } from '../../src/optimizer/knapsack/enumerate-loads.js';
import type { KnapsackCapacity, KnapsackItem } from '../../src/optimizer/knapsack/types.js';

/** Every load within bounds and capacity, by exhaustive search: the reference. */
function allLoads(items: readonly KnapsackItem[], cap: KnapsackCapacity): number[][] {
  const loads: number[][] = [];
  const visit = (k: number, counts: number[], cpu: number, mem: number, tasks: number, gpu: number): void => {
    if (k === items.length) {
      loads.push([...counts]);
      return;
    }
    const item = items[k]!;
    for (let a = 0; a <= item.bound; a++) {
      if (cpu - a * item.cpu < 0 || mem - a * item.mem < 0 || tasks - a < 0 || gpu - a * item.gpu < 0) break;
      counts.push(a);
      visit(k + 1, counts, cpu - a * item.cpu, mem - a * item.mem, tasks - a, gpu - a * item.gpu);
      counts.pop();
    }
  };
  visit(0, [], cap.cpu, cap.mem, cap.tasks, cap.gpu);
  return loads;
}

function isMaximal(
  items: readonly KnapsackItem[],
  cap: KnapsackCapacity,
  counts: readonly number[],
): boolean {
  const used = { cpu: 0, mem: 0, tasks: 0, gpu: 0 };
  counts.forEach((a, i) => {
    used.cpu += a * items[i]!.cpu;
    used.mem += a * items[i]!.mem;
    used.tasks += a;
    used.gpu += a * items[i]!.gpu;
  });
  return items.every(
    (item, i) =>
      counts[i]! >= item.bound ||
      used.cpu + item.cpu > cap.cpu ||
      used.mem + item.mem > cap.mem ||
      used.tasks + 1 > cap.tasks ||
      used.gpu + item.gpu > cap.gpu,
  );
}

const loadValue = (items: readonly KnapsackItem[], counts: readonly number[]) =>
  counts.reduce((sum, a, i) => sum + a * items[i]!.value, 0);

const LIMITS = { maxLoads: 1_000_000, maxNodes: 10_000_000 };

describe('enumerateLoads', () => {
  it('lists the maximal loads of a node worth at least the threshold, checked by hand', () => {
    // 4000 millicores, 8192 MiB. A: 1000 m / 1024 MiB worth 2 (at most 3); B: 2000 m / 4096 MiB worth 3.
    // Maximal loads: 3A + 0B (3000 m left: no room for B, A at its bound) worth 6; 2A + 1B worth 7;
    // 0A + 2B worth 6 (no cpu left). 1A + 1B leaves 1000 m for another A, so it is not maximal.
    const items: KnapsackItem[] = [
      { value: 2, cpu: 1000, mem: 1024, gpu: 0, bound: 3 },
      { value: 3, cpu: 2000, mem: 4096, gpu: 0, bound: 2 },
    ];
    const cap = { cpu: 4000, mem: 8192, tasks: 10, gpu: 0 };
    const all = enumerateLoads(items, cap, 0, LIMITS);
    expect(all.complete).toBe(true);
    expect(all.loads.sort()).toEqual([
      [0, 2],
      [2, 1],
      [3, 0],
    ]);
    expect(enumerateLoads(items, cap, 6.5, LIMITS).loads).toEqual([[2, 1]]);
    expect(enumerateLoads(items, cap, 0, { ...LIMITS, required: 1 }).loads.sort()).toEqual([
      [0, 2],
      [2, 1],
    ]);
  });

  it('says it is incomplete, and lists nothing, when a limit stops it', () => {
    const items: KnapsackItem[] = [
      { value: 1, cpu: 1, mem: 1, gpu: 0, bound: 50 },
      { value: 1, cpu: 1, mem: 1, gpu: 0, bound: 50 },
    ];
    const result = enumerateLoads(items, { cpu: 50, mem: 50, tasks: 100, gpu: 0 }, 0, {
      maxLoads: 5,
      maxNodes: 1_000_000,
    });
    expect(result.complete).toBe(false);
    expect(result.loads).toEqual([]);
  });

  it('finds exactly the maximal loads exhaustive search finds above any threshold', () => {
    const itemArb = fc.record({
      value: fc.integer({ min: 0, max: 9 }),
      cpu: fc.integer({ min: 1, max: 4 }).map((x) => x * 250),
      mem: fc.integer({ min: 1, max: 4 }).map((x) => x * 512),
      gpu: fc.constantFrom(0, 0, 1000),
      bound: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 4 }),
        fc.record({
          cpu: fc.integer({ min: 1, max: 8 }).map((x) => x * 250),
          mem: fc.integer({ min: 1, max: 8 }).map((x) => x * 512),
          tasks: fc.integer({ min: 1, max: 6 }),
          gpu: fc.constantFrom(0, 1000, 2000),
        }),
        fc.integer({ min: 0, max: 30 }),
        (items, cap, threshold) => {
          const expected = allLoads(items, cap)
            .filter((load) => isMaximal(items, cap, load) && loadValue(items, load) >= threshold)
            .map((load) => load.join(','))
            .sort();
          const listed = enumerateLoads(items, cap, threshold, LIMITS);
          expect(listed.complete).toBe(true);
          expect(listed.loads.map((load) => load.join(',')).sort()).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
