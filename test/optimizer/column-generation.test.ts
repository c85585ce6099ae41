import { describe, expect, it } from 'vitest';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { buildFleetProblem } from '../../src/optimizer/model/build-model.js';
import type { FleetProblem } from '../../src/optimizer/model/integer-model.js';
import type { Pattern } from '../../src/optimizer/model/pattern.js';
import { canHold } from '../../src/optimizer/model/placement.js';
import { ColumnFinder } from '../../src/optimizer/search/column-finder.js';
import { generateColumns, singletonPatterns } from '../../src/optimizer/search/column-generation.js';
import { CoveringMaster } from '../../src/optimizer/search/covering-master.js';
import { SafetyClock } from '../../src/optimizer/search/solve-limits.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE, M6I_4XLARGE } from './fixtures.js';
import { coveringOptimum } from './highs-oracle.js';

function group(service: string, count: number, vcpu: number, gib: number): FleetTaskGroup {
  return { service, count, vcpu, memoryMiB: gib * 1024, gpus: 0, architecture: 'x86_64' };
}

/** Every load one node of each type can hold: the whole column set, listed by brute force. */
function allPatterns(problem: FleetProblem): Pattern[] {
  const patterns: Pattern[] = [];
  problem.types.forEach((type, t) => {
    const counts = problem.items.map(() => 0);
    const visit = (i: number): void => {
      if (i === problem.items.length) {
        if (counts.some((c) => c > 0)) patterns.push({ type: t, counts: [...counts] });
        return;
      }
      for (let c = 0; c <= problem.items[i]!.demand; c++) {
        counts[i] = c;
        if (!canHold(problem, type, counts)) break;
        visit(i + 1);
      }
      counts[i] = 0;
    };
    visit(0);
  });
  return patterns;
}

describe('column generation', () => {
  it('proves the LP optimum over every pattern, starting from one column per item', async () => {
    const problem = buildFleetProblem(
      [group('web', 7, 1.5, 3), group('api', 5, 2, 6), group('cache', 3, 1, 12), group('jobs', 4, 3, 5)],
      [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE],
      { orchestrator: 'ecs', ecsNetworkMode: 'bridge' },
    );
    // The independent answer: the same LP with every column present from the start, solved by HiGHS.
    const listed = allPatterns(problem);
    const optimum = await coveringOptimum(
      problem.items.map((item) => item.demand),
      listed.map((pattern) => {
        const rows = pattern.counts.flatMap((c, i) => (c > 0 ? [i] : []));
        return {
          cost: problem.types[pattern.type]!.price,
          rows,
          values: rows.map((i) => pattern.counts[i]!),
        };
      }),
    );

    const master = new CoveringMaster(problem);
    master.addAll(singletonPatterns(problem));
    const cg = generateColumns(
      master,
      new ColumnFinder(problem),
      { maxRounds: 80, proveAfter: 40 },
      new SafetyClock(),
    );
    // 491 patterns in all; the search needs several rounds to find the ones that matter.
    expect(listed.length).toBe(491);
    expect(cg.rounds).toBeGreaterThan(2);
    expect(cg.converged).toBe(true);
    expect(cg.lp.value).toBeCloseTo(optimum, 9);
    expect(cg.lowerBound).toBeCloseTo(optimum, 9);
  });
});
