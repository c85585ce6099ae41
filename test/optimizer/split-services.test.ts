import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitServices } from '../../src/optimizer/model/split-services.js';

describe('splitServices', () => {
  it('hands each node its tasks back per service, within each service cap', () => {
    // a: 2 tasks, at most 1 a node; b: 3 tasks, at most 2 a node. Nodes hold 3 and 2.
    const split = splitServices(
      [3, 2],
      [
        { service: 'a', count: 2, maxPerNode: 1 },
        { service: 'b', count: 3, maxPerNode: 2 },
      ],
    );
    expect(split).toEqual([
      [1, 2],
      [1, 1],
    ]);
  });

  it('splits any node counts within the summed caps when the caps are each half a service (two-node spread)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 2, maxLength: 8 }),
        (counts, weights) => {
          const services = counts.map((count, s) => ({
            service: `s${s}`,
            count,
            maxPerNode: Math.ceil(count / 2),
          }));
          const total = counts.reduce((a, b) => a + b, 0);
          const cap = services.reduce((sum, s) => sum + s.maxPerNode, 0);
          // Any node counts summing to the total, each at most the summed caps (what the solver allows).
          const perNode = weights.map(() => 0);
          let left = total;
          for (let round = 0; left > 0; round++) {
            // A node picked by weight, or the next one with room: the counts vary, and always fit.
            let n = weights[round % weights.length]! % weights.length;
            while (perNode[n]! >= cap) n = (n + 1) % weights.length;
            perNode[n] = perNode[n]! + 1;
            left -= 1;
          }
          const split = splitServices(perNode, services);
          split.forEach((row, n) => {
            expect(row.reduce((a, b) => a + b, 0)).toBe(perNode[n]);
            for (const [s, c] of row.entries()) expect(c).toBeLessThanOrEqual(services[s]!.maxPerNode);
          });
          services.forEach((service, s) => {
            expect(split.reduce((sum, row) => sum + row[s]!, 0)).toBe(service.count);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses node counts no split can respect', () => {
    // One service, 4 tasks, at most 2 a node, but a node holds 3.
    expect(() => splitServices([3, 1], [{ service: 'a', count: 4, maxPerNode: 2 }])).toThrow(
      /^service split failed: /,
    );
  });
});
