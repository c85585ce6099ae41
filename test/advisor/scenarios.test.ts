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
      // SCENARIOS.md S9: "not EKS Auto Mode" (no dedicated hosts).
      'eks-auto-mode': 'eks-auto-mode-no-dedicated-hosts',
    },
  },
  {
    file: 's11-kafka-ebs.yaml',
    recommended: 'eks-ec2',
    excluded: { 'ecs-fargate': 'ecs-fargate-ebs-not-durable', 'eks-fargate': 'eks-fargate-no-ebs' },
  },
  {
    // A Kubernetes team that wants no nodes: Auto Mode's instances and fee beat EKS Fargate's per-pod
    // bill, and its +2 for a low-operations team beats the managed node groups' lower price.
    file: 's12-kubernetes-no-nodes.yaml',
    recommended: 'eks-auto-mode',
    excluded: {
      'ecs-fargate': 'kubernetes-api-required',
      'ecs-managed-instances': 'kubernetes-api-required',
    },
  },
  {
    file: 's15-hybrid-portability.yaml',
    recommended: 'eks-ec2',
    excluded: {
      'ecs-fargate': 'portability-requires-kubernetes',
      'ecs-ec2': 'portability-requires-kubernetes',
    },
  },
  {
    // GPU inference for a team with no node appetite: AWS's answer, Managed Instances, over a mix that
    // would leave the GPU node group for the team to patch.
    file: 's16-gpu-low-operations.yaml',
    recommended: 'ecs-managed-instances',
    excluded: { 'ecs-fargate': 'fargate-no-gpu', 'eks-fargate': 'fargate-no-gpu' },
    placements: { 'model-server': 'ec2', api: 'ec2' },
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
    expect(rec.candidates).toHaveLength(8);
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

  it('S7: warns that EKS with Windows still needs Linux nodes', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's07-windows-dotnet.yaml')));
    const warning = rec.warnings.find((w) => w.ruleId === 'eks-windows-needs-linux-nodes');
    expect(warning?.candidates).toEqual(['eks-fargate', 'eks-ec2', 'eks-mixed', 'eks-auto-mode']);
  });

  it('S12: sets EKS Auto Mode against managed node groups (fee against operations) and Fargate (packing)', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's12-kubernetes-no-nodes.yaml')));
    const fee = rec.candidates
      .find((c) => c.id === 'eks-auto-mode')!
      .cost!.lineItems.filter((l) => l.priceId?.startsWith('eks-auto-mode-fee:'));
    // Assumed at 12 % of on-demand: r5a.4xlarge $0.904 → $0.10848, and so on; unconfirmed.
    expect(fee.every((l) => l.confirmed === false)).toBe(true);
    // $39.5952 + $158.3808 + $9.8988 = $207.8748 of fee, less the 2 × t3.medium system nodes EKS on EC2
    // pays (1460 h × $0.0416 = $60.736): $147.1388 more. EKS on Fargate: $3,336.05 − $2,079.23 = $1,256.82.
    expect(rec.explanation).toContain(
      'EKS Auto Mode costs $147.14 more a month than EKS on EC2: it adds a management fee of $207.87 a month, assumed at a share of the on-demand price, and needs no system node group (2 × t3.medium on EKS on EC2); in return AWS launches, patches and replaces the nodes, so nobody updates AMIs or runs the node autoscaler.',
    );
    expect(rec.explanation).toContain(
      'EKS Auto Mode saves $1,256.82 a month against EKS on Fargate: packing tasks onto whole instances costs less, fee included, than billing each task at its rounded-up Fargate size; neither leaves node operations to the team.',
    );
    expect(rec.breakEven.map((b) => b.ec2)).toEqual(['eks-ec2', 'eks-auto-mode']);
  });

  it('S16: ECS Managed Instances cost the fee more than ECS on EC2 on the same fleet', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's16-gpu-low-operations.yaml')));
    const managed = candidate(rec, 'ecs-managed-instances').cost!;
    // 2 × g4dn.2xlarge all month: 1460 h × $0.752 = $1,097.92, and 1460 h × $0.09024 = $131.7504 of fee.
    expect(
      managed.lineItems.find((l) => l.priceId === 'ecs-managed-instances-fee:g4dn.2xlarge'),
    ).toMatchObject({
      quantity: '1460',
      unitPriceUsd: '0.09024',
      monthlyUsd: '131.7504',
    });
    expect(managed.notes.join('\n')).toContain('management fee is an assumption');
    expect(rec.explanation).toContain(
      'ECS Managed Instances costs $131.75 more a month than ECS on EC2: it adds a management fee of $131.75 a month, assumed at a share of the on-demand price; in return AWS launches, patches and replaces the nodes, so nobody updates AMIs or runs the node autoscaler.',
    );
  });
});
