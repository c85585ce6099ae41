import { describe, expect, it } from 'vitest';
import { planNodePools } from '../../src/deployment/node-pools.js';
import { BerthError } from '../../src/errors.js';
import { splitTaskCount, toEventBridgeCron, toKubernetesCron } from '../../src/iac/schedule.js';
import type { Candidate } from '../../src/model/candidate.js';
import type { Fleet } from '../../src/model/cost.js';
import { findInstanceType } from '../../src/pricing/instance-catalog.js';
import { fleetWith } from '../helpers/fleets.js';
import { normalisedServices as services } from '../helpers/workloads.js';

const candidate = { id: 'ecs-ec2', label: 'ECS on EC2' } as Candidate;

function fleet(
  peak: [string, number][],
  typical: [string, number][] = peak,
  placement: Fleet['placement'] = [],
  floor: [string, number][] = typical,
): Fleet {
  const lines = (l: [string, number][]) => l.map(([instanceType, count]) => ({ instanceType, count }));
  // One level's fleet: each service's own busiest hour is the placement's.
  const servicePeaks = [...new Set(placement.flatMap((n) => n.tasks.map((t) => t.service)))].map(
    (service) => {
      const byType = new Map<string, number>();
      for (const n of placement)
        for (const t of n.tasks)
          if (t.service === service) byType.set(n.instanceType, (byType.get(n.instanceType) ?? 0) + t.count);
      return { service, tasks: [...byType].map(([instanceType, count]) => ({ instanceType, count })) };
    },
  );
  // The most of each type of the two levels given.
  const most = new Map<string, number>();
  for (const [type, n] of [...peak, ...typical]) most.set(type, Math.max(most.get(type) ?? 0, n));
  return fleetWith({
    peak: lines(peak),
    typical: lines(typical),
    floor: lines(floor),
    ceiling: lines([...most]),
    placement,
    servicePeaks,
  });
}

describe('planNodePools', () => {
  it('puts each service on the pool where the optimizer placed its tasks, not on a re-derived one', () => {
    // Without the placement, `api` (multi-arch) would go to the larger x86 pool; the optimizer put it on arm64.
    const pools = planNodePools({
      candidate,
      services: services(
        { name: 'api', cpu: 1, memory: '2 GiB', replicas: 2, architecture: 'any' },
        { name: 'worker', cpu: 4, memory: '8 GiB', replicas: 2, architecture: 'x86_64' },
      ),
      fleet: fleet(
        [
          ['m6g.large', 1],
          ['c6i.2xlarge', 2],
        ],
        undefined,
        [
          { instanceType: 'm6g.large', tasks: [{ service: 'api', count: 2 }] },
          { instanceType: 'c6i.2xlarge', tasks: [{ service: 'worker', count: 1 }] },
          { instanceType: 'c6i.2xlarge', tasks: [{ service: 'worker', count: 1 }] },
        ],
      ),
      spot: false,
      findInstanceType,
    });
    expect(pools.map((p) => [p.name, p.services])).toEqual([
      ['arm64', ['api']],
      ['x86-64', ['worker']],
    ]);
  });

  it("puts a multi-arch service on the pool of its own busiest hour, not of the fleet's", () => {
    // The fleet's busiest hour is a nightly job's, where api runs 1 task beside it on c6i.2xlarge (x86); api's
    // own day runs 4 tasks on m6g.large (arm64), which is where its strategy and its nodes must be.
    const night = fleet(
      [['c6i.2xlarge', 2]],
      [['m6g.large', 2]],
      [
        {
          instanceType: 'c6i.2xlarge',
          tasks: [
            { service: 'api', count: 1 },
            { service: 'job', count: 1 },
          ],
        },
        { instanceType: 'c6i.2xlarge', tasks: [{ service: 'job', count: 1 }] },
      ],
      [],
    );
    const pools = planNodePools({
      candidate,
      services: services(
        { name: 'api', cpu: 1, memory: '2 GiB', replicas: { min: 1, max: 4 }, architecture: 'any' },
        { name: 'job', cpu: 4, memory: '8 GiB', replicas: 2, architecture: 'x86_64' },
      ),
      fleet: {
        ...night,
        servicePeaks: [
          { service: 'api', tasks: [{ instanceType: 'm6g.large', count: 4 }] },
          { service: 'job', tasks: [{ instanceType: 'c6i.2xlarge', count: 2 }] },
        ],
      },
      spot: false,
      findInstanceType,
    });
    expect(pools.map((p) => [p.name, p.services])).toEqual([
      ['arm64', ['api']],
      ['x86-64', ['job']],
    ]);
  });

  it('groups the fleet by what the AMI depends on and keeps GPU nodes for GPU services', () => {
    const pools = planNodePools({
      candidate,
      services: services(
        { name: 'model', cpu: 4, memory: '16 GiB', gpus: 1, replicas: 1 },
        { name: 'api', cpu: 1, memory: '2 GiB', replicas: 4, architecture: 'any' },
      ),
      // The sizing keeps tasks without a GPU off GPU nodes (solveGpuApart): api's 4 tasks on 2 × m6g.large.
      fleet: fleet(
        [
          ['g4dn.2xlarge', 1],
          ['m6g.large', 2],
        ],
        undefined,
        [
          { instanceType: 'g4dn.2xlarge', tasks: [{ service: 'model', count: 1 }] },
          { instanceType: 'm6g.large', tasks: [{ service: 'api', count: 2 }] },
          { instanceType: 'm6g.large', tasks: [{ service: 'api', count: 2 }] },
        ],
      ),
      spot: false,
      findInstanceType,
    });
    expect(pools.map((p) => [p.name, p.architecture, p.gpu, p.instanceTypes, p.services])).toEqual([
      ['arm64', 'arm64', false, ['m6g.large'], ['api']],
      ['gpu', 'x86_64', true, ['g4dn.2xlarge'], ['model']],
    ]);
    // Each pool grows to its priced ceiling, no further: every service's tasks were priced on its own pool.
    expect(pools.map((p) => [p.minSize, p.desiredSize, p.maxSize])).toEqual([
      [2, 2, 2],
      [1, 1, 1],
    ]);
  });

  it('sizes a pool from the fleet floor and peak, lets a batch-only pool scale to zero, and marks Spot and dedicated', () => {
    const [pool] = planNodePools({
      candidate,
      services: services({
        name: 'etl',
        cpu: 4,
        memory: '16 GiB',
        replicas: 4,
        traffic: { pattern: 'batch', durationHours: 2 },
        needs: { dedicatedTenancy: true },
      }),
      fleet: fleet(
        [
          ['m5a.4xlarge', 1],
          ['m5a.2xlarge', 2],
        ],
        [['m5a.large', 1]],
        [],
        // Some minutes of the week run no batch at all: nothing is kept between runs.
        [],
      ),
      spot: true,
      findInstanceType,
    });
    expect(pool).toMatchObject({
      name: 'x86-64',
      instanceTypes: ['m5a.2xlarge', 'm5a.4xlarge', 'm5a.large'],
      minSize: 0,
      // The most of each type any hour runs: 1 + 2 + 1 (one group per type).
      maxSize: 4,
      spot: true,
      dedicated: true,
    });
  });

  it('keeps only the floor at rest: the nodes every minute of the priced week runs, not the median hour', () => {
    // s05's shape: 3 nodes at the median hour, 7 at peak, but the quiet night hours run 2.
    const [pool] = planNodePools({
      candidate,
      services: services({ name: 'api', cpu: 1, memory: '2 GiB', replicas: { min: 4, max: 20 } }),
      fleet: fleet([['c6a.2xlarge', 7]], [['c6a.2xlarge', 3]], [], [['c6a.2xlarge', 2]]),
      spot: false,
      findInstanceType,
    });
    expect(pool).toMatchObject({
      floor: [{ instanceType: 'c6a.2xlarge', count: 2 }],
      typical: [{ instanceType: 'c6a.2xlarge', count: 3 }],
      minSize: 2,
      desiredSize: 2,
      maxSize: 7,
    });
  });

  it('puts a per-node agent on every pool its architecture fits', () => {
    const pools = planNodePools({
      candidate,
      services: services(
        { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, architecture: 'x86_64' },
        { name: 'agent', cpu: 0.25, memory: '256 MiB', architecture: 'any', needs: { daemon: true } },
      ),
      fleet: fleet([
        ['m5a.large', 2],
        ['m6g.large', 1],
      ]),
      spot: false,
      findInstanceType,
    });
    expect(pools.map((p) => [p.name, p.services])).toEqual([
      ['arm64', ['agent']],
      ['x86-64', ['web', 'agent']],
    ]);
  });

  it('writes a pool per OS where Linux and Windows services share the fleet, each service and agent on its own OS', () => {
    // The same instance type runs as Linux and as Windows nodes: two pools, each with its own lines.
    const pools = planNodePools({
      candidate,
      services: services(
        { name: 'web', cpu: 1, memory: '2 GiB', replicas: 3, architecture: 'x86_64' },
        { name: 'legacy', cpu: 2, memory: '4 GiB', replicas: 2, os: 'windows' },
        { name: 'agent', cpu: 0.25, memory: '256 MiB', architecture: 'any', needs: { daemon: true } },
      ),
      fleet: fleetWith({
        peak: [
          { instanceType: 'm5a.large', count: 1 },
          { instanceType: 'm5a.large', count: 2, os: 'windows' },
        ],
        typical: [
          { instanceType: 'm5a.large', count: 1 },
          { instanceType: 'm5a.large', count: 2, os: 'windows' },
        ],
        floor: [
          { instanceType: 'm5a.large', count: 1 },
          { instanceType: 'm5a.large', count: 2, os: 'windows' },
        ],
        ceiling: [
          { instanceType: 'm5a.large', count: 1 },
          { instanceType: 'm5a.large', count: 2, os: 'windows' },
        ],
        placement: [
          { instanceType: 'm5a.large', tasks: [{ service: 'web', count: 3 }] },
          { instanceType: 'm5a.large', os: 'windows', tasks: [{ service: 'legacy', count: 1 }] },
          { instanceType: 'm5a.large', os: 'windows', tasks: [{ service: 'legacy', count: 1 }] },
        ],
      }),
      spot: false,
      findInstanceType,
    });
    expect(
      pools.map((p) => [p.name, p.os, p.architecture, p.services, p.peak, p.minSize, p.maxSize]),
    ).toEqual([
      ['windows', 'windows', 'x86_64', ['legacy'], [{ instanceType: 'm5a.large', count: 2 }], 2, 2],
      // The Linux agent runs on the Linux pool only: a DaemonSet or daemon service is built for one OS.
      ['x86-64', 'linux', 'x86_64', ['web', 'agent'], [{ instanceType: 'm5a.large', count: 1 }], 1, 1],
    ]);
  });

  it('refuses a fleet it cannot read: none sized, or an instance type the catalog does not know', () => {
    const web = services({ name: 'web', cpu: 1, memory: '2 GiB' });
    expect(() =>
      planNodePools({ candidate, services: web, fleet: null, spot: false, findInstanceType }),
    ).toThrow(/^cannot generate code for ECS on EC2: its EC2 fleet was not sized/);
    expect(() =>
      planNodePools({
        candidate,
        services: web,
        fleet: fleet([['x9.mega', 1]]),
        spot: false,
        findInstanceType,
      }),
    ).toThrow(BerthError);
    expect(planNodePools({ candidate, services: [], fleet: null, spot: false, findInstanceType })).toEqual(
      [],
    );
  });
});

describe('schedule', () => {
  it('writes EventBridge and Kubernetes cron for every day, one day and weekdays', () => {
    const every = { startHour: 1, durationHours: 3, daysPerWeek: 7, tasks: 1 };
    expect(toEventBridgeCron(every)).toBe('cron(0 1 * * ? *)');
    expect(toKubernetesCron(every)).toBe('0 1 * * *');
    expect(toEventBridgeCron({ ...every, daysPerWeek: 1 })).toBe('cron(0 1 ? * MON *)');
    expect(toKubernetesCron({ ...every, daysPerWeek: 1 })).toBe('0 1 * * 1');
    expect(toEventBridgeCron({ ...every, startHour: 22, daysPerWeek: 5 })).toBe('cron(0 22 ? * MON-FRI *)');
    expect(toKubernetesCron({ ...every, startHour: 22, daysPerWeek: 5 })).toBe('0 22 * * 1-5');
  });

  it('splits a run into schedules of at most 10 tasks', () => {
    expect(splitTaskCount(20)).toEqual([10, 10]);
    expect(splitTaskCount(25)).toEqual([10, 10, 5]);
    expect(splitTaskCount(3)).toEqual([3]);
    expect(splitTaskCount(0)).toEqual([]);
  });
});
