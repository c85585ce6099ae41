/** Each node pool's disk, from the busiest hour's placement (src/deployment/root-volumes.ts). */
import { describe, expect, it } from 'vitest';
import { planRootVolumes } from '../../src/deployment/root-volumes.js';
import type { Candidate } from '../../src/model/candidate.js';
import type { Fleet } from '../../src/model/cost.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { findInstanceType } from '../../src/pricing/instance-catalog.js';
import { fleetWith } from '../helpers/fleets.js';
import { normalisedServices as services } from '../helpers/workloads.js';

function fleet(placement: Fleet['placement'], minutes: [string, number][]): Fleet {
  const instanceMinutesPerWeek = minutes.map(([instanceType, m]) => ({ instanceType, minutes: m }));
  return fleetWith({ placement, instanceMinutesPerWeek });
}

const candidate = (id: CandidateId) =>
  ({ id, label: id, orchestrator: id.startsWith('eks') ? 'eks' : 'ecs' }) as Pick<
    Candidate,
    'id' | 'label' | 'orchestrator'
  >;

const WORKLOAD = services(
  {
    name: 'scratch',
    cpu: 1,
    memory: '2 GiB',
    replicas: 3,
    architecture: 'any',
    needs: { ephemeralStorageGiB: 49.5 },
  },
  { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, architecture: 'any' },
  {
    name: 'agent',
    cpu: 0.1,
    memory: '128 MiB',
    architecture: 'x86_64',
    needs: { daemon: true, ephemeralStorageGiB: 8 },
  },
);

/** An x86 pool whose busiest node holds 2 scratch tasks, and an Arm pool with one. */
const FLEET = fleet(
  [
    {
      instanceType: 'c6i.xlarge',
      tasks: [
        { service: 'scratch', count: 2 },
        { service: 'web', count: 1 },
      ],
    },
    { instanceType: 'c6i.large', tasks: [{ service: 'web', count: 1 }] },
    { instanceType: 'c7g.large', tasks: [{ service: 'scratch', count: 1 }] },
  ],
  [
    ['c6i.xlarge', 10_080],
    ['c6i.large', 5_040],
    ['c7g.large', 10_080],
  ],
);

describe('planRootVolumes', () => {
  it('sizes each pool for its busiest node: tasks rounded up, and the agents on every node they run on', () => {
    const volumes = planRootVolumes({
      candidate: candidate('ecs-ec2'),
      services: WORKLOAD,
      fleet: FLEET,
      findInstanceType,
    });
    expect(volumes).toEqual([
      {
        pool: 'arm64',
        instanceTypes: ['c7g.large'],
        // One scratch task at ⌈49.5⌉ = 50 GiB; the x86-only agent does not run here: 30 + 50.
        sizeGiB: 80,
        defaultGiB: 30,
        tasksGiB: 50,
        explicit: true,
        volumeType: 'gp3',
        basis:
          "the 30 GiB AMI default + 50 GiB for the ephemeral storage of the busiest node's tasks: 1 × scratch at 50 GiB",
      },
      {
        pool: 'x86-64',
        instanceTypes: ['c6i.large', 'c6i.xlarge'],
        // 2 × 50 + the agent's 8 = 108: 30 + 108.
        sizeGiB: 138,
        defaultGiB: 30,
        tasksGiB: 108,
        explicit: true,
        volumeType: 'gp3',
        basis:
          "the 30 GiB AMI default + 108 GiB for the ephemeral storage of the busiest node's tasks: 2 × scratch at 50 GiB, agent at 8 GiB on every node",
      },
    ]);
  });

  it('gives EKS the kubelet’s share, and EKS Auto Mode one size for every pool (one NodeClass)', () => {
    const eks = planRootVolumes({
      candidate: candidate('eks-ec2'),
      services: WORKLOAD,
      fleet: FLEET,
      findInstanceType,
    });
    // arm64: 20 + ⌈51 / 0.9⌉ = 20 + 57; x86-64: 20 + ⌈109 / 0.9⌉ = 20 + 122.
    expect(eks.map((v) => [v.pool, v.sizeGiB, v.volumeType])).toEqual([
      ['arm64', 77, 'gp3'],
      ['x86-64', 142, 'gp3'],
    ]);
    const auto = planRootVolumes({
      candidate: candidate('eks-auto-mode'),
      services: WORKLOAD,
      fleet: FLEET,
      findInstanceType,
    });
    // Both pools at the x86-64 pool's need: 80 + 122; Auto Mode picks the volume type, so none is written.
    expect(auto.map((v) => [v.pool, v.sizeGiB, v.tasksGiB, v.volumeType])).toEqual([
      ['arm64', 202, 50, null],
      ['x86-64', 202, 108, null],
    ]);
    expect(auto[0]?.basis).toContain(
      "the busiest node's (pool x86-64, as one NodeClass sizes every pool) pods",
    );
    const mi = planRootVolumes({
      candidate: candidate('ecs-managed-instances'),
      services: WORKLOAD,
      fleet: FLEET,
      findInstanceType,
    });
    // The 80 GiB default tasks volume + 108; AWS picks the type.
    expect(mi.map((v) => [v.pool, v.sizeGiB, v.volumeType])).toEqual([
      ['arm64', 130, null],
      ['x86-64', 188, null],
    ]);
  });

  it('keeps the default, unwritten, where no task asks for storage', () => {
    const plain = services({ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 });
    const volumes = planRootVolumes({
      candidate: candidate('eks-auto-mode'),
      services: plain,
      fleet: fleet(
        [{ instanceType: 'c6i.xlarge', tasks: [{ service: 'web', count: 2 }] }],
        [['c6i.xlarge', 10_080]],
      ),
      findInstanceType,
    });
    expect(volumes).toEqual([
      {
        pool: 'x86-64',
        instanceTypes: ['c6i.xlarge'],
        sizeGiB: 80,
        defaultGiB: 80,
        tasksGiB: 0,
        explicit: false,
        volumeType: null,
        basis: 'NodeClass default',
      },
    ]);
    expect(
      planRootVolumes({ candidate: candidate('ecs-ec2'), services: plain, fleet: null, findInstanceType }),
    ).toEqual([]);
  });

  it('gives Linux and Windows pools of one fleet their own default disk and counts each agent on its OS only', () => {
    const mixed = services(
      { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, architecture: 'x86_64' },
      {
        name: 'legacy',
        cpu: 2,
        memory: '4 GiB',
        replicas: 2,
        os: 'windows',
        needs: { ephemeralStorageGiB: 20 },
      },
      {
        name: 'agent',
        cpu: 0.1,
        memory: '128 MiB',
        architecture: 'x86_64',
        needs: { daemon: true, ephemeralStorageGiB: 8 },
      },
    );
    const volumes = planRootVolumes({
      candidate: candidate('ecs-ec2'),
      services: mixed,
      fleet: fleetWith({
        placement: [
          { instanceType: 'm5a.large', tasks: [{ service: 'web', count: 2 }] },
          { instanceType: 'm5a.large', os: 'windows', tasks: [{ service: 'legacy', count: 1 }] },
          { instanceType: 'm5a.large', os: 'windows', tasks: [{ service: 'legacy', count: 1 }] },
        ],
        instanceMinutesPerWeek: [
          { instanceType: 'm5a.large', minutes: 10_080 },
          { instanceType: 'm5a.large', os: 'windows', minutes: 20_160 },
        ],
      }),
      findInstanceType,
    });
    expect(volumes.map((v) => [v.pool, v.os, v.instanceTypes, v.sizeGiB, v.tasksGiB, v.basis])).toEqual([
      // Windows: the 50 GiB default + legacy's 20 GiB; the Linux agent's 8 GiB is not on these nodes.
      [
        'windows',
        'windows',
        ['m5a.large'],
        70,
        20,
        "the 50 GiB AMI default + 20 GiB for the ephemeral storage of the busiest node's tasks: 1 × legacy at 20 GiB",
      ],
      // Linux: the 30 GiB default + the agent's 8 GiB on every node.
      [
        'x86-64',
        undefined,
        ['m5a.large'],
        38,
        8,
        "the 30 GiB AMI default + 8 GiB for the ephemeral storage of the busiest node's tasks: agent at 8 GiB on every node",
      ],
    ]);
  });

  it('refuses, rather than prices, a disk larger than an EBS volume', () => {
    const huge = services({
      name: 'scratch',
      cpu: 1,
      memory: '2 GiB',
      replicas: 2,
      needs: { ephemeralStorageGiB: 9000 },
    });
    // A placement the optimizer's per-node limit would not make: two 9,000 GiB tasks on one node.
    expect(() =>
      planRootVolumes({
        candidate: candidate('ecs-ec2'),
        services: huge,
        fleet: fleet(
          [{ instanceType: 'c6i.xlarge', tasks: [{ service: 'scratch', count: 2 }] }],
          [['c6i.xlarge', 10_080]],
        ),
        findInstanceType,
      }),
    ).toThrow(/would need a 18030 GiB disk, more than the 16384 GiB an EBS volume holds/);
  });
});
