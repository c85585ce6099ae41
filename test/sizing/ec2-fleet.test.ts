import { describe, expect, it } from 'vitest';
import type { FleetOptions, FleetTaskGroup, PricedInstanceType } from '../../src/optimizer/fleet-types.js';
import { planFleetHeuristic } from '../../src/optimizer/search/heuristic.js';
import { type FleetSolver, gapNote, planEc2Fleet } from '../../src/sizing/ec2-fleet.js';
import { createFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { ServiceInput } from '../../src/workload/schema.js';
import { makeService, normalised } from '../helpers/workloads.js';
import { C6I_2XLARGE, C6I_XLARGE, G5_XLARGE, instanceType } from '../optimizer/fixtures.js';

const C7G_XLARGE = instanceType({ name: 'c7g.xlarge', vcpu: 4, gib: 8, usd: '0.145', architecture: 'arm64' });
const C7G_2XLARGE = instanceType({
  name: 'c7g.2xlarge',
  vcpu: 8,
  gib: 16,
  usd: '0.29',
  architecture: 'arm64',
});
const TYPES = [C6I_XLARGE, C6I_2XLARGE, C7G_XLARGE, C7G_2XLARGE];

/** The greedy heuristic (deterministic), recording the types, task groups and options of every solve. */
function recordingSolver(): FleetSolver & {
  calls: { tasks: FleetTaskGroup[]; types: PricedInstanceType[]; options: FleetOptions }[];
} {
  const calls: { tasks: FleetTaskGroup[]; types: PricedInstanceType[]; options: FleetOptions }[] = [];
  const solve = async (tasks: FleetTaskGroup[], types: PricedInstanceType[], options: FleetOptions) => {
    calls.push({ tasks, types, options });
    return planFleetHeuristic(tasks, types, options);
  };
  return Object.assign(solve, { calls });
}

/** Plans the services' fleet with `solve` (by default the recording greedy heuristic). */
async function plan<S extends FleetSolver = ReturnType<typeof recordingSolver>>(
  services: ServiceInput[],
  orchestrator: 'ecs' | 'eks' = 'eks',
  types = TYPES,
  solve: S = recordingSolver() as FleetSolver as S,
) {
  const sized = await planEc2Fleet({
    orchestrator,
    services: normalised({ services }).services,
    types,
    solve,
    scaleOutLeadMinutes: 5,
    secondArchitectureMinSaving: 0.1,
  });
  return { ...sized, solve };
}

const architectures = (names: readonly { instanceType: string }[]) =>
  [...new Set(names.map((l) => TYPES.find((t) => t.name === l.instanceType)!.architecture))].sort();

/** 12 busy hours a weekday at 6 tasks of 2 vCPU / 4 GiB, 1 task otherwise. */
const DIURNAL_WEB = makeService({
  name: 'web',
  cpu: 2,
  memory: '4 GiB',
  replicas: { min: 1, max: 6 },
  traffic: { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20 },
});

describe('planEc2Fleet', () => {
  it('sizes a 30-minute spike to 100 tasks for 100 tasks, not for its hourly average', async () => {
    // s05: 4 tasks, bursting to 100 four times a day for 30 minutes. The hourly average of a spike hour
    // is about 52; the capacity must hold all 100 while the spike lasts.
    const { fleet, solve } = await plan(
      [
        makeService({
          name: 'api',
          cpu: 1,
          memory: '2 GiB',
          architecture: 'x86_64',
          replicas: { min: 4, max: 100 },
          traffic: { pattern: 'spiky', spikesPerDay: 4, spikeMinutes: 30 },
        }),
      ],
      'ecs',
    );
    const placed = fleet.placement.flatMap((n) => n.tasks).reduce((sum, t) => sum + t.count, 0);
    expect(placed).toBe(100);
    expect(Math.max(...solve.calls.map((c) => c.tasks[0]!.count))).toBe(100);
    // Spikes are centred in 6-hour slots (02:45–03:15, 08:45–09:15, 14:45–15:15, 20:45–21:15): each
    // touches two hours, which hold 100 tasks from 5 minutes before the first: 4 × 125 = 500 minutes a day,
    // 3,500 a week; the other 6,580 minutes hold the 4 baseline tasks.
    expect(solve.calls.map((c) => c.tasks[0]!.count)).toEqual([4, 100]);
    const nodes = (lines: typeof fleet.peak) => lines.reduce((n, l) => n + l.count, 0);
    const total = fleet.instanceMinutesPerWeek.reduce((n, l) => n + l.minutes, 0);
    expect(total).toBe(nodes(fleet.peak) * 3500 + nodes(fleet.typical) * 6580);
  });

  it('bills each instance type for the minutes it runs: 2 levels of a diurnal week, and 5 minutes of lead', async () => {
    // 12 peak hours a weekday at 6 tasks of 2 vCPU / 4 GiB, 1 task otherwise, on c6i types only.
    const { fleet } = await plan([DIURNAL_WEB], 'ecs', [C6I_XLARGE, C6I_2XLARGE]);
    const total = fleet.instanceMinutesPerWeek.reduce((n, l) => n + l.minutes, 0);
    // The quiet fleet runs every minute of the week; the busy one on weekdays from 07:55 to 20:00.
    const busyMinutes = 5 * (12 * 60 + 5);
    expect(fleet.instanceMinutesPerWeek.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(168 * 60);
    const peakNodes = fleet.peak.reduce((n, l) => n + l.count, 0);
    const typicalNodes = fleet.typical.reduce((n, l) => n + l.count, 0);
    expect(total).toBe(typicalNodes * (168 * 60 - busyMinutes) + peakNodes * busyMinutes);
  });

  it('gives the gap of the typical fleet and of the whole week, each level weighted by its minutes', async () => {
    // Busy weekdays 08:00–20:00 plus 5 minutes of lead: 5 × 725 = 3,625 minutes at 6 tasks, 6,455 at 1.
    // A stub solver prices the busy level at $0.40/h over a bound of $0.38, the quiet one at $0.20 over $0.16.
    const solve: FleetSolver = async (tasks, types, options) => {
      const busy = tasks.reduce((n, g) => n + g.count, 0) === 6;
      const [hourlyUsd, lowerBoundHourlyUsd] = busy ? ['0.4', '0.38'] : ['0.2', '0.16'];
      const plan = planFleetHeuristic(tasks, types, options);
      return {
        ...plan,
        hourlyUsd,
        lowerBoundHourlyUsd,
        gap: Number(hourlyUsd) / Number(lowerBoundHourlyUsd) - 1,
      };
    };
    const { fleet, notes } = await plan([DIURNAL_WEB], 'ecs', [C6I_XLARGE, C6I_2XLARGE], solve);
    // Peak: 0.40 / 0.38 − 1. Typical: the quiet level (6,455 of 10,080 minutes), 0.20 / 0.16 − 1.
    expect(fleet.peakGap).toBeCloseTo(0.0526316, 6);
    expect(fleet.typicalGap).toBeCloseTo(0.25, 12);
    // Week: (0.40 × 3,625 + 0.20 × 6,455) / (0.38 × 3,625 + 0.16 × 6,455) − 1 = 2,741 / 2,410.3 − 1.
    expect(fleet.weeklyGap).toBeCloseTo(0.1372028378, 9);
    // The same three figures, in words, for the text, markdown and HTML reports (which show notes only).
    expect(notes).toContain(
      "the peak fleet costs at most 5.26 % more than the cheapest fleet of the allowed types for its tasks (fleet.peakGap = cost ÷ proven lower bound − 1); the typical fleet costs at most 25.00 % more than the cheapest for its tasks (fleet.typicalGap); the week's instances cost at most 13.72 % more than the cheapest fleet of each of the week's traffic levels would (fleet.weeklyGap)",
    );
  });

  it('says when a gap has no finite value, and leaves out the typical fleet when the week has none', () => {
    expect(gapNote({ peak: Number.POSITIVE_INFINITY, typical: null, week: 0.004, gpuSplit: false })).toBe(
      "how much more the peak fleet costs than the cheapest fleet of the allowed types for its tasks is unknown (no lower bound above $0 was proven) (fleet.peakGap = cost ÷ proven lower bound − 1); the week's instances cost at most 0.40 % more than the cheapest fleet of each of the week's traffic levels would (fleet.weeklyGap)",
    );
    // A gap a rounding error below 0 (a cost at its bound) reads as 0.
    expect(gapNote({ peak: -1e-17, typical: 0, week: 0, gpuSplit: false })).toMatch(
      /^the peak fleet costs at most 0\.00 % more/,
    );
  });

  it('gives the floor: the fewest nodes of each type any minute runs, below the median hour when the quiet hours are few', async () => {
    // Busy 20 hours a weekday (02:00–22:00, plus 5 minutes of lead): 5 × 1,205 = 6,025 of 10,080 minutes,
    // more than half, so the median hour is busy; the floor is the quiet fleet, one node for one task.
    const { fleet } = await plan(
      [
        makeService({
          name: 'web',
          cpu: 1,
          memory: '1 GiB',
          replicas: { min: 1, max: 6 },
          traffic: { pattern: 'diurnal', peakStartHour: 2, peakEndHour: 22 },
        }),
      ],
      'ecs',
      [C6I_XLARGE],
    );
    // Six 1-vCPU tasks on 4-vCPU nodes: two nodes busy, one quiet.
    expect(fleet.peak).toEqual([{ instanceType: 'c6i.xlarge', count: 2 }]);
    expect(fleet.typical).toEqual([{ instanceType: 'c6i.xlarge', count: 2 }]);
    expect(fleet.floor).toEqual([{ instanceType: 'c6i.xlarge', count: 1 }]);
    // The floor runs every minute, the second node the 6,025 busy ones: 16,105 priced instance-minutes.
    expect(fleet.instanceMinutesPerWeek).toEqual([{ instanceType: 'c6i.xlarge', minutes: 16_105 }]);
  });

  it('leaves CoreDNS to the EKS system node group, whatever the OSes of the fleet', async () => {
    const dnsNowhere = (solve: { calls: { tasks: FleetTaskGroup[] }[] }) =>
      !solve.calls.some((c) => c.tasks.some((t) => t.service === 'coredns'));
    const shared = await plan([makeService({ name: 'api', architecture: 'x86_64', replicas: 3 })]);
    expect(dnsNowhere(shared.solve)).toBe(true);
    // Dedicated pools get a system node group too (for Cluster Autoscaler), which holds CoreDNS.
    const dedicated = await plan([
      makeService({ name: 'api', architecture: 'x86_64', replicas: 3, needs: { dedicatedTenancy: true } }),
    ]);
    expect(dnsNowhere(dedicated.solve)).toBe(true);
    // Linux and Windows services get a node pool each, and so the system group too (until 2026-12, when
    // they got no pools, CoreDNS was sized into their shared fleet).
    const twoOses = await plan([
      makeService({ name: 'api', architecture: 'x86_64', replicas: 3 }),
      makeService({ name: 'legacy', architecture: 'x86_64', replicas: 1, os: 'windows' }),
    ]);
    expect(dnsNowhere(twoOses.solve)).toBe(true);
  });

  it('keeps other tasks off GPU nodes where non-GPU types can hold them, as the starter code deploys them', async () => {
    // Packed together, web (1 vCPU) would ride on the g5.xlarge ($0.50/h) beside the model; the node pools
    // keep it on a non-GPU node, so the fleet is sized that way: g5.xlarge + c6i.xlarge = $0.67/h.
    const { fleet, notes } = await plan(
      [
        makeService({ name: 'model', cpu: 2, memory: '4 GiB', gpus: 1, replicas: 1 }),
        makeService({ name: 'web', cpu: 1, memory: '1 GiB', replicas: 1 }),
      ],
      'ecs',
      [G5_XLARGE, C6I_XLARGE],
    );
    expect(fleet.peak).toEqual([
      { instanceType: 'c6i.xlarge', count: 1 },
      { instanceType: 'g5.xlarge', count: 1 },
    ]);
    expect(fleet.placement).toEqual([
      { instanceType: 'g5.xlarge', tasks: [{ service: 'model', count: 1 }] },
      { instanceType: 'c6i.xlarge', tasks: [{ service: 'web', count: 1 }] },
    ]);
    expect(fleet.peakHourlyUsd).toBe('0.67');
    // The two parts' bounds add up, and so the split fleet's gap is the sum's.
    const bound = Number(fleet.peakLowerBoundHourlyUsd);
    expect(bound).toBeGreaterThan(0);
    expect(fleet.peakGap).toBeCloseTo(0.67 / bound - 1, 12);
    // That bound is for fleets that keep web off the GPU node (alone on the g5.xlarge both would cost $0.50/h),
    // and the note says so.
    const note = notes.find((n) => n.includes('(fleet.peakGap'));
    expect(note).toMatch(
      /^among fleets that keep the tasks without a GPU off GPU nodes, as the starter code deploys them: the peak fleet costs at most /,
    );
  });

  it("labels each part's method note when GPU tasks and the rest are sized apart", async () => {
    const { notes } = await plan(
      [
        makeService({ name: 'model', cpu: 2, memory: '4 GiB', gpus: 1, replicas: 1 }),
        makeService({ name: 'web', cpu: 1, memory: '1 GiB', replicas: 1 }),
      ],
      'ecs',
      [G5_XLARGE, C6I_XLARGE],
      createFleetSolver({ useWorker: false }),
    );
    // One task and one node each, which the share bound already proves (no LP): each part says so, which
    // part it is, and that the note is about the peak fleet.
    const how =
      "each task's share of the cheapest node type that can run it for the lower bound, greedy packing and local search for the fleet";
    expect(notes.filter((n) => n.startsWith('method'))).toEqual([
      `method (peak fleet, GPU nodes): ${how}`,
      `method (peak fleet, other nodes): ${how}`,
    ]);
  });

  it('has no floor when some minutes of the week run nothing (a nightly batch)', async () => {
    const { fleet } = await plan(
      [
        makeService({
          name: 'etl',
          cpu: 2,
          memory: '4 GiB',
          replicas: 2,
          traffic: { pattern: 'batch', durationHours: 2 },
        }),
      ],
      'ecs',
      [C6I_XLARGE],
    );
    expect(fleet.peak.length).toBeGreaterThan(0);
    expect(fleet.floor).toEqual([]);
  });

  it('keeps an EKS cluster of x86 services on x86 nodes: CoreDNS (multi-arch) does not pull in arm64', async () => {
    const { fleet, solve } = await plan([makeService({ name: 'api', architecture: 'x86_64', replicas: 3 })]);
    expect(architectures(fleet.peak)).toEqual(['x86_64']);
    for (const call of solve.calls)
      expect(new Set(call.types.map((t) => t.architecture))).toEqual(new Set(['x86_64']));
  });

  it('runs multi-arch services on the cheaper single architecture when mixing saves less than the threshold', async () => {
    const { fleet, notes } = await plan([
      makeService({ name: 'api', architecture: 'any', cpu: 2, replicas: 4 }),
    ]);
    // c7g is 15 % cheaper per vCPU than c6i here: one architecture, arm64, and the note says why.
    expect(architectures(fleet.peak)).toEqual(['arm64']);
    expect(notes.find((n) => n.startsWith('one architecture (arm64)'))).toMatch(
      /would save 0\.0 %, not the 10 %/,
    );
  });

  it('uses both architectures when the services need both', async () => {
    const { fleet } = await plan([
      makeService({ name: 'x86', architecture: 'x86_64', cpu: 2, replicas: 2 }),
      makeService({ name: 'arm', architecture: 'arm64', cpu: 2, replicas: 2 }),
    ]);
    expect(architectures(fleet.peak)).toEqual(['arm64', 'x86_64']);
  });

  it('adds a second architecture only when it saves more than the threshold, and says which way it went', async () => {
    // One small x86-only service and a large multi-arch one. At c7g's price (15 % below c6i per vCPU)
    // mixing saves 9.7 % of the week: under the 10 % threshold, so the fleet stays x86.
    const services = [
      makeService({ name: 'legacy', architecture: 'x86_64', cpu: 0.5, memory: '1 GiB', replicas: 1 }),
      makeService({ name: 'api', architecture: 'any', cpu: 3, memory: '6 GiB', replicas: 20 }),
    ];
    const close = await plan(services);
    expect(architectures(close.fleet.peak)).toEqual(['x86_64']);
    expect(close.notes).toContain(
      'one architecture (x86_64) for the whole fleet: adding the other would save 9.7 %, not the 10 % a second AMI and node group must save (settings/fleet.yaml)',
    );
    // At 30 % below c6i, mixing wins clearly: both architectures, and the note gives the saving.
    const cheapArm = instanceType({
      name: 'c7g.2xlarge',
      vcpu: 8,
      gib: 16,
      usd: '0.238',
      architecture: 'arm64',
    });
    const wide = await plan(services, 'eks', [C6I_XLARGE, C6I_2XLARGE, cheapArm]);
    expect([...new Set(wide.fleet.peak.map((l) => l.instanceType))].sort()).toContain('c7g.2xlarge');
    expect(wide.fleet.peak.some((l) => l.instanceType.startsWith('c6i'))).toBe(true);
    expect(wide.notes.find((n) => n.startsWith('x86_64 and arm64 nodes side by side'))).toMatch(
      /saves \d+\.\d % of the fleet's weekly cost over x86_64 alone, more than the 10 %/,
    );
  });

  it('puts every node on the architecture of a per-node agent built for one', async () => {
    const { fleet, notes, solve } = await plan([
      makeService({ name: 'api', architecture: 'any', cpu: 2, replicas: 4 }),
      makeService({
        name: 'agent',
        architecture: 'x86_64',
        cpu: 0.25,
        memory: '256 MiB',
        needs: { daemon: true },
      }),
    ]);
    // Without the agent the fleet would be arm64 (cheaper); the x86-only agent must run on every node.
    expect(architectures(fleet.peak)).toEqual(['x86_64']);
    for (const call of solve.calls) expect(call.types.every((t) => t.architecture === 'x86_64')).toBe(true);
    expect(notes).toContain('agent runs on every node and is built for x86_64 only: every node is x86_64');
  });
});

describe('planEc2Fleet: Linux and Windows services', () => {
  // 3 × web (Linux, 1 vCPU / 2 GiB) and 2 × legacy (Windows, 2 vCPU / 4 GiB), all week.
  const web = makeService({ name: 'web', architecture: 'x86_64', cpu: 1, memory: '2 GiB', replicas: 3 });
  const legacy = makeService({ name: 'legacy', os: 'windows', cpu: 2, memory: '4 GiB', replicas: 2 });

  it('sizes them apart: no node holds both, and every Windows node and line says so', async () => {
    const { fleet, notes, solve } = await plan([web, legacy], 'ecs', [C6I_XLARGE, C6I_2XLARGE]);
    // No solve sees both OSes: each part is its own fleet.
    for (const call of solve.calls)
      expect(new Set(call.tasks.map((t) => t.service)).size, JSON.stringify(call.tasks)).toBe(1);
    for (const node of fleet.placement) {
      const services = node.tasks.map((t) => t.service);
      expect(services.includes('web') && services.includes('legacy')).toBe(false);
      expect(node.os).toBe(services.includes('legacy') ? 'windows' : undefined);
    }
    // Together, the 7 vCPU / 14 GiB fit 2 × c6i.xlarge ($0.34/h), one node holding web and legacy, which no
    // node can run. Apart, each part spreads over 2 nodes (minNodes 2, as both run 2 or more replicas): the
    // Linux part 2 + 1 web on 2 × c6i.xlarge ($0.34/h), the Windows part 1 + 1 legacy on 2 × c6i.xlarge
    // ($0.34/h): $0.68/h, each part 2 nodes × 10,080 minutes = 20,160 instance-minutes a week.
    expect(fleet.peak).toEqual([
      { instanceType: 'c6i.xlarge', count: 2 },
      { instanceType: 'c6i.xlarge', count: 2, os: 'windows' },
    ]);
    expect(fleet.floor).toEqual(fleet.peak);
    expect(fleet.typical).toEqual(fleet.peak);
    expect(fleet.instanceMinutesPerWeek).toEqual([
      { instanceType: 'c6i.xlarge', minutes: 20_160 },
      { instanceType: 'c6i.xlarge', minutes: 20_160, os: 'windows' },
    ]);
    expect(fleet.peakHourlyUsd).toBe('0.68');
    expect(notes[0]).toBe(
      "Linux and Windows services sized apart: a node runs one operating system, so the fleet is two parts in one cluster (Linux nodes: web; Windows nodes: legacy), each billed at its own OS's rate; each traffic level's fleet is the two parts added up",
    );
  });

  it('sizes the Linux part exactly as the Linux services alone', async () => {
    const diurnal = [DIURNAL_WEB, makeService({ name: 'api', architecture: 'any', cpu: 1, replicas: 3 })];
    const alone = await plan(diurnal, 'eks');
    const mixed = await plan([...diurnal, { ...legacy, replicas: { min: 1, max: 3 } }], 'eks');
    const linux = <T extends { os?: string }>(lines: readonly T[]) => lines.filter((l) => l.os === undefined);
    expect(linux(mixed.fleet.instanceMinutesPerWeek)).toEqual(alone.fleet.instanceMinutesPerWeek);
    expect(linux(mixed.fleet.floor)).toEqual(alone.fleet.floor);
    expect(linux(mixed.fleet.placement)).toEqual(alone.fleet.placement);
    expect(mixed.fleet.instanceMinutesPerWeek.some((l) => l.os === 'windows')).toBe(true);
  });

  it('holds as many pods on an EKS Windows node as one ENI has addresses, less one, with no add-on pods', async () => {
    // Pods of 0.25 vCPU / 256 MiB on c6i.xlarge (4 vCPU, 8 GiB; 4 ENIs of 15 addresses). Linux: 58 pods − 2
    // add-on DaemonSets (aws-node, kube-proxy) = 56 slots, and 4000 − 80 kube-reserved − 125 add-on millicores
    // = 3795 fit 15 pods. Windows: 15 − 1 = 14 pods, and no add-on runs there as a pod (aws-node is Linux
    // only, kube-proxy runs on the host), so 14 slots and 3920 millicores: 28 pods fit 2 nodes, 29 need 3.
    const pods = (os: 'linux' | 'windows', replicas: number) =>
      makeService({ name: 'api', architecture: 'x86_64', os, cpu: 0.25, memory: '256 MiB', replicas });
    const linux = await plan([pods('linux', 29)], 'eks', [C6I_XLARGE]);
    const windows28 = await plan([pods('windows', 28)], 'eks', [C6I_XLARGE]);
    const windows29 = await plan([pods('windows', 29)], 'eks', [C6I_XLARGE]);
    expect(linux.fleet.peak).toEqual([{ instanceType: 'c6i.xlarge', count: 2 }]);
    expect(windows28.fleet.peak).toEqual([{ instanceType: 'c6i.xlarge', count: 2, os: 'windows' }]);
    expect(windows29.fleet.peak).toEqual([{ instanceType: 'c6i.xlarge', count: 3, os: 'windows' }]);
    for (const node of [...windows28.fleet.placement, ...windows29.fleet.placement])
      expect(node.tasks.reduce((sum, t) => sum + t.count, 0)).toBeLessThanOrEqual(14);
    for (const call of [...windows28.solve.calls, ...windows29.solve.calls]) {
      expect(call.options.eksWindowsNodes).toBe(true);
      expect(call.options.daemonSets).toEqual([]);
    }
    for (const call of linux.solve.calls) {
      expect(call.options.eksWindowsNodes).toBeUndefined();
      expect(call.options.daemonSets).toEqual([
        { vcpu: 0.025, memoryMiB: 0 },
        { vcpu: 0.1, memoryMiB: 0 },
      ]);
    }
    // ECS Windows nodes are not EKS nodes: no such limit.
    const ecs = await plan([pods('windows', 29)], 'ecs', [C6I_XLARGE]);
    expect(ecs.solve.calls.every((c) => c.options.eksWindowsNodes === undefined)).toBe(true);
  });

  it('counts a per-node agent on the nodes of its OS only, and keeps the Windows part on x86_64', async () => {
    const agent = makeService({
      name: 'agent',
      architecture: 'any',
      cpu: 0.5,
      memory: '512 MiB',
      needs: { daemon: true },
    });
    const api = makeService({ name: 'api', architecture: 'any', cpu: 2, replicas: 4 });
    const { fleet, notes, solve } = await plan([agent, api, legacy], 'ecs');
    const linuxCalls = solve.calls.filter((c) => c.tasks.some((t) => t.service === 'api'));
    const windowsCalls = solve.calls.filter((c) => c.tasks.some((t) => t.service === 'legacy'));
    expect(linuxCalls.length).toBeGreaterThan(0);
    expect(windowsCalls.length).toBeGreaterThan(0);
    for (const call of linuxCalls) expect(call.options.daemonSets).toEqual([{ vcpu: 0.5, memoryMiB: 512 }]);
    for (const call of windowsCalls) {
      expect(call.options.daemonSets).toEqual([]);
      expect(call.types.every((t) => t.architecture === 'x86_64')).toBe(true);
    }
    // The Linux part chooses its architecture as a Linux fleet would (arm64 is cheaper here), and says which
    // part the choice is about; the Windows nodes stay x86_64.
    expect(architectures(fleet.peak.filter((l) => l.os === undefined))).toEqual(['arm64']);
    expect(architectures(fleet.peak.filter((l) => l.os === 'windows'))).toEqual(['x86_64']);
    expect(notes.some((n) => n.startsWith('Linux nodes: one architecture (arm64) for the whole fleet'))).toBe(
      true,
    );
  });

  it("keeps GPU splitting within the Linux part, and labels each part's method note", async () => {
    const { fleet, notes } = await plan(
      [
        makeService({ name: 'model', cpu: 2, memory: '4 GiB', gpus: 1, replicas: 1 }),
        makeService({ name: 'web', cpu: 1, memory: '1 GiB', replicas: 1 }),
        makeService({ name: 'legacy', os: 'windows', cpu: 1, memory: '1 GiB', replicas: 1 }),
      ],
      'ecs',
      [G5_XLARGE, C6I_XLARGE],
      createFleetSolver({ useWorker: false }),
    );
    // model on the g5.xlarge, web and legacy each on a c6i.xlarge of its own OS: $0.50 + $0.17 + $0.17.
    expect(fleet.placement).toEqual([
      { instanceType: 'g5.xlarge', tasks: [{ service: 'model', count: 1 }] },
      { instanceType: 'c6i.xlarge', tasks: [{ service: 'web', count: 1 }] },
      { instanceType: 'c6i.xlarge', os: 'windows', tasks: [{ service: 'legacy', count: 1 }] },
    ]);
    expect(fleet.peakHourlyUsd).toBe('0.84');
    const how =
      "each task's share of the cheapest node type that can run it for the lower bound, greedy packing and local search for the fleet";
    expect(notes.filter((n) => n.startsWith('method'))).toEqual([
      `method (peak fleet, Linux nodes, GPU nodes): ${how}`,
      `method (peak fleet, Linux nodes, other nodes): ${how}`,
      `method (peak fleet, Windows nodes): ${how}`,
    ]);
  });
});
