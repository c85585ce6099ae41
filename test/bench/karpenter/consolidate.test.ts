import { describe, expect, it } from 'vitest';
import { fleetCost } from '../../../bench/karpenter/cluster.js';
import { consolidate } from '../../../bench/karpenter/consolidate.js';
import { findPlacementError } from '../../../src/optimizer/model/placement.js';
import { onePool, runningNode, tinyProblem, typeNames } from './tiny-problem.js';

const TYPES = [
  { name: 'small', cpu: 2000, price: 0.1 },
  { name: 'medium', cpu: 4000, price: 0.2 },
  { name: 'large', cpu: 8000, price: 0.3 },
];

describe('Karpenter consolidation', () => {
  it('deletes empty nodes', () => {
    const problem = tinyProblem(TYPES, [{ cpu: 1500, demand: 1 }]);
    const nodes = [runningNode(problem, 0, 'medium', [0]), runningNode(problem, 1, 'small', [1])];
    const result = consolidate(problem, onePool(problem), nodes);
    expect(result.moves.map((m) => m.kind)).toEqual(['empty']);
    expect(typeNames(problem, result.nodes)).toEqual(['small']);
  });

  it('replaces two half-empty nodes with one cheaper node (multi-node), budget allowing', () => {
    // Two medium nodes ($0.20 each) hold one 2.5 vCPU pod each: neither fits beside the other, and no
    // type below medium holds one, so single-node moves are impossible. Together they fit one large
    // ($0.30 < $0.40).
    const problem = tinyProblem(TYPES, [{ cpu: 2500, demand: 2 }]);
    const nodes = [runningNode(problem, 0, 'medium', [1]), runningNode(problem, 1, 'medium', [1])];
    const result = consolidate(problem, onePool(problem, 1), nodes);
    expect(result.moves).toEqual([
      {
        kind: 'multi-node',
        removed: ['medium', 'medium'],
        replacement: 'large',
        saving: expect.closeTo(0.1, 12),
      },
    ]);
    expect(typeNames(problem, result.nodes)).toEqual(['large']);
    expect(result.nodes[0]!.counts).toEqual([2]);
  });

  it('respects the default 10 % disruption budget: two nodes allow one disruption, so no multi-node move', () => {
    const problem = tinyProblem(TYPES, [{ cpu: 2500, demand: 2 }]);
    const nodes = [runningNode(problem, 0, 'medium', [1]), runningNode(problem, 1, 'medium', [1])];
    const result = consolidate(problem, onePool(problem, 0.1), nodes);
    expect(result.moves).toEqual([]);
    expect(fleetCost(problem, result.nodes)).toBeCloseTo(0.4, 12);
  });

  it('deletes a node whose pods fit on the others (single-node delete)', () => {
    // Two large nodes with one 3 vCPU pod each: the first node's pod fits beside the second's.
    const problem = tinyProblem(TYPES, [{ cpu: 3000, demand: 2 }]);
    const nodes = [runningNode(problem, 0, 'large', [1]), runningNode(problem, 1, 'large', [1])];
    const result = consolidate(problem, onePool(problem), nodes);
    expect(result.moves.map((m) => [m.kind, m.replacement])).toEqual([['single-node', null]]);
    expect(result.nodes.map((n) => [n.id, n.counts])).toEqual([[1, [2]]]);
  });

  it('replaces a node with the cheapest type that holds its pods (single-node replace)', () => {
    // One 1.5 vCPU pod on a large ($0.30): small ($0.10) and medium ($0.20) are cheaper and hold it;
    // the launch takes the cheapest, small.
    const problem = tinyProblem(TYPES, [{ cpu: 1500, demand: 1 }]);
    const result = consolidate(problem, onePool(problem), [runningNode(problem, 0, 'large', [1])]);
    expect(result.moves).toEqual([
      { kind: 'single-node', removed: ['large'], replacement: 'small', saving: expect.closeTo(0.2, 12) },
    ]);
    expect(typeNames(problem, result.nodes)).toEqual(['small']);
  });

  it('never splits a node into several and never replaces with an equal or dearer one', () => {
    // Two 3 vCPU pods fill 6 of a large's 8 vCPU. Two medium nodes would cost more ($0.40), a single
    // medium cannot hold both, and only large itself holds both: nothing to do.
    const problem = tinyProblem(TYPES, [{ cpu: 3000, demand: 2 }]);
    const result = consolidate(problem, onePool(problem, 1), [runningNode(problem, 0, 'large', [2])]);
    expect(result.moves).toEqual([]);
  });

  it('iterates until no move saves money, leaving every pod placed within capacity', () => {
    // Six large nodes ($0.30 each) with one 1 vCPU pod each. Multi-node consolidation deletes the
    // first five, their pods fitting on the sixth (6 vCPU ≤ 8); replacing all six would need a large
    // again, which filterOutSameType refuses. No single type below large holds 6 vCPU: $0.30 from $1.80.
    const problem = tinyProblem(TYPES, [{ cpu: 1000, demand: 6 }]);
    const nodes = Array.from({ length: 6 }, (_, id) => runningNode(problem, id, 'large', [1]));
    const result = consolidate(problem, onePool(problem, 1), nodes);
    expect(result.moves.map((m) => [m.kind, m.removed.length, m.replacement])).toEqual([
      ['multi-node', 5, null],
    ]);
    expect(fleetCost(problem, result.nodes)).toBeCloseTo(0.3, 12);
    expect(result.moves.reduce((sum, m) => sum + m.saving, 0)).toBeCloseTo(1.5, 12);
    expect(
      findPlacementError(
        problem,
        result.nodes.map((n) => ({ type: n.type, counts: n.counts })),
      ),
    ).toBeNull();
  });
});
