/**
 * The LP dive's fleets on problems small enough to follow by hand: what the covering LP uses whole is
 * committed, the tasks left end on the cheapest type that holds them, and the spread's node count is kept.
 * The dive ends by trimming surplus tasks and moving each node to its cheapest holder, so these fleets do
 * not show how each copy was cut on the way.
 */
import { describe, expect, it } from 'vitest';
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import { ColumnFinder } from '../../src/optimizer/search/column-finder.js';
import { singletonPatterns } from '../../src/optimizer/search/column-generation.js';
import { CoveringMaster } from '../../src/optimizer/search/covering-master.js';
import { diveWithColumns } from '../../src/optimizer/search/lp-dive.js';
import { SafetyClock } from '../../src/optimizer/search/solve-limits.js';
import { type TypeSpec, tinyProblem } from '../bench/karpenter/tiny-problem.js';

/** Two types: "two" holds two 1-vCPU tasks for 0.60, "one" holds one for 0.35 (tinyProblem: CPU binds). */
const TYPES: TypeSpec[] = [
  { name: 'two', cpu: 2000, price: 0.6 },
  { name: 'one', cpu: 1000, price: 0.35 },
];

/** `tasks` tasks of 1 vCPU on `types`, with at least `minNodes` nodes. */
function problemOf(tasks: number, types = TYPES, minNodes = 1): FleetProblem {
  return { ...tinyProblem(types, [{ cpu: 1000, demand: tasks }]), minNodes };
}

function dive(problem: FleetProblem, columns: { type: number; counts: number[] }[]) {
  const master = new CoveringMaster(problem);
  master.addAll([...columns, ...singletonPatterns(problem)]);
  const nodes = diveWithColumns(master, new ColumnFinder(problem), 50, new SafetyClock());
  return nodes.map((node) => `${problem.types[node.type]!.name}:${node.counts.join(',')}`).sort();
}

describe('the LP dive', () => {
  it('commits the pattern the LP uses whole, then covers the last task on the cheapest type that holds it', () => {
    // Three tasks: the LP's optimum is 1.5 copies of "two" (0.90, against 1.05 for three of "one"). The
    // whole copy is committed, and the task left ends on "one", the cheapest type that holds it (0.35
    // against 0.60).
    const problem = problemOf(3);
    expect(dive(problem, [{ type: 0, counts: [2] }])).toEqual(['one:1', 'two:2']);
  });

  it('keeps the spread: three nodes for four tasks, the cheapest way (one "two" and two "one": 1.30)', () => {
    // With at least 3 nodes the LP's optimum is x(two) = 1, x(one) = 2: 2 + 2 tasks and 3 nodes, at 1.30,
    // against 1.55 for two of "two" and an empty third node, or 1.40 for four of "one".
    // Both columns are given: the master holds only the columns it is given and those it prices.
    const problem = problemOf(4, TYPES, 3);
    const columns = [
      { type: 0, counts: [2] },
      { type: 1, counts: [1] },
    ];
    expect(dive(problem, columns)).toEqual(['one:1', 'one:1', 'two:2']);
    // With "two" alone, three copies are committed; the third holds nothing once cut, and empty nodes are
    // dropped at the end (the solve's repair, enforceMinNodes, restores the spread's count).
    expect(dive(problem, [columns[0]!])).toEqual(['two:2', 'two:2']);
  });

  it('cuts a committed copy to the tasks left and moves it to the cheapest type that holds the rest', () => {
    // Only a four-task column of a large type (1.00) is given besides the singletons: the LP uses it 0.75
    // times for three tasks (0.75) and nothing whole, so the dive commits one copy, cut to the three tasks
    // there are; three tasks fit no type but the large one, so it stays there.
    const problem = problemOf(3, [...TYPES, { name: 'four', cpu: 4000, price: 1.0 }]);
    expect(dive(problem, [{ type: 2, counts: [4] }])).toEqual(['four:3']);
  });
});
