import { describe, expect, it } from 'vitest';
import type { SimPool } from '../../../bench/karpenter/cluster.js';
import { podBatches, provisionBatch } from '../../../bench/karpenter/provision.js';
import { simulateScheduling, sortPods } from '../../../bench/karpenter/scheduler.js';
import { costOf } from '../../../src/optimizer/model/placement.js';
import { onePool, runningNode, tinyProblem, typeNames } from './tiny-problem.js';

const pods = (...counts: number[]) => counts.flatMap((count, i) => Array.from({ length: count }, () => i));

describe('Karpenter scheduling simulation', () => {
  it('queues pods by CPU, then memory, descending', () => {
    const problem = tinyProblem(
      [{ name: 'big', cpu: 8000, price: 1 }],
      [
        { cpu: 500, demand: 1 },
        { cpu: 2000, demand: 1 },
        { cpu: 1000, demand: 1 },
      ],
    );
    problem.items[2]!.mem = 512;
    problem.items.push({ ...problem.items[2]!, mem: 1024 });
    expect(sortPods(problem, [0, 1, 2, 3])).toEqual([1, 3, 2, 0]);
  });

  it('keeps every type that still fits a NodeClaim and launches the cheapest of them', () => {
    // Three 1 vCPU pods: small (2 vCPU, $0.10) cannot hold them, large (4 vCPU, $0.15) and
    // xlarge (8 vCPU, $0.30) can, so one claim holds all three and launches as large.
    const problem = tinyProblem(
      [
        { name: 'small', cpu: 2000, price: 0.1 },
        { name: 'large', cpu: 4000, price: 0.15 },
        { name: 'xlarge', cpu: 8000, price: 0.3 },
      ],
      [{ cpu: 1000, demand: 3 }],
    );
    const result = simulateScheduling(problem, onePool(problem), pods(3), []);
    expect(result.claims).toHaveLength(1);
    expect(result.claims[0]!.types.map((t) => problem.types[t]!.name)).toEqual(['large', 'xlarge']);
    const nodes = provisionBatch(problem, onePool(problem), pods(3), [], 0);
    expect(typeNames(problem, nodes)).toEqual(['large']);
    expect(nodes[0]!.counts).toEqual([3]);
  });

  it('tries in-flight NodeClaims fewest pods first, which spreads pods where first fit would not', () => {
    // Pods 5, 5, 1, 1 vCPU. Claim A takes the first 5; the second 5 needs claim B. Each 1 vCPU pod
    // then goes to the claim with fewer pods: A (tie, creation order), then B. Both hold 6 vCPU and
    // launch as medium ($0.30 each, $0.60); first fit would make A 7 vCPU (large, $0.40) + B medium.
    const problem = tinyProblem(
      [
        { name: 'medium', cpu: 6000, price: 0.3 },
        { name: 'large', cpu: 8000, price: 0.4 },
      ],
      [
        { cpu: 5000, demand: 2 },
        { cpu: 1000, demand: 2 },
      ],
    );
    const nodes = provisionBatch(problem, onePool(problem), pods(2, 2), [], 0);
    expect(nodes.map((n) => n.counts)).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(typeNames(problem, nodes)).toEqual(['medium', 'medium']);
    expect(costOf(problem, nodes)).toBeCloseTo(0.6, 12);
  });

  it('fills running nodes, in order, before it opens a NodeClaim', () => {
    const problem = tinyProblem([{ name: 'large', cpu: 4000, price: 0.15 }], [{ cpu: 1000, demand: 6 }]);
    const running = [runningNode(problem, 0, 'large', [3]), runningNode(problem, 1, 'large', [1])];
    const result = simulateScheduling(problem, onePool(problem), pods(3), running);
    expect(result.added).toEqual([[1], [2]]);
    expect(result.claims).toHaveLength(0);
    expect(running.map((n) => n.counts)).toEqual([[3], [1]]);
  });

  it('keeps pods off a tainted GPU NodePool: neither its nodes nor its NodeClaims take them', () => {
    const problem = tinyProblem(
      [
        { name: 'cpu-node', cpu: 4000, price: 0.15 },
        { name: 'gpu-node', cpu: 8000, price: 1, gpu: 1000 },
      ],
      [
        { cpu: 1000, demand: 1, gpu: 1000 },
        { cpu: 1000, demand: 2 },
      ],
    );
    const pools: SimPool[] = [
      { name: 'general', types: [0], takes: [false, true], budget: 0.1 },
      { name: 'gpu', types: [1], takes: [true, false], budget: 0.1 },
    ];
    // The GPU pod's claim has room for both CPU pods, and so has a running GPU node; neither takes them.
    const fresh = simulateScheduling(problem, pools, [0, 1, 1], []);
    expect(fresh.claims.map((c) => [c.pool, c.counts])).toEqual([
      [1, [1, 0]],
      [0, [0, 2]],
    ]);
    const running = [runningNode(problem, 0, 'gpu-node', [1, 0], 1)];
    const later = simulateScheduling(problem, pools, [1], running);
    expect(later.added).toEqual([null]);
    expect(later.claims.map((c) => c.pool)).toEqual([0]);
  });

  it('counts pods that no NodePool admits as unschedulable', () => {
    const problem = tinyProblem([{ name: 'large', cpu: 4000, price: 0.15 }], [{ cpu: 1000, demand: 1 }]);
    const pools: SimPool[] = [{ name: 'none', types: [0], takes: [false], budget: 0.1 }];
    expect(simulateScheduling(problem, pools, [0], []).unschedulable).toBe(1);
    expect(() => provisionBatch(problem, pools, [0], [], 0)).toThrow(/left 1 pods pending/);
  });

  it('batches pods all at once, or one service at a time', () => {
    const problem = tinyProblem(
      [{ name: 'large', cpu: 4000, price: 0.15 }],
      [
        { cpu: 1000, demand: 2, service: 'a' },
        { cpu: 500, demand: 1, service: 'b' },
      ],
    );
    problem.items[0]!.services = [
      { service: 'a', count: 1, maxPerNode: 1 },
      { service: 'c', count: 1, maxPerNode: 1 },
    ];
    expect(podBatches(problem, 'one-batch')).toEqual([[0, 0, 1]]);
    expect(podBatches(problem, 'per-service')).toEqual([[0], [0], [1]]);
  });
});
