/**
 * The example scenarios (examples/*.yaml, each described in its own header comment), with the
 * recommendation AWS's documentation supports and the exclusions that must hold.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

interface Scenario {
  file: string;
  recommended: CandidateId;
  excluded: Partial<Record<CandidateId, string>>;
  placements?: Record<string, 'fargate' | 'ec2'>;
}

const SCENARIOS: Scenario[] = [
  { file: 's01-small-web-app.yaml', recommended: 'ecs-fargate', excluded: {} },
  {
    file: 's02-gpu-inference.yaml',
    recommended: 'ecs-mixed',
    excluded: { 'ecs-fargate': 'fargate-no-gpu', 'eks-fargate': 'fargate-no-gpu' },
    placements: { 'model-server': 'ec2', api: 'fargate', admin: 'fargate' },
  },
  { file: 's04-nightly-batch.yaml', recommended: 'ecs-fargate', excluded: {} },
  { file: 's05-spiky-api.yaml', recommended: 'ecs-fargate', excluded: {} },
  {
    file: 's07-windows-dotnet.yaml',
    recommended: 'ecs-fargate',
    excluded: { 'eks-fargate': 'eks-fargate-no-windows' },
  },
  {
    file: 's09-dedicated-hosts.yaml',
    recommended: 'ecs-ec2',
    excluded: {
      'ecs-fargate': 'fargate-no-dedicated-tenancy',
      'eks-fargate': 'fargate-no-dedicated-tenancy',
    },
  },
  {
    file: 's11-kafka-ebs.yaml',
    recommended: 'eks-ec2',
    excluded: { 'ecs-fargate': 'ecs-fargate-ebs-not-durable', 'eks-fargate': 'eks-fargate-no-ebs' },
  },
  {
    // The team runs on-premises nodes anyway, which cancels Fargate's +2 operations default; then the
    // priced totals alone choose EKS on EC2 (docs/ranking.md#s15-a-rule-not-a-heavier-cost-weight).
    file: 's15-hybrid-portability.yaml',
    recommended: 'eks-ec2',
    excluded: {
      'ecs-fargate': 'portability-requires-kubernetes',
      'ecs-ec2': 'portability-requires-kubernetes',
    },
  },
];

function candidate(rec: Recommendation, id: CandidateId) {
  const c = rec.candidates.find((x) => x.id === id);
  if (!c) throw new Error(`candidate ${id} missing`);
  return c;
}

describe('scenarios', () => {
  it.each(SCENARIOS)('$file: recommends $recommended', async (scenario) => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, scenario.file)));
    expect(rec.recommended).toBe(scenario.recommended);
    expect(candidate(rec, scenario.recommended).rank).toBe(1);
    for (const [id, ruleId] of Object.entries(scenario.excluded)) {
      const c = candidate(rec, id as CandidateId);
      expect(c.feasible).toBe(false);
      expect(c.exclusions.map((h) => h.ruleId)).toContain(ruleId);
    }
    for (const [service, compute] of Object.entries(scenario.placements ?? {})) {
      expect(candidate(rec, scenario.recommended).placements).toContainEqual({ service, compute });
    }
    expect(rec.candidates).toHaveLength(6);
  });

  it('S1: the winner is explained by the rules that scored it, with their sources', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's01-small-web-app.yaml')));
    expect(rec.explanation[0]).toMatch(/^ECS on Fargate is recommended with a score of/);
    expect(rec.explanation.join('\n')).toContain(
      'https://docs.aws.amazon.com/batch/latest/userguide/when-to-use-fargate.html',
    );
    expect(candidate(rec, 'ecs-mixed').redundantWith).toBe('ecs-fargate');
  });

  it('S4: the nightly batch runs on Fargate Spot, billed for 3 hours a night only', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's04-nightly-batch.yaml')));
    const cost = candidate(rec, 'ecs-fargate').cost!;
    expect(cost.fargate).toEqual([
      expect.objectContaining({ service: 'etl', spot: true, billed: { vcpu: 4, memoryMiB: 16384 } }),
    ]);
    // 20 tasks × 3 h × 7 nights = 420 task-hours a week = 1825 a month; × 4 vCPU.
    expect(cost.lineItems[0]).toMatchObject({ priceId: 'fargate-spot:x86_64:linux:vcpu', quantity: '7300' });
  });

  it('S7: warns once that EKS with Windows still needs Linux nodes, on the EKS candidates with EC2 nodes', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's07-windows-dotnet.yaml')));
    const warnings = rec.warnings.filter((w) => w.ruleId === 'eks-windows-needs-linux-nodes');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.candidates).toEqual(['eks-ec2', 'eks-mixed']);
    expect(warnings[0]?.message).toContain('Linux system node group');
    // The Linux nodes the warning names are on the bill: 2 × t3.medium × 730 h × $0.0416, and their
    // 20 GiB root volumes, 2 × 20 GiB × $0.10 (gp2), beside the Windows nodes' 50 GiB each.
    const lines = candidate(rec, 'eks-ec2').cost!.lineItems;
    expect(lines.filter((l) => l.priceId === 'ec2:t3.medium').map((l) => [l.quantity, l.monthlyUsd])).toEqual(
      [['1460', '60.736']],
    );
    expect(lines.filter((l) => l.priceId === 'ebs:gp2-gb-month').map((l) => l.monthlyUsd)).toEqual([
      '15',
      '4',
    ]);
  });

  it('a hybrid-only workload keeps ECS: ECS Anywhere runs the on-premises part', async () => {
    const rec = await advise({
      services: [{ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 }],
      requirements: { hybrid: true },
    });
    expect(candidate(rec, 'ecs-fargate').feasible).toBe(true);
    expect(candidate(rec, 'ecs-ec2').feasible).toBe(true);
    expect(rec.recommended).toBe('ecs-fargate');
    const warnings = rec.warnings.map((w) => w.ruleId);
    expect(warnings).toContain('ecs-anywhere-for-on-premises');
    expect(warnings).toContain('eks-hybrid-nodes-for-on-premises');
  });

  it('a service-mesh workload keeps ECS, with Service Connect', async () => {
    const rec = await advise({
      services: [{ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 }],
      requirements: { ecosystem: ['service-mesh'] },
    });
    expect(candidate(rec, 'ecs-fargate').feasible).toBe(true);
    expect(rec.recommended).toBe('ecs-fargate');
    expect(rec.warnings.map((w) => w.ruleId)).toContain('service-mesh-on-ecs');
  });

  it('a Karpenter requirement never yields EKS on Fargate', async () => {
    const rec = await advise({
      services: [{ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 }],
      requirements: { ecosystem: ['karpenter'] },
    });
    expect(rec.recommended).toBe('eks-ec2');
    expect(candidate(rec, 'eks-fargate').exclusions.map((h) => h.ruleId)).toContain(
      'karpenter-needs-ec2-nodes',
    );
    expect(candidate(rec, 'eks-mixed').redundantWith).toBe('eks-ec2');
  });

  it('S15: on-premises nodes cancel the Fargate default, and the cheaper EC2 fleet wins on its price alone', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's15-hybrid-portability.yaml')));
    const ec2 = candidate(rec, 'eks-ec2');
    const fargate = candidate(rec, 'eks-fargate');
    // Both candidates get the same ecosystem points (expert team +2, platform team of 20 +1); Fargate's
    // +2 default and the hybrid rule's -2 cancel, so the fit scores tie at 3.
    expect(fargate.scores.map((x) => [x.ruleId, x.points])).toEqual(
      expect.arrayContaining([
        ['fargate-by-default', 2],
        ['hybrid-team-runs-nodes-anyway', -2],
      ]),
    );
    expect([ec2.fitScore, fargate.fitScore]).toEqual([3, 3]);
    // EKS on Fargate: 30 services x 3 pods x 730 h at 1 vCPU / 3 GB billed (2 GiB + 256 MB overhead,
    // rounded up) = $3,535.65 + control plane $73 + CoreDNS $18.02 + NAT $36.50 = $3,663.17.
    // EKS on EC2: c6a.8xlarge $893.52 + m5a.12xlarge $1,506.72 + m5a.4xlarge $502.24 + $73 + system
    // nodes $60.74 + root volumes $10 + NAT $36.50 = $3,082.72.
    expect([ec2.cost?.monthlyUsd, fargate.cost?.monthlyUsd]).toEqual(['3082.716', '3663.16555']);
    // 3663.16555 / 3082.716 - 1 = 18.83 % dearer, x 4 points per 100 % (settings/ranking.yaml) = 0.753.
    expect(fargate.costScore).toBeCloseTo(-0.753, 3);
    expect(fargate.monthlyDeltaUsd).toBe('580.44955');
    expect(ec2.scores.map((x) => x.ruleId)).not.toContain('hybrid-nodes-not-fargate');
    expect(rec.candidates.flatMap((c) => c.scores).filter((x) => x.dimension === 'cost')).toEqual([]);
    expect(rec.warnings.map((w) => w.ruleId)).toContain('eks-hybrid-nodes-for-on-premises');
  });
});
