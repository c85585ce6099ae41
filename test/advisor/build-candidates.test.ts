import { describe, expect, it } from 'vitest';
import { buildCandidates } from '../../src/advisor/build-candidates.js';
import { loadSettings } from '../../src/advisor/settings.js';
import { matchesTarget } from '../../src/model/rule-hit.js';
import { CANDIDATE_IDS } from '../../src/model/vocabulary.js';
import { loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { evaluateRules } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/loader.js';
import { makeService, normalised } from '../helpers/workloads.js';

const rules = loadRules();
// The facts' context as advise() builds it: the catalog, and the launch tolerance of settings/scaling.yaml.
const context = {
  instanceTypes: loadInstanceCatalog(),
  launchQueueToleranceSeconds: loadSettings().scaling.launchQueueToleranceSeconds,
};

function candidatesFor(...services: Parameters<typeof makeService>[0][]) {
  const workload = normalised({ services: services.map((s) => makeService(s)) });
  return buildCandidates(workload, evaluateRules(rules, workload, context).hits);
}

describe('matchesTarget with node management', () => {
  it('covers EC2 placements of the named management only, and aws-managed covers both AWS options', () => {
    const auto = { nodes: 'eks-auto-mode' } as const;
    expect(matchesTarget(auto, 'eks', 'ec2', 'eks-auto-mode')).toBe(true);
    expect(matchesTarget(auto, 'eks', 'ec2')).toBe(false);
    expect(matchesTarget(auto, 'eks', 'fargate', 'eks-auto-mode')).toBe(false);
    const managed = { nodes: 'aws-managed' } as const;
    expect(matchesTarget(managed, 'ecs', 'ec2', 'ecs-managed-instances')).toBe(true);
    expect(matchesTarget(managed, 'ecs', 'ec2', 'self-managed')).toBe(false);
    // A target without nodes still covers AWS-managed EC2: EC2 rules apply to all EC2 nodes.
    expect(matchesTarget({ compute: 'ec2' }, 'eks', 'ec2', 'eks-auto-mode')).toBe(true);
  });
});

describe('buildCandidates', () => {
  it('adds ECS Managed Instances and EKS Auto Mode last, every service on EC2', () => {
    const candidates = candidatesFor({ name: 'web' }, { name: 'api' });
    expect(candidates.map((c) => c.id)).toEqual([...CANDIDATE_IDS]);
    expect(CANDIDATE_IDS.slice(-2)).toEqual(['ecs-managed-instances', 'eks-auto-mode']);
    const auto = candidates.find((c) => c.id === 'eks-auto-mode')!;
    expect(auto).toMatchObject({
      label: 'EKS Auto Mode',
      orchestrator: 'eks',
      compute: 'ec2',
      feasible: true,
    });
    expect(auto.placements.map((p) => p.compute)).toEqual(['ec2', 'ec2']);
    const managed = candidates.find((c) => c.id === 'ecs-managed-instances')!;
    expect(managed).toMatchObject({
      label: 'ECS Managed Instances',
      orchestrator: 'ecs',
      redundantWith: null,
    });
  });

  it('excludes both for Windows with the cited reason, and keeps ECS on EC2', () => {
    const candidates = candidatesFor({ name: 'legacy', os: 'windows' });
    const excluded = (id: string) => candidates.find((c) => c.id === id)!.exclusions.map((h) => h.ruleId);
    expect(excluded('eks-auto-mode')).toEqual(['eks-auto-mode-no-windows']);
    expect(excluded('ecs-managed-instances')).toEqual(['ecs-managed-instances-linux-only']);
    expect(excluded('ecs-ec2')).toEqual([]);
    const hit = candidates.find((c) => c.id === 'eks-auto-mode')!.exclusions[0]!;
    expect(hit.source).toBe('https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html');
    expect(hit.reason).toMatch(
      /^legacy runs Windows containers, and EKS Auto Mode does not support Windows nodes/,
    );
  });

  it('excludes Auto Mode for dedicated hardware and a custom AMI, and Managed Instances for dedicated hardware only', () => {
    const candidates = candidatesFor({ name: 'tuned', needs: { customAmi: true, dedicatedTenancy: true } });
    const auto = candidates.find((c) => c.id === 'eks-auto-mode')!;
    expect(auto.exclusions.map((h) => h.ruleId).sort()).toEqual([
      'eks-auto-mode-no-custom-ami',
      'eks-auto-mode-no-dedicated-hosts',
    ]);
    // Its launch template has no tenancy setting, so the starter code could not ask for dedicated instances.
    const managed = candidates.find((c) => c.id === 'ecs-managed-instances')!;
    expect(managed.feasible).toBe(false);
    expect(managed.exclusions.map((h) => h.ruleId)).toEqual(['ecs-managed-instances-no-dedicated-tenancy']);
    // A custom AMI alone is unconfirmed there: a warning, not an exclusion.
    const amiOnly = candidatesFor({ name: 'tuned', needs: { customAmi: true } });
    const managedAmi = amiOnly.find((c) => c.id === 'ecs-managed-instances')!;
    expect(managedAmi.feasible).toBe(true);
    expect(managedAmi.warnings.map((h) => h.ruleId)).toEqual([
      'ecs-managed-instances-custom-ami-unconfirmed',
    ]);
  });

  it('scores AWS-managed nodes like Fargate for a low-operations team, and gives them no node-control point', () => {
    const low = normalised({ services: [makeService()], team: { operationsAppetite: 'low' } });
    const lowHits = evaluateRules(rules, low, context).hits;
    const points = (id: string, rule: string, hits = lowHits, workload = low) =>
      buildCandidates(workload, hits)
        .find((c) => c.id === id)!
        .scores.find((s) => s.ruleId === rule)?.points ?? 0;
    expect(points('ecs-fargate', 'low-operations-appetite')).toBe(2);
    expect(points('ecs-managed-instances', 'ecs-managed-instances-low-operations')).toBe(2);
    expect(points('eks-auto-mode', 'eks-auto-mode-low-operations')).toBe(2);
    expect(points('ecs-ec2', 'ecs-managed-instances-low-operations')).toBe(0);
    // Self-managed nodes cost a low-operations team a point, by the share of services on them.
    expect(points('ecs-ec2', 'low-operations-self-managed-nodes')).toBe(-1);
    expect(points('ecs-managed-instances', 'low-operations-self-managed-nodes')).toBe(0);
    // Only for a low-operations team: otherwise their EC2 prices decide, as for EC2.
    const medium = normalised({ services: [makeService()] });
    const mediumHits = evaluateRules(rules, medium, context).hits;
    expect(points('eks-auto-mode', 'eks-auto-mode-low-operations', mediumHits, medium)).toBe(0);

    const high = normalised({ services: [makeService()], team: { operationsAppetite: 'high' } });
    const highHits = evaluateRules(rules, high, context).hits;
    expect(points('ecs-ec2', 'high-operations-appetite', highHits, high)).toBe(1);
    expect(points('ecs-managed-instances', 'high-operations-appetite', highHits, high)).toBe(0);
  });
});
