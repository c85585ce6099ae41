import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateKarpenter } from '../../../bench/karpenter/simulate.js';
import { costOf, findPlacementError } from '../../../src/optimizer/model/placement.js';
import { onePool, tinyProblem } from './tiny-problem.js';

const TYPES = [
  { name: 'small', cpu: 2000, price: 0.1 },
  { name: 'medium', cpu: 4000, price: 0.19 },
  { name: 'large', cpu: 8000, price: 0.36 },
  { name: 'xlarge', cpu: 16000, price: 0.7 },
];

const itemsArb = fc.array(
  fc.record({
    cpu: fc.constantFrom(250, 500, 1000, 1500, 2000, 3000),
    demand: fc.integer({ min: 1, max: 9 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('simulateKarpenter', () => {
  it('grows one batch into one big node, which consolidation cannot split', () => {
    // Pods 3, 3, 1.5, 1.5 vCPU in one batch: xlarge (16 vCPU) holds them all, so every pod joins the
    // one claim and it launches as the cheapest type holding 9 vCPU, xlarge ($0.70). A large + small
    // pair would cost $0.46, but consolidation only deletes or replaces by one cheaper node, and no
    // type below xlarge holds 9 vCPU.
    const problem = tinyProblem(TYPES, [
      { cpu: 3000, demand: 2 },
      { cpu: 1500, demand: 2 },
    ]);
    const run = simulateKarpenter(problem, onePool(problem, 1));
    expect(run.nodes.map((n) => [problem.types[n.type]!.name, n.counts])).toEqual([['xlarge', [2, 2]]]);
    expect(run.provisionedCost).toBeCloseTo(0.7, 12);
    expect(run.cost).toBeCloseTo(0.7, 12);
    expect(run.moves).toEqual([]);
  });

  it('consolidates between batches when services arrive one at a time', () => {
    // Service a (1 vCPU) launches a small ($0.10); service b (3 vCPU) does not fit beside it and
    // launches a medium ($0.19). Replacing both by one node would need a medium again (refused), but
    // a's pod fits the medium's spare 1 vCPU, so the small is deleted: $0.19 against $0.29.
    const problem = tinyProblem(TYPES, [
      { cpu: 1000, demand: 1, service: 'a' },
      { cpu: 3000, demand: 1, service: 'b' },
    ]);
    const run = simulateKarpenter(problem, onePool(problem, 1), 'per-service');
    expect(run.provisionedCost).toBeCloseTo(0.29, 12);
    expect(run.moves.map((m) => [m.kind, m.removed, m.replacement])).toEqual([
      ['single-node', ['small'], null],
    ]);
    expect(run.nodes.map((n) => [problem.types[n.type]!.name, n.counts])).toEqual([['medium', [1, 1]]]);
    expect(run.cost).toBeCloseTo(0.19, 12);
  });

  it('never ends above provisioning alone on one batch, and always places every pod within capacity', () => {
    fc.assert(
      fc.property(itemsArb, fc.constantFrom(0.1, 1), (items, budget) => {
        const problem = tinyProblem(TYPES, items);
        const pools = onePool(problem, budget);
        const once = simulateKarpenter(problem, pools, 'one-batch');
        const placed = once.nodes.map((n) => ({ type: n.type, counts: n.counts }));
        expect(findPlacementError(problem, placed)).toBeNull();
        expect(once.cost).toBeCloseTo(costOf(problem, placed), 9);
        expect(once.cost).toBeLessThanOrEqual(once.provisionedCost + 1e-9);
        const grown = simulateKarpenter(problem, pools, 'per-service');
        expect(
          findPlacementError(
            problem,
            grown.nodes.map((n) => ({ type: n.type, counts: n.counts })),
          ),
        ).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
