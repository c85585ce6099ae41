import { describe, expect, it } from 'vitest';
import { planSystemNodes } from '../../src/deployment/system-nodes.js';
import type { NodePool } from '../../src/model/deployment.js';
import { coreDnsOnFleet } from '../../src/sizing/coredns.js';
import { normalised } from '../helpers/workloads.js';

const pool = (overrides: Partial<NodePool>): NodePool => ({
  name: 'x86_64',
  architecture: 'x86_64',
  os: 'linux',
  gpu: false,
  instanceTypes: ['m6a.large'],
  peak: [{ instanceType: 'm6a.large', count: 2 }],
  typical: [{ instanceType: 'm6a.large', count: 2 }],
  floor: [{ instanceType: 'm6a.large', count: 2 }],
  instanceSizes: [{ instanceType: 'm6a.large', vcpu: 2, memoryMiB: 8192, gpus: 0 }],
  minSize: 2,
  desiredSize: 2,
  maxSize: 2,
  spot: false,
  dedicated: false,
  services: ['web'],
  notes: [],
  ...overrides,
});

describe('planSystemNodes', () => {
  it('gives an EKS cluster with a Linux pool Karpenter grows two t3.medium nodes for its controller', () => {
    expect(planSystemNodes('eks', [pool({})])).toEqual({
      instanceType: 't3.medium',
      count: 2,
      dedicated: false,
      runs: 'Karpenter, CoreDNS and the load balancer controller',
    });
  });

  it('gives Windows-only EKS clusters Linux nodes for Cluster Autoscaler and CoreDNS', () => {
    const windows = planSystemNodes('eks', [pool({ os: 'windows' })]);
    expect(windows?.runs).toBe('Cluster Autoscaler and CoreDNS (Windows nodes cannot run them)');
  });

  it('gives dedicated Linux pools dedicated nodes for Cluster Autoscaler (Karpenter cannot launch dedicated instances)', () => {
    expect(planSystemNodes('eks', [pool({ dedicated: true })])).toEqual({
      instanceType: 't3.medium',
      count: 2,
      dedicated: true,
      runs: 'Cluster Autoscaler, CoreDNS and the load balancer controller',
    });
  });

  it('adds none to ECS or to Fargate-only clusters', () => {
    expect(planSystemNodes('ecs', [pool({})])).toBeNull();
    expect(planSystemNodes('eks', [])).toBeNull();
  });

  it('puts them on dedicated hardware when any pool of the cluster is dedicated', () => {
    const mixed = planSystemNodes('eks', [
      pool({ dedicated: true }),
      pool({ name: 'arm64', architecture: 'arm64' }),
    ]);
    expect(mixed?.dedicated).toBe(true);
  });
});

describe('coreDnsOnFleet', () => {
  it('sizes CoreDNS into the EKS fleet exactly when the cluster gets no system node group to hold it', () => {
    const cases = [
      { os: 'linux', dedicated: false },
      { os: 'linux', dedicated: true },
      { os: 'windows', dedicated: false },
      { os: 'windows', dedicated: true },
    ] as const;
    const verdicts = cases.map(({ os, dedicated }) => {
      const services = normalised({
        services: [
          { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, os, needs: { dedicatedTenancy: dedicated } },
        ],
      }).services;
      const system = planSystemNodes('eks', [pool({ os, dedicated })]);
      return [os, dedicated, coreDnsOnFleet('eks', services), system === null];
    });
    // Every pool has a node autoscaler, so every cluster with node pools has a system group holding CoreDNS.
    expect(verdicts).toEqual([
      ['linux', false, false, false],
      ['linux', true, false, false],
      ['windows', false, false, false],
      ['windows', true, false, false],
    ]);
    expect(coreDnsOnFleet('ecs', normalised().services)).toBe(false);
    // Services of two OSes get no node pools (and so no system group): CoreDNS stays on the fleet.
    const mixed = normalised({
      services: [
        { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 },
        { name: 'legacy', cpu: 1, memory: '2 GiB', replicas: 2, os: 'windows' },
      ],
    }).services;
    expect(coreDnsOnFleet('eks', mixed)).toBe(true);
  });
});
