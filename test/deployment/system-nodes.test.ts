import { describe, expect, it } from 'vitest';
import { planSystemNodes } from '../../src/deployment/system-nodes.js';
import type { NodePool } from '../../src/model/deployment.js';

const pool = (overrides: Partial<NodePool>): NodePool => ({
  name: 'x86_64',
  architecture: 'x86_64',
  os: 'linux',
  gpu: false,
  instanceTypes: ['m6a.large'],
  peak: [{ instanceType: 'm6a.large', count: 2 }],
  typical: [{ instanceType: 'm6a.large', count: 2 }],
  floor: [{ instanceType: 'm6a.large', count: 2 }],
  ceiling: [{ instanceType: 'm6a.large', count: 2 }],
  resourceCeiling: { vcpu: 4, memoryMiB: 16_384 },
  steady: [],
  instanceSizes: [{ instanceType: 'm6a.large', vcpu: 2, memoryMiB: 8192, gpus: 0 }],
  minSize: 2,
  desiredSize: 2,
  maxSize: 2,
  spot: false,
  dedicated: false,
  services: ['web'],
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

describe('the system node group holds CoreDNS', () => {
  it('is given to every EKS cluster with node pools: Linux, Windows, dedicated, or Linux and Windows together', () => {
    const cases = [
      [pool({})],
      [pool({ dedicated: true })],
      [pool({ name: 'windows', os: 'windows' })],
      [pool({}), pool({ name: 'windows', os: 'windows' })],
    ];
    expect(cases.map((pools) => planSystemNodes('eks', pools) === null)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('runs both node autoscalers where Linux and Windows pools share a cluster', () => {
    // Karpenter grows the Linux pool, Cluster Autoscaler the Windows one (docs/starter-code.md#node-autoscaling).
    expect(planSystemNodes('eks', [pool({}), pool({ name: 'windows', os: 'windows' })])?.runs).toBe(
      'Karpenter, Cluster Autoscaler, CoreDNS and the load balancer controller',
    );
  });
});
