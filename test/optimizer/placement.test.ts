import { describe, expect, it } from 'vitest';
import type { FleetProblem, ProblemItem, ProblemType } from '../../src/optimizer/model/integer-model.js';
import { cheapestHolder } from '../../src/optimizer/model/placement.js';
import { residualProblem } from '../../src/optimizer/model/residual-problem.js';

function item(cpu: number, mem: number, demand: number, maxPerNode = demand): ProblemItem {
  return {
    key: `${cpu}/${mem}`,
    cpu,
    mem,
    gpu: 0,
    gpuModel: null,
    architecture: 'x86_64',
    demand,
    maxPerNode,
    services: [],
  };
}

function type(name: string, price: number, cpu: number, mem: number, accepts: boolean[]): ProblemType {
  return {
    name,
    compatibility: 'x86_64|',
    price,
    usdPerHour: String(price),
    capacity: {} as ProblemType['capacity'],
    cpu,
    mem,
    tasks: 110,
    gpu: 0,
    items: accepts.flatMap((a, i) => (a ? [i] : [])),
    accepts,
  };
}

// Items: 1 vCPU / 2 GiB (up to 3 per node) and 2 vCPU / 4 GiB. Types, not in price order on purpose:
// big 0.40 (8 vCPU), mid-a 0.20 (4 vCPU), small 0.10 (2 vCPU), mid-b 0.20 (4 vCPU, but not item 1).
const problem: FleetProblem = {
  items: [item(1000, 2048, 6, 3), item(2000, 4096, 2)],
  types: [
    type('big', 0.4, 8000, 32768, [true, true]),
    type('mid-a', 0.2, 4000, 16384, [true, true]),
    type('small', 0.1, 2000, 8192, [true, true]),
    type('mid-b', 0.2, 4000, 16384, [true, false]),
  ],
  minNodes: 1,
  unplaceable: [],
  notes: [],
};

describe('cheapestHolder', () => {
  it('picks the cheapest type that holds the load, whatever the order of the types', () => {
    // 2 vCPU fit small (0.10); 3 vCPU need a 4-vCPU type: mid-a and mid-b cost the same, mid-a comes first.
    expect(cheapestHolder(problem, [2, 0])).toBe(2);
    expect(cheapestHolder(problem, [3, 0])).toBe(1);
    // 1 × item 0 and 2 × item 1 take 5 vCPU: only big holds them.
    expect(cheapestHolder(problem, [1, 2])).toBe(0);
  });

  it('skips a type that does not take one of the items, and refuses counts over the per-node cap', () => {
    const withoutMidA: FleetProblem = { ...problem, types: [...problem.types] };
    withoutMidA.types[1] = type('mid-a', 0.2, 4000, 16384, [false, true]);
    // 3 × item 0: mid-a no longer takes item 0, so mid-b (same price, later index) holds them.
    expect(cheapestHolder(withoutMidA, [3, 0])).toBe(3);
    // 1 × item 0 and 1 × item 1 (3 vCPU): mid-b does not take item 1, mid-a does not take item 0: big.
    expect(cheapestHolder(withoutMidA, [1, 1])).toBe(0);
    expect(cheapestHolder(problem, [4, 0])).toBe(-1);
  });

  it('answers the same for a residual problem, which shares its parent types', () => {
    const rest = residualProblem(problem, [3, 1], 1);
    expect(rest.types).toBe(problem.types);
    expect(cheapestHolder(rest, [3, 0])).toBe(1);
    expect(cheapestHolder(rest, [0, 1])).toBe(2);
  });
});
