import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/advisor/settings.js';
import { findInstanceType, loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import type { InstanceType } from '../../src/pricing/instance-type.js';
import { eligibleNodeTypes, type NodeTypeOptions } from '../../src/sizing/node-types.js';

function catalogType(name: string): InstanceType {
  const type = findInstanceType(name);
  if (type === undefined) throw new Error(`${name} is not in the catalog`);
  return type;
}

const EKS: NodeTypeOptions = { orchestrator: 'eks', previousGenerationFamilies: ['a1', 'm1'] };
const ECS: NodeTypeOptions = { ...EKS, orchestrator: 'ecs' };

function reasonsFor(names: string[], options: NodeTypeOptions): Record<string, string | null> {
  const result = eligibleNodeTypes(names.map(catalogType), options);
  const reasons: Record<string, string | null> = {};
  for (const t of result.types) reasons[t.name] = null;
  for (const e of result.excluded) reasons[e.instanceType] = e.reason;
  return reasons;
}

describe('eligibleNodeTypes', () => {
  it('keeps current types and the NVIDIA GPU types the GPU AMIs serve, in the order given', () => {
    const names = ['m7g.large', 'm5.large', 'g5.xlarge', 'g4dn.xlarge', 'p5.48xlarge', 't4g.micro'];
    const result = eligibleNodeTypes(names.map(catalogType), EKS);
    expect(result.types.map((t) => t.name)).toEqual(names);
    expect(result.excluded).toEqual([]);
  });

  it('drops A1 and, by the fallback list, m1 while the snapshot does not know their generation', () => {
    expect(catalogType('a1.large').currentGeneration).toBeNull();
    const reasons = reasonsFor(['a1.large', 'a1.medium', 'm1.small', 'm7g.large'], EKS);
    expect(reasons['m7g.large']).toBeNull();
    expect(reasons['m1.small']).toBe(
      "m1.small: previous generation (family m1 is on the fallback list of settings/fleet.yaml, used while the snapshot does not know the type's generation)",
    );
    expect(reasons['a1.large']).toMatch(
      /^a1\.large: previous generation \(family a1 is on the fallback list/,
    );
    expect(reasons['a1.medium']).toMatch(/^a1\.medium: /);
  });

  it('drops A1 for its AMI even when the fallback list forgets it', () => {
    const result = eligibleNodeTypes([catalogType('a1.4xlarge')], { ...EKS, previousGenerationFamilies: [] });
    expect(result.types).toEqual([]);
    expect(result.excluded).toEqual([
      {
        instanceType: 'a1.4xlarge',
        reason:
          'a1.4xlarge: Amazon Linux 2023, the base of the ECS- and EKS-optimised AMIs, supports Arm instances from Graviton2 on and not A1',
        source: 'https://docs.aws.amazon.com/linux/al2023/ug/system-requirements.html',
      },
    ]);
  });

  it('lets a known generation win over the fallback list', () => {
    const m7g = { ...catalogType('m7g.large'), currentGeneration: false };
    const m1 = { ...catalogType('m1.small'), currentGeneration: true };
    const result = eligibleNodeTypes([m7g, m1], EKS);
    expect(result.types.map((t) => t.name)).toEqual(['m1.small']);
    expect(result.excluded).toEqual([
      {
        instanceType: 'm7g.large',
        reason: 'm7g.large: previous generation (EC2 reports CurrentGeneration false)',
        source: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html',
      },
    ]);
  });

  it('drops Inferentia and Trainium types for any service: they need the Neuron AMI', () => {
    const reasons = reasonsFor(['inf2.xlarge', 'inf1.xlarge', 'trn1.2xlarge'], ECS);
    expect(reasons['inf2.xlarge']).toBe(
      "inf2.xlarge: its 1 Inferentia/Trainium accelerator(s) need the Neuron AMI, which Berth's starter code does not use, and no other service can use them",
    );
    expect(reasons['inf1.xlarge']).toMatch(/^inf1\.xlarge: its 1 Inferentia\/Trainium/);
    expect(reasons['trn1.2xlarge']).toMatch(/^trn1\.2xlarge: its 1 Inferentia\/Trainium/);
  });

  it('drops GPUs the EKS NVIDIA AMIs cannot drive: AMD, Gaudi, Qualcomm and NVIDIA Kepler/Maxwell', () => {
    const reasons = reasonsFor(
      ['g4ad.xlarge', 'dl1.24xlarge', 'dl2q.24xlarge', 'g3s.xlarge', 'p2.xlarge'],
      EKS,
    );
    expect(reasons).toEqual({
      'g4ad.xlarge':
        'g4ad.xlarge: its GPUs (AMD Radeon Pro V520) are not NVIDIA; the ECS GPU-optimised and EKS NVIDIA AMIs drive NVIDIA GPUs only',
      'dl1.24xlarge':
        'dl1.24xlarge: its GPUs (model unknown) are not NVIDIA; the ECS GPU-optimised and EKS NVIDIA AMIs drive NVIDIA GPUs only',
      'dl2q.24xlarge':
        "dl2q.24xlarge: its 8 ML accelerator(s) need drivers that none of the AMIs of Berth's starter code carry",
      'g3s.xlarge': 'g3s.xlarge: its NVIDIA M60 is not among the GPUs the EKS NVIDIA AMIs serve',
      'p2.xlarge': 'p2.xlarge: its NVIDIA K80 is not among the GPUs the EKS NVIDIA AMIs serve',
    });
  });

  it('keeps g3s on ECS, whose GPU AMI still serves it, and drops p2 there too', () => {
    expect(reasonsFor(['g3s.xlarge', 'p2.xlarge'], ECS)).toEqual({
      'g3s.xlarge': null,
      'p2.xlarge': 'p2.xlarge: its NVIDIA K80 is not among the GPUs the ECS GPU-optimised AMI serves',
    });
  });

  it('keeps Arm GPU types on EKS (AL2023 ARM NVIDIA) but not on ECS, which has no Arm GPU AMI', () => {
    expect(reasonsFor(['g5g.xlarge'], EKS)).toEqual({ 'g5g.xlarge': null });
    expect(reasonsFor(['g5g.xlarge', 'g5.xlarge'], ECS)).toEqual({
      'g5g.xlarge': 'g5g.xlarge: ECS publishes its GPU-optimised AMI for x86_64 only, none for Arm',
      'g5.xlarge': null,
    });
  });

  it('drops GPU types, fractional ones too, when no service of the fleet asks for a GPU', () => {
    const names = ['g6f.large', 'g4dn.xlarge', 'm7g.large'];
    expect(reasonsFor(names, { ...ECS, gpusRequested: false })).toEqual({
      'g6f.large': 'g6f.large: its 0.125 GPU(s) would sit idle: no service of this fleet asks for a GPU',
      'g4dn.xlarge': 'g4dn.xlarge: its 1 GPU(s) would sit idle: no service of this fleet asks for a GPU',
      'm7g.large': null,
    });
    expect(reasonsFor(names, { ...ECS, gpusRequested: true })).toEqual({
      'g6f.large': null,
      'g4dn.xlarge': null,
      'm7g.large': null,
    });
  });

  it('drops Mac instances', () => {
    const mac = { ...catalogType('m7g.large'), name: 'mac2.metal', family: 'mac2', size: 'metal' };
    expect(eligibleNodeTypes([mac], EKS).excluded[0]?.reason).toBe(
      'mac2.metal: a Mac instance boots macOS only, on a Mac Dedicated Host; the ECS- and EKS-optimised AMIs are Linux or Windows',
    );
  });

  it('with the shipped fallback list, leaves no A1, Neuron or previous-generation type in the catalog', () => {
    const families = loadSettings().fleet.previousGenerationFamilies;
    expect(families).toContain('a1');
    const { types, excluded } = eligibleNodeTypes(loadInstanceCatalog(), {
      orchestrator: 'eks',
      previousGenerationFamilies: families,
    });
    const kept = new Set(types.map((t) => t.family));
    // The EC2 Instance Types guide's previous generation: G3 (g3s.xlarge included), M4, C4, R4, P2, P3.
    for (const family of [
      'a1',
      'm1',
      't1',
      'c1',
      'inf1',
      'inf2',
      'trn1',
      'trn2',
      'g4ad',
      'dl1',
      'p2',
      'g3',
      'g3s',
      'm4',
      'c4',
      'r4',
      'p3',
      'p3dn',
    ])
      expect(kept.has(family), family).toBe(false);
    for (const family of ['m7g', 'm5', 't4g', 'c7g', 'g5', 'g5g', 'p5'])
      expect(kept.has(family), family).toBe(true);
    expect(types.length + excluded.length).toBe(loadInstanceCatalog().length);
    expect(
      excluded.every((e) => e.reason.startsWith(`${e.instanceType}: `) && e.source.startsWith('https://')),
    ).toBe(true);
  });

  it('keeps single-vCPU types and the nano, micro and small sizes off EKS Auto Mode nodes only', () => {
    const names = ['t3.small', 't3.medium', 'm5.large'];
    const auto = reasonsFor(names, { ...EKS, nodes: 'eks-auto-mode' });
    expect(auto['t3.small']).toBe(
      't3.small: EKS Auto Mode launches neither single-vCPU types nor the nano, micro and small sizes (2 vCPU)',
    );
    expect(auto['t3.medium']).toBeNull();
    expect(auto['m5.large']).toBeNull();
    expect(reasonsFor(names, EKS)['t3.small']).toBeNull();
    expect(reasonsFor(names, { ...ECS, nodes: 'ecs-managed-instances' })['t3.small']).toBeNull();
  });
});
