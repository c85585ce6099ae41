import { describe, expect, it } from 'vitest';
import {
  eksKubeReservedMemoryMiB,
  eksKubeReservedMillicores,
  eksWindowsMaxPods,
  nodeCapacity,
  UNLIMITED_TASKS,
} from '../../src/optimizer/node-capacity.js';
import { instanceType } from './fixtures.js';

const M5_LARGE = instanceType({
  name: 'm5.large',
  vcpu: 2,
  gib: 8,
  usd: '0.096',
  maxPodsEks: 29,
  enis: 3,
  ipv4PerEni: 10,
});

describe('node-capacity', () => {
  it('reserves 6 % of the first core, 1 % of the second, 0.5 % of cores 3–4 and 0.25 % above', () => {
    expect(eksKubeReservedMillicores(1)).toBe(60);
    expect(eksKubeReservedMillicores(2)).toBe(70);
    expect(eksKubeReservedMillicores(4)).toBe(80);
    // 60 + 10 + 10 + 12 000 × 0.25 % = 110
    expect(eksKubeReservedMillicores(16)).toBe(110);
  });

  it('reserves 11 MiB per pod plus 255 MiB of memory for the kubelet', () => {
    expect(eksKubeReservedMemoryMiB(29)).toBe(574);
    expect(eksKubeReservedMemoryMiB(110)).toBe(1465);
  });

  it('leaves an EKS m5.large 1.93 vCPU and 6903 MiB for 29 pods', () => {
    // 8192 − ceil(8192 × 0.075) − 574 − 100 = 6903
    expect(nodeCapacity(M5_LARGE, 'eks')).toEqual({ vcpu: 1.93, memoryMiB: 6903, maxTasks: 29, gpus: 0 });
  });

  it('holds one ENI’s IPv4 addresses − 1 pods on an EKS Windows node, with the Linux reserves', () => {
    // m5.large: 3 ENIs of 10 addresses each: 3 × (10 − 1) + 2 = 29 pods on Linux, 10 − 1 = 9 on Windows
    // (EKS windows-support: one ENI per Windows node). CPU and memory as on Linux: 1.93 vCPU, 6903 MiB.
    expect(eksWindowsMaxPods(M5_LARGE)).toBe(9);
    expect(nodeCapacity(M5_LARGE, 'eks', [], {}, { windows: true })).toEqual({
      vcpu: 1.93,
      memoryMiB: 6903,
      maxTasks: 9,
      gpus: 0,
    });
    // The two EKS add-on DaemonSets take a slot each: 7 pods of the workload.
    const daemons = [
      { vcpu: 0.025, memoryMiB: 0 },
      { vcpu: 0.1, memoryMiB: 0 },
    ];
    expect(nodeCapacity(M5_LARGE, 'eks', daemons, {}, { windows: true }).maxTasks).toBe(7);
    // No addresses per ENI in the catalog: no Windows pod, never a guess.
    const unknown = { ...M5_LARGE, ipv4PerEni: null };
    expect(nodeCapacity(unknown, 'eks', [], {}, { windows: true }).maxTasks).toBe(0);
    expect(nodeCapacity(unknown, 'eks').maxTasks).toBe(29);
    // ECS takes no notice: Windows container instances follow the ECS agent's own limits.
    expect(nodeCapacity(M5_LARGE, 'ecs', [], { networkMode: 'bridge' }, { windows: true })).toEqual(
      nodeCapacity(M5_LARGE, 'ecs', [], { networkMode: 'bridge' }),
    );
  });

  it('takes DaemonSet requests and pod slots from every EKS node', () => {
    const capacity = nodeCapacity(M5_LARGE, 'eks', [
      { vcpu: 0.1, memoryMiB: 128 },
      { vcpu: 0.025, memoryMiB: 0 },
    ]);
    expect(capacity).toEqual({ vcpu: 1.805, memoryMiB: 6775, maxTasks: 27, gpus: 0 });
  });

  it('leaves an ECS m5.large all CPU, the registered memory minus the agent reserve, and ENIs − 1 tasks', () => {
    // 8192 − 615 − 256 = 7321; 3 ENIs, the primary one is the instance's own.
    expect(nodeCapacity(M5_LARGE, 'ecs')).toEqual({ vcpu: 2, memoryMiB: 7321, maxTasks: 2, gpus: 0 });
    expect(nodeCapacity(M5_LARGE, 'ecs', [], { reservedMemoryMiB: 0 }).memoryMiB).toBe(7577);
  });

  it('lifts the ENI limit in ECS bridge mode, and counts daemon ENIs in awsvpc mode', () => {
    expect(nodeCapacity(M5_LARGE, 'ecs', [], { networkMode: 'bridge' }).maxTasks).toBe(UNLIMITED_TASKS);
    expect(nodeCapacity(M5_LARGE, 'ecs', [{ vcpu: 0.25, memoryMiB: 256 }]).maxTasks).toBe(1);
  });

  it('gives no awsvpc task slot to a type whose ENI count is unknown', () => {
    const metal = instanceType({ name: 'm5.metal', vcpu: 96, gib: 384, usd: '4.608', enis: null });
    expect(nodeCapacity(metal, 'ecs').maxTasks).toBe(0);
  });

  it('never reports negative capacity when daemons ask for more than the node has', () => {
    const capacity = nodeCapacity(M5_LARGE, 'eks', [{ vcpu: 4, memoryMiB: 16384 }]);
    expect(capacity.vcpu).toBe(0);
    expect(capacity.memoryMiB).toBe(0);
  });

  it('caps pods per node for EKS Auto Mode, and keeps kube-reserved memory for the capped count', () => {
    const big = instanceType({ name: 'm5.8xlarge', vcpu: 32, gib: 128, usd: '1.536', maxPodsEks: 234 });
    // CPU: 32000 − (60 + 10 + 10 + 28000 × 0.0025) = 31850 millicores. Memory: 131072 − ceil(131072 × 0.075)
    // = 121241, minus 11 × pods + 255 and the 100 MiB eviction threshold.
    expect(nodeCapacity(big, 'eks', [], {}, { maxPodsCap: 110 })).toEqual({
      vcpu: 31.85,
      memoryMiB: 121241 - 1465 - 100,
      maxTasks: 110,
      gpus: 0,
    });
    expect(nodeCapacity(big, 'eks')).toMatchObject({ memoryMiB: 121241 - 2829 - 100, maxTasks: 234 });
    // Below the cap the VPC CNI count still rules.
    expect(nodeCapacity(M5_LARGE, 'eks', [], {}, { maxPodsCap: 110 }).maxTasks).toBe(29);
  });
});
