import { afterAll, describe, expect, it } from 'vitest';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import { keepsTasksInPlace, planEc2Fleet } from '../../src/sizing/ec2-fleet.js';
import { createFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { ServiceInput } from '../../src/workload/schema.js';
import { makeService, normalisedServices } from '../helpers/workloads.js';
import { C6I_XLARGE } from '../optimizer/fixtures.js';

afterAll(() => stopSolverThread());

/** Three tasks of 1 vCPU / 2 GiB at every minute of the week. */
const WEB = makeService({ name: 'web', cpu: 1, memory: '2 GiB', replicas: 3, architecture: 'x86_64' });
/** Four tasks of 2 vCPU / 4 GiB, one per node, from 02:00 to 03:00 every night. */
const NIGHTLY = makeService({
  name: 'shard-job',
  cpu: 2,
  memory: '4 GiB',
  replicas: 4,
  architecture: 'x86_64',
  traffic: { pattern: 'batch', startHour: 2, durationHours: 1, daysPerWeek: 7 },
  needs: { onePerNode: true },
});

async function sized(services: ServiceInput[], steadyApart: boolean) {
  return planEc2Fleet({
    orchestrator: 'ecs',
    services: normalisedServices(...services),
    types: [C6I_XLARGE],
    solve: createFleetSolver(),
    scaleOutLeadMinutes: 5,
    secondArchitectureMinSaving: 0.1,
    steadyApart,
  });
}

describe('steady services apart (ECS)', () => {
  it('applies where running tasks stay put: ECS (on EC2 and Managed Instances), not EKS', () => {
    expect(keepsTasksInPlace('ecs')).toBe(true);
    expect(keepsTasksInPlace('eks')).toBe(false);
  });

  it('sizes steady services apart where the fleet mixes steady and scaling services, and only there', async () => {
    const diurnal = makeService({
      name: 'api',
      replicas: { min: 1, max: 4 },
      traffic: { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20 },
    });
    const steadyOf = async (services: ServiceInput[]) => (await sized(services, true)).fleet.steadyServices;
    expect(await steadyOf([WEB, NIGHTLY])).toEqual(['web']);
    expect(await steadyOf([WEB, diurnal])).toEqual(['web']);
    expect(await steadyOf([WEB])).toEqual([]);
    expect(await steadyOf([NIGHTLY, diurnal])).toEqual([]);
    // A per-node agent is not a task: web and an agent are all steady.
    const agent = makeService({
      name: 'agent',
      cpu: 0.25,
      memory: '256 MiB',
      replicas: 1,
      needs: { daemon: true },
    });
    expect(await steadyOf([WEB, agent])).toEqual([]);
    // A range whose traffic never moves it is steady too (steady traffic runs the minimum).
    const flat = makeService({ name: 'flat', replicas: { min: 2, max: 2 } });
    expect(await steadyOf([flat, NIGHTLY])).toEqual(['flat']);
  });

  it('keeps web on two nodes all week and gives the nightly job four nodes of its own', async () => {
    // By hand, on c6i.xlarge (4 vCPU, 8 GiB; ECS keeps some memory for its agent, so 6 GiB or less is free
    // beside the 4 GiB job task):
    // - web alone: 3 tasks spread over at least 2 nodes, so 2 nodes (2 + 1 tasks).
    // - the job: 4 tasks, one per node, 2 vCPU / 4 GiB each: 4 nodes, from 01:55 (5 minutes' lead) to 03:00,
    //   65 minutes a night.
    // Re-packed at each level, the job's hour runs 4 nodes in all (each holds a job task beside a web task);
    // but ECS never moves web's running tasks, so that fleet never runs: web keeps its 2 nodes, and the job
    // needs 4 more.
    const apart = await sized([WEB, NIGHTLY], true);
    expect(apart.fleet.steadyServices).toEqual(['web']);
    expect(apart.fleet.steady).toEqual([{ instanceType: 'c6i.xlarge', count: 2 }]);
    expect(apart.fleet.peak).toEqual([{ instanceType: 'c6i.xlarge', count: 6 }]);
    expect(apart.fleet.typical).toEqual([{ instanceType: 'c6i.xlarge', count: 2 }]);
    expect(apart.fleet.floor).toEqual([{ instanceType: 'c6i.xlarge', count: 2 }]);
    // 2 nodes × 10,080 minutes + 4 nodes × 65 minutes × 7 nights.
    expect(apart.fleet.instanceMinutesPerWeek).toEqual([
      { instanceType: 'c6i.xlarge', minutes: 2 * 10_080 + 4 * 65 * 7 },
    ]);
    // At the peak, every node holds web's tasks only or the job's only.
    for (const node of apart.fleet.placement) {
      const services = new Set(node.tasks.map((t) => t.service));
      expect(services.size).toBe(1);
    }
    expect(apart.fleet.placement.filter((n) => n.tasks[0]!.service === 'web')).toHaveLength(2);
    expect(
      apart.notes.some(
        (n) => n.includes('(web) are sized on nodes of their own') && n.includes('(shard-job)'),
      ),
    ).toBe(true);
    expect(
      apart.notes.some((n) =>
        n.startsWith('among fleets that keep the steady services on nodes of their own'),
      ),
    ).toBe(true);

    const repacked = await sized([WEB, NIGHTLY], false);
    expect(repacked.fleet.steadyServices).toEqual([]);
    expect(repacked.fleet.steady).toEqual([]);
    expect(repacked.fleet.peak).toEqual([{ instanceType: 'c6i.xlarge', count: 4 }]);
    expect(repacked.fleet.instanceMinutesPerWeek).toEqual([
      { instanceType: 'c6i.xlarge', minutes: 2 * 10_080 + 2 * 65 * 7 },
    ]);
  });

  it('changes nothing where every service is steady', async () => {
    const alone = await sized([WEB], true);
    expect(alone.fleet.steadyServices).toEqual([]);
    expect(alone.fleet.steady).toEqual([]);
    expect(alone.fleet).toEqual((await sized([WEB], false)).fleet);
  });
});
