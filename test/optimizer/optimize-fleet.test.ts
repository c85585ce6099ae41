import { afterAll, describe, expect, it } from 'vitest';
import type { FleetOptions, FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { optimizeFleet, optimizeFleets } from '../../src/optimizer/optimize-fleet.js';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import { planFleetHeuristic } from '../../src/optimizer/search/heuristic.js';
import { SAFETY_STOP_NOTE } from '../../src/optimizer/search/solve-limits.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE, M6I_4XLARGE, mixedLevel, SMALL_CATALOG } from './fixtures.js';
import { expectValidPlan } from './plan-checks.js';

const EKS: FleetOptions = { orchestrator: 'eks', useWorker: false };

function group(
  service: string,
  count: number,
  vcpu: number,
  gib: number,
  extra: Partial<FleetTaskGroup> = {},
) {
  return {
    service,
    count,
    vcpu,
    memoryMiB: gib * 1024,
    gpus: 0,
    architecture: 'x86_64',
    ...extra,
  } as FleetTaskGroup;
}

afterAll(async () => {
  await stopSolverThread();
});

describe('optimize-fleet', () => {
  it('puts six 2 vCPU / 4 GiB tasks on one c6i.4xlarge and proves it optimal', async () => {
    const tasks = [group('api', 6, 2, 4)];
    const types = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE];
    const plan = await optimizeFleet(tasks, types, EKS);
    expectValidPlan(plan, tasks, types);
    expect(plan.byType).toEqual([
      { instanceType: 'c6i.4xlarge', count: 1, usdPerHour: '0.65', hourlyUsd: '0.65' },
    ]);
    expect(plan.hourlyUsd).toBe('0.65');
    expect(plan.monthlyUsd).toBe('474.5');
    expect(plan.lowerBoundHourlyUsd).toBe('0.65');
    expect(plan.gap).toBe(0);
    expect(plan.optimal).toBe(true);
  });

  it('says how it found the fleet and what proved its bound, and names the LP only where it ran', async () => {
    const methods = (plan: { notes: string[] }) => plan.notes.filter((note) => note.startsWith('method'));
    const c6i = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE];
    // Six 2 vCPU tasks: the exact search finishes (the first test's optimum).
    const exact = await optimizeFleet([group('api', 6, 2, 4)], [...c6i, M6I_4XLARGE], EKS);
    expect(methods(exact)).toEqual([
      'method: an exact search over every load a node can hold, which finished: no fleet of the allowed types is cheaper',
    ]);
    // Thirty 1 vCPU / 2 GiB tasks, three to a c6i.xlarge in awsvpc mode (4 ENIs): ten nodes meet the share
    // bound, so no LP runs.
    const share = await optimizeFleet([group('api', 30, 1, 2)], c6i, {
      orchestrator: 'ecs',
      useWorker: false,
    });
    expect(share.byType).toEqual([
      { instanceType: 'c6i.xlarge', count: 10, usdPerHour: '0.17', hourlyUsd: '1.7' },
    ]);
    expect(share.gap).toBe(0);
    expect(methods(share)).toEqual([
      "method: each task's share of the cheapest node type that can run it for the lower bound, greedy packing and local search for the fleet",
    ]);
    // Twelve services on a mixed catalog need column generation for their bound.
    const lp = await optimizeFleet(mixedLevel(3), SMALL_CATALOG, { ...EKS, minNodes: 2 });
    expect(methods(lp)).toEqual([
      'method: column generation (simplex LP and knapsack column search, in JS) for the lower bound, LP diving and local search for the fleet',
    ]);
    expect([...methods(exact), ...methods(share)].some((note) => note.includes('LP'))).toBe(false);
  });

  it('credits greedy packing, not the LP dive, when the LP only proves the greedy fleet optimal', async () => {
    // 17 tasks of 1 vCPU / 2 GiB and 14 of 3 vCPU / 4 GiB under ECS awsvpc (tasks per node: ENIs − 1, so 3 on
    // a c6i.xlarge or 2xlarge, 7 on a 4xlarge). Greedy packing gives 14 c6i.xlarge with one task of each and
    // a 15th with three small ones: 15 × $0.17 = $2.55. Over 30 tasks, so no exact search; the share bound
    // is lower, so column generation runs. Its LP bound is $2.55 (by hand: 0.17 / 3 a small task and
    // 0.17 − 0.17 / 3 a large one price no load above its node: 0.17 on a c6i.xlarge, 0.283 on a 2xlarge
    // (two large, one small), 0.623 on a 4xlarge (five large and one small, or four and three); and
    // 14 × 0.1133 + 17 × 0.0567 = 2.55). The fleet is proven optimal before any search, so no dive ran.
    const tasks = [group('small', 17, 1, 2), group('large', 14, 3, 4)];
    const types = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE];
    const plan = await optimizeFleet(tasks, types, { orchestrator: 'ecs', useWorker: false });
    expectValidPlan(plan, tasks, types);
    expect(plan.byType).toEqual([
      { instanceType: 'c6i.xlarge', count: 15, usdPerHour: '0.17', hourlyUsd: '2.55' },
    ]);
    expect(plan.lowerBoundHourlyUsd).toBe('2.55');
    expect(plan.method).toBe('heuristic');
    expect(plan.notes.filter((note) => note.startsWith('method'))).toEqual([
      'method: column generation (simplex LP and knapsack column search, in JS) for the lower bound, greedy packing and local search for the fleet',
    ]);
  });

  it("credits the week's first-solved level when a later level keeps its fleet, cut down", async () => {
    // The same shapes as above (ECS awsvpc). Level 1: 25 small and 22 large tasks; level 2: 23 small and 22
    // large. Level 1 has the most tasks, so it is solved first: 22 c6i.xlarge with one large and one small
    // task each and a 23rd with the three small ones left, 23 × $0.17 = $3.91. Cut down to level 2's tasks
    // (one small task fewer on the 23rd node) it is level 2's fleet: the same 23 nodes, since a node holding
    // a large task needs 3 vCPU and one holding small tasks is already the smallest type.
    const types = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE, M6I_4XLARGE];
    const levels = [
      [group('small', 25, 1, 2), group('large', 22, 3, 4)],
      [group('small', 23, 1, 2), group('large', 22, 3, 4)],
    ];
    const [first, later] = await optimizeFleets(levels, types, { orchestrator: 'ecs', useWorker: false });
    for (const [i, plan] of [first!, later!].entries()) {
      expectValidPlan(plan, levels[i]!, types);
      expect(plan.byType).toEqual([
        { instanceType: 'c6i.xlarge', count: 23, usdPerHour: '0.17', hourlyUsd: '3.91' },
      ]);
    }
    expect(later!.notes.filter((note) => note.startsWith('method'))).toEqual([
      "method: column generation (simplex LP and knapsack column search, in JS) for the lower bound, the fleet of the week's level with the most tasks (cut down to this level's tasks) and local search for the fleet",
    ]);
  });

  it('needs a second node once the tasks outgrow one c6i.4xlarge', async () => {
    // Seven 4 GiB tasks need 28 672 MiB; a c6i.4xlarge leaves 27 381 MiB under EKS.
    const plan = await optimizeFleet([group('api', 7, 2, 4)], [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE], EKS);
    expect(plan.nodes.length).toBe(2);
    expect(plan.hourlyUsd).toBe('0.82');
  });

  it('runs arm64 images on Graviton only and x86 images on x86 only', async () => {
    const tasks = [
      group('arm', 3, 2, 4, { architecture: 'arm64' }),
      group('x86', 3, 2, 4),
      group('both', 2, 1, 2, { architecture: 'any' }),
    ];
    const plan = await optimizeFleet(tasks, SMALL_CATALOG, EKS);
    expectValidPlan(plan, tasks, SMALL_CATALOG);
    const armNodes = plan.nodes.filter((n) => n.tasks.some((t) => t.service === 'arm'));
    expect(armNodes.every((n) => n.instanceType === 'c7g.2xlarge')).toBe(true);
    const x86Nodes = plan.nodes.filter((n) => n.tasks.some((t) => t.service === 'x86'));
    expect(x86Nodes.every((n) => n.instanceType.startsWith('c6i') || n.instanceType.startsWith('m6i'))).toBe(
      true,
    );
  });

  it('puts a task that asks for a T4 GPU on a T4 node even when an A10G node is cheaper', async () => {
    const tasks = [group('infer', 2, 2, 8, { gpus: 1, gpuModel: 'T4' })];
    const plan = await optimizeFleet(tasks, SMALL_CATALOG, EKS);
    expectValidPlan(plan, tasks, SMALL_CATALOG);
    expect(plan.byType.map((l) => [l.instanceType, l.count])).toEqual([['g4dn.xlarge', 2]]);
  });

  it('takes any GPU model when the task names none, so the cheaper A10G wins', async () => {
    const plan = await optimizeFleet([group('train', 1, 2, 8, { gpus: 1 })], SMALL_CATALOG, EKS);
    expect(plan.byType.map((l) => l.instanceType)).toEqual(['g5.xlarge']);
  });

  it('uses burstable types only when they are allowed', async () => {
    const tasks = [group('web', 4, 1, 4)];
    const strict = await optimizeFleet(tasks, SMALL_CATALOG, EKS);
    expect(strict.nodes.some((n) => n.instanceType.startsWith('t3'))).toBe(false);
    const relaxed = await optimizeFleet(tasks, SMALL_CATALOG, { ...EKS, allowBurstable: true });
    expect(relaxed.byType.map((l) => l.instanceType)).toEqual(['t3.2xlarge']);
  });

  it('keeps to an instance-family allow-list', async () => {
    const plan = await optimizeFleet([group('api', 6, 2, 4)], SMALL_CATALOG, {
      ...EKS,
      instanceFamilies: ['m6i'],
    });
    expect(plan.byType.map((l) => l.instanceType)).toEqual(['m6i.4xlarge']);
  });

  it('spreads a service over at least minNodes nodes', async () => {
    const tasks = [group('api', 6, 0.5, 1)];
    const plan = await optimizeFleet(tasks, SMALL_CATALOG, { ...EKS, minNodes: 3 });
    expectValidPlan(plan, tasks, SMALL_CATALOG);
    expect(plan.nodes.length).toBeGreaterThanOrEqual(3);
    for (const node of plan.nodes)
      expect(node.tasks.find((t) => t.service === 'api')!.count).toBeLessThanOrEqual(2);
  });

  it('lists a task that fits no instance type with the reason, and places the rest', async () => {
    const tasks = [group('huge', 1, 4, 512), group('api', 2, 1, 2)];
    const plan = await optimizeFleet(tasks, SMALL_CATALOG, EKS);
    expect(plan.unplaceable).toHaveLength(1);
    expect(plan.unplaceable[0]!.service).toBe('huge');
    expect(plan.unplaceable[0]!.reason).toMatch(
      /^no instance type fits one task .*: the largest candidate node leaves \d+ MiB/,
    );
    expectValidPlan(plan, tasks, SMALL_CATALOG);
    expect(plan.nodes.flatMap((n) => n.tasks.map((t) => t.service))).toEqual(['api']);
  });

  it('explains a GPU model no candidate offers', async () => {
    const plan = await optimizeFleet(
      [group('llm', 1, 8, 32, { gpus: 1, gpuModel: 'H100' })],
      SMALL_CATALOG,
      EKS,
    );
    expect(plan.unplaceable[0]!.reason).toContain('no candidate type has a h100 GPU');
    expect(plan.nodes).toEqual([]);
    expect(plan.hourlyUsd).toBe('0');
  });

  it('respects the ECS awsvpc ENI limit: ENIs − 1 tasks per instance', async () => {
    // c6i.xlarge and c6i.2xlarge have 4 ENIs, so 3 tasks each; the c6i.4xlarge has 8.
    const tasks = [group('svc', 6, 0.25, 0.5)];
    const plan = await optimizeFleet(tasks, [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE], {
      orchestrator: 'ecs',
      useWorker: false,
    });
    expectValidPlan(plan, tasks, [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE]);
    expect(plan.byType.map((l) => [l.instanceType, l.count])).toEqual([['c6i.xlarge', 2]]);
    const bridge = await optimizeFleet(tasks, [C6I_XLARGE, C6I_2XLARGE], {
      orchestrator: 'ecs',
      ecsNetworkMode: 'bridge',
      useWorker: false,
    });
    expect(bridge.byType.map((l) => [l.instanceType, l.count])).toEqual([['c6i.xlarge', 1]]);
  });

  it('solves in the worker thread with the same answer', async () => {
    const tasks = [group('api', 6, 2, 4)];
    const plan = await optimizeFleet(tasks, [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE], {
      orchestrator: 'eks',
      timeLimitMs: 20_000,
    });
    expect(plan.hourlyUsd).toBe('0.65');
    expect(plan.optimal).toBe(true);
  });

  it('stops at the safety time limit with a valid plan, and says it may differ between runs', async () => {
    const tasks = Array.from({ length: 30 }, (_, i) =>
      group(`svc-${i}`, 1 + (i % 7), 0.25 * (1 + (i % 8)), 0.5 * (1 + (i % 16))),
    );
    const plan = await optimizeFleet(tasks, SMALL_CATALOG, { orchestrator: 'eks', timeLimitMs: 1 });
    expect(plan.stoppedBy).toBe('safety-time-limit');
    expect(plan.notes).toContain(SAFETY_STOP_NOTE);
    expectValidPlan(plan, tasks, SMALL_CATALOG);
  });

  it('returns an empty plan for no tasks', async () => {
    const plan = await optimizeFleet([group('idle', 0, 1, 1)], SMALL_CATALOG, EKS);
    expect(plan.nodes).toEqual([]);
    expect(plan.hourlyUsd).toBe('0');
    expect(plan.gap).toBe(0);
  });

  it('rejects a malformed task group with INVALID_WORKLOAD', async () => {
    await expect(optimizeFleet([group('bad', 1.5, 1, 1)], SMALL_CATALOG, EKS)).rejects.toMatchObject({
      code: 'INVALID_WORKLOAD',
      message: expect.stringContaining('count must be a whole number'),
    });
    await expect(optimizeFleet([group('bad', 1, 0, 1)], SMALL_CATALOG, EKS)).rejects.toMatchObject({
      code: 'INVALID_WORKLOAD',
    });
  });

  it('rejects an unreadable price with PRICE_DATA_INVALID', async () => {
    const broken = { ...C6I_XLARGE, usdPerHour: 'n/a' };
    await expect(optimizeFleet([group('api', 1, 1, 1)], [broken], EKS)).rejects.toMatchObject({
      code: 'PRICE_DATA_INVALID',
    });
  });
});

describe('heuristic', () => {
  it('plans synchronously with a valid fleet and a lower bound below its cost', () => {
    const tasks = [
      group('a', 5, 2, 4),
      group('b', 3, 1, 8, { architecture: 'any' }),
      group('c', 2, 4, 2, { architecture: 'arm64' }),
    ];
    const plan = planFleetHeuristic(tasks, SMALL_CATALOG, { orchestrator: 'eks' });
    expect(plan.method).toBe('heuristic');
    expectValidPlan(plan, tasks, SMALL_CATALOG);
    expect(Number(plan.lowerBoundHourlyUsd)).toBeGreaterThan(0);
  });
});
