/**
 * Node disks that hold the tasks' ephemeral storage (src/sizing/root-volumes.ts): the sizes of each option,
 * the per-task bound of the workload schema, and the per-node task limit the optimizer is given.
 */
import { describe, expect, it } from 'vitest';
import { planFleetHeuristic } from '../../src/optimizer/search/heuristic.js';
import { loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { type FleetSolver, fleetDemand, planEc2Fleet } from '../../src/sizing/ec2-fleet.js';
import { createFleetSolver } from '../../src/sizing/fleet-solver.js';
import { findUnholdableServices } from '../../src/sizing/node-fit.js';
import {
  MAX_ROOT_VOLUME_GIB,
  maxNodeTasksGiB,
  maxTasksPerNodeForDisk,
  NODE_DISK_CASES,
  nodeDiskGiB,
} from '../../src/sizing/root-volumes.js';
import { MAX_EPHEMERAL_STORAGE_GIB } from '../../src/workload/limits.js';
import { normalisedServices as services } from '../helpers/workloads.js';
import { C6I_2XLARGE, C6I_XLARGE } from '../optimizer/fixtures.js';

describe('nodeDiskGiB', () => {
  it('keeps the default where no task asks for storage', () => {
    expect(nodeDiskGiB('ecs', 'linux', 0)).toBe(30);
    expect(nodeDiskGiB('ecs', 'windows', 0)).toBe(50);
    expect(nodeDiskGiB('eks', 'linux', 0)).toBe(20);
    expect(nodeDiskGiB('eks', 'windows', 0)).toBe(50);
    expect(nodeDiskGiB('eks-auto-mode', 'linux', 0)).toBe(80);
    expect(nodeDiskGiB('ecs-managed-instances', 'linux', 0)).toBe(30);
  });

  it('adds the storage on ECS, and on EKS grows it by the kubelet reserve and eviction threshold', () => {
    // ECS: 30 + 200. Managed Instances: the 80 GiB default tasks volume + 200.
    expect(nodeDiskGiB('ecs', 'linux', 200)).toBe(230);
    expect(nodeDiskGiB('ecs-managed-instances', 'linux', 200)).toBe(280);
    // EKS: 20 + ⌈(200 + 1) / 0.9⌉ = 20 + ⌈223.33⌉ = 244; Auto Mode 80 + 224 = 304; Windows 50 + 224.
    expect(nodeDiskGiB('eks', 'linux', 200)).toBe(244);
    expect(nodeDiskGiB('eks-auto-mode', 'linux', 200)).toBe(304);
    expect(nodeDiskGiB('eks', 'windows', 200)).toBe(274);
    // A multiple of 0.9 stays exact: (8 + 1) / 0.9 = 10.
    expect(nodeDiskGiB('eks', 'linux', 8)).toBe(30);
  });

  it('gives pods their requests: allocatable = disk − 1 GiB − 10 % covers them beside the default', () => {
    for (const tasks of [1, 7, 100, 2048, 9000]) {
      const disk = nodeDiskGiB('eks', 'linux', tasks);
      // The default's 20 GiB stays for the OS and images; what the pods may claim of the rest:
      expect(0.9 * (disk - 20) - 1).toBeGreaterThanOrEqual(tasks);
    }
  });
});

describe('the limits', () => {
  it('MAX_EPHEMERAL_STORAGE_GIB is the largest task every option holds on one 16,384 GiB volume', () => {
    const tightest = Math.min(...NODE_DISK_CASES.map(({ kind, os }) => maxNodeTasksGiB(kind, os)));
    expect(tightest).toBe(MAX_EPHEMERAL_STORAGE_GIB);
    expect(MAX_EPHEMERAL_STORAGE_GIB).toBe(14_672);
    for (const { kind, os } of NODE_DISK_CASES) {
      expect(nodeDiskGiB(kind, os, maxNodeTasksGiB(kind, os))).toBeLessThanOrEqual(MAX_ROOT_VOLUME_GIB);
      expect(nodeDiskGiB(kind, os, maxNodeTasksGiB(kind, os) + 1)).toBeGreaterThan(MAX_ROOT_VOLUME_GIB);
    }
    // EKS Auto Mode is the tightest: 80 + ⌈14,673 / 0.9⌉ = 80 + 16,304 = 16,384.
    expect(nodeDiskGiB('eks-auto-mode', 'linux', 14_672)).toBe(16_384);
  });

  it('limits a node to the tasks whose storage, counted as the largest, fits beside the agents', () => {
    expect(maxTasksPerNodeForDisk({ kind: 'ecs', os: 'linux', agentsGiB: 0, largestTaskGiB: 0 })).toBeNull();
    // ECS: (16,384 − 30 − 54) / 200 = 81.5 → 81 tasks.
    expect(maxTasksPerNodeForDisk({ kind: 'ecs', os: 'linux', agentsGiB: 54, largestTaskGiB: 200 })).toBe(81);
    // EKS: (⌊0.9 × 16,364⌋ − 1) / 200 = 14,726 / 200 → 73 pods.
    expect(maxTasksPerNodeForDisk({ kind: 'eks', os: 'linux', agentsGiB: 0, largestTaskGiB: 200 })).toBe(73);
  });

  it('an ECS fleet, shared by ECS on EC2 and Managed Instances, takes the lower limit of the two', () => {
    const demand = fleetDemand(
      'ecs',
      'self-managed',
      services({
        name: 'scratch',
        cpu: 0.25,
        memory: '512 MiB',
        replicas: 10,
        needs: { ephemeralStorageGiB: 200 },
      }),
    );
    // Managed Instances: (16,384 − 80) / 200 = 81.52 → 81; ECS on EC2 alone would allow 81.77 → 81 as well.
    expect(demand.options.maxTasksPerNode).toBe(81);
    const none = fleetDemand('ecs', 'self-managed', services({ name: 'web', cpu: 1, memory: '1 GiB' }));
    expect(none.options).not.toHaveProperty('maxTasksPerNode');
  });

  it('excludes a candidate whose per-node agents leave a task no room on one volume, saying why', () => {
    const unholdable = findUnholdableServices({
      orchestrator: 'ecs',
      nodes: 'self-managed',
      services: services(
        { name: 'cache', cpu: 1, memory: '2 GiB', needs: { daemon: true, ephemeralStorageGiB: 9000 } },
        { name: 'scratch', cpu: 1, memory: '2 GiB', replicas: 2, needs: { ephemeralStorageGiB: 8000 } },
      ),
      catalog: loadInstanceCatalog(),
      previousGenerationFamilies: [],
    });
    expect(unholdable).toEqual([
      {
        service: 'scratch',
        reason:
          "no EC2 node's disk (ECS on EC2) holds a task's 8,000 GiB of ephemeral storage beside the per-node agents' 9,000 GiB: that needs a 17,030 GiB root volume, and an EBS volume holds at most 16,384 GiB",
        source: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html',
      },
    ]);
  });
});

describe('the fleet keeps to the per-node limit', () => {
  // 12 tasks of 0.25 vCPU / 512 MiB, 5,000 GiB each: a c6i.xlarge holds 14 by CPU and memory, but a disk
  // holds only ⌊16,304 / 5,000⌋ = 3 of them (Managed Instances' 80 GiB base, the lower of the ECS two).
  const scratch = services({
    name: 'scratch',
    cpu: 0.25,
    memory: '512 MiB',
    replicas: 12,
    needs: { ephemeralStorageGiB: 5000 },
  });

  it.each([
    ['the optimizer', createFleetSolver({ useWorker: false })],
    ['the greedy heuristic', (async (...args) => planFleetHeuristic(...args)) as FleetSolver],
  ] as const)('%s places at most 3 tasks on a node', async (_name, solve) => {
    const { fleet } = await planEc2Fleet({
      orchestrator: 'ecs',
      services: scratch,
      types: [C6I_XLARGE, C6I_2XLARGE],
      solve,
      scaleOutLeadMinutes: 5,
      secondArchitectureMinSaving: 0.1,
    });
    const perNode = fleet.placement.map((n) => n.tasks.reduce((sum, t) => sum + t.count, 0));
    expect(perNode.reduce((a, b) => a + b, 0)).toBe(12);
    expect(Math.max(...perNode)).toBe(3);
    expect(perNode).toHaveLength(4);
  });
});
