/**
 * The most nodes of each type any hour runs (Fleet.ceiling) and where each service runs at its own busiest hour
 * (Fleet.servicePeaks), on a week whose costliest hour is another service's: a day-time API beside a nightly
 * job. Worked by hand on two types.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import { planEc2Fleet } from '../../src/sizing/ec2-fleet.js';
import { createFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService, normalisedServices } from '../helpers/workloads.js';
import { C6I_XLARGE, M6I_4XLARGE } from '../optimizer/fixtures.js';

afterAll(() => stopSolverThread());

/** 1 to 6 tasks of 1 vCPU / 1 GiB: 6 from 09:00 to 17:00, a third of the day. */
const API = makeService({
  name: 'api',
  cpu: 1,
  memory: '1 GiB',
  replicas: { min: 1, max: 6 },
  architecture: 'x86_64',
  traffic: { pattern: 'diurnal', peakStartHour: 9, peakEndHour: 17 },
});
/** Four tasks of 3 vCPU / 12 GiB from 02:00 to 03:00 every night: too much memory for a c6i.xlarge. */
const CRUNCH = makeService({
  name: 'crunch',
  cpu: 3,
  memory: '12 GiB',
  replicas: 4,
  architecture: 'x86_64',
  traffic: { pattern: 'batch', startHour: 2, durationHours: 1, daysPerWeek: 7 },
});

/** api and crunch on the two types; re-packed level by level (as on EKS), or as ECS sizes it (steadyApart). */
function sizeBoth(steadyApart: boolean) {
  return planEc2Fleet({
    orchestrator: 'ecs',
    services: normalisedServices(API, CRUNCH),
    types: [C6I_XLARGE, M6I_4XLARGE],
    solve: createFleetSolver(),
    scaleOutLeadMinutes: 5,
    secondArchitectureMinSaving: 0.1,
    steadyApart,
  });
}

/** Both fleets: the day's two c6i.xlarge in the ceiling, and each service at its own busiest hour. */
const CEILING = [
  { instanceType: 'c6i.xlarge', count: 2 },
  { instanceType: 'm6i.4xlarge', count: 2 },
];
const SERVICE_PEAKS = [
  { service: 'api', tasks: [{ instanceType: 'c6i.xlarge', count: 6 }] },
  { service: 'crunch', tasks: [{ instanceType: 'm6i.4xlarge', count: 4 }] },
];

describe('the ceiling and each service’s own busiest hour', () => {
  it('keeps the day’s c6i.xlarge nodes in the ceiling and places the API there, though the costliest hour is the job’s', async () => {
    // By hand, c6i.xlarge (4 vCPU, 8 GiB, $0.17/h) and m6i.4xlarge (16 vCPU, 64 GiB, $0.768/h), with the
    // availability spread (a service of 2 tasks or more: no node holds more than half its tasks, rounded up):
    // - 09:00–17:00, api at 6: at most 3 a node, so two c6i.xlarge hold 3 + 3 tasks ($0.34/h); an m6i.4xlarge
    //   costs more than both.
    // - 02:00–03:00, api at 1 and crunch at 4: at most 2 crunch tasks a node, and only the m6i.4xlarge holds one
    //   (12 GiB), so two of them, 2 + 2, with api's task beside them ($1.536/h): the costliest hour, so the peak.
    // Re-packed level by level (as on EKS): ECS keeps each service on one type (the next test).
    const { fleet } = await sizeBoth(false);
    expect(fleet.peak).toEqual([{ instanceType: 'm6i.4xlarge', count: 2 }]);
    expect(fleet.peakHourlyUsd).toBe('1.536');
    const peakTasks = (service: string) =>
      fleet.placement.map((n) => n.tasks.find((t) => t.service === service)?.count ?? 0).sort();
    expect(peakTasks('crunch')).toEqual([2, 2]);
    expect(peakTasks('api')).toEqual([0, 1]);
    // The median minute is a quiet one (api at 1, most of the week): one c6i.xlarge.
    expect(fleet.typical).toEqual([{ instanceType: 'c6i.xlarge', count: 1 }]);
    // Neither the peak nor the median hour runs two c6i.xlarge, but the day does: the ceiling has them.
    expect(fleet.ceiling).toEqual(CEILING);
    // api's own busiest hour is the day's: its six tasks on the c6i.xlarge nodes, not its one on the job's node.
    expect(fleet.servicePeaks).toEqual(SERVICE_PEAKS);
    // Every type the week bills is in the ceiling, and no level runs more than it.
    const ceiling = new Map(fleet.ceiling.map((l) => [l.instanceType, l.count]));
    for (const line of fleet.instanceMinutesPerWeek) {
      expect(ceiling.get(line.instanceType), line.instanceType).toBeGreaterThan(0);
      expect(line.minutes).toBeLessThanOrEqual(ceiling.get(line.instanceType)! * 10_080);
    }
  });

  it('on ECS keeps api on its c6i.xlarge at night too: each service runs on one type at every hour', async () => {
    // By hand, each service alone over the week: api on c6i.xlarge is 2 nodes by day and 1 otherwise; on
    // m6i.4xlarge it would be 2 nodes by day (3 a node at most) at $0.768 each, so c6i.xlarge. crunch fits only
    // the m6i.4xlarge. The night then runs 2 × m6i.4xlarge for crunch and 1 × c6i.xlarge for api's one task:
    // $1.536 + $0.17 = $1.706/h, the costliest hour.
    const { fleet, notes } = await sizeBoth(true);
    expect(fleet.peak).toEqual([
      { instanceType: 'c6i.xlarge', count: 1 },
      { instanceType: 'm6i.4xlarge', count: 2 },
    ]);
    expect(fleet.peakHourlyUsd).toBe('1.706');
    const byType = (service: string) =>
      fleet.placement
        .filter((n) => n.tasks.some((t) => t.service === service))
        .map((n) => n.instanceType)
        .sort();
    expect(byType('api')).toEqual(['c6i.xlarge']);
    expect(byType('crunch')).toEqual(['m6i.4xlarge', 'm6i.4xlarge']);
    expect(fleet.typical).toEqual([{ instanceType: 'c6i.xlarge', count: 1 }]);
    expect(fleet.ceiling).toEqual(CEILING);
    expect(fleet.servicePeaks).toEqual(SERVICE_PEAKS);
    expect(notes.some((n) => n.includes('c6i.xlarge (api); m6i.4xlarge (crunch)'))).toBe(true);
  });
});
