/**
 * EC2 candidates whose nodes cannot hold a task (a new-user trial): they were sized with a MISSING
 * `ec2:none` line, priced at what was left ($45.73) and recommended. They are excluded, with the service and
 * the reason, and a workload that no candidate is left for is IMPOSSIBLE_WORKLOAD.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { BerthError } from '../../src/errors.js';
import type { Recommendation } from '../../src/model/recommendation.js';

const EC2_IDS = ['ecs-ec2', 'eks-ec2', 'ecs-managed-instances', 'eks-auto-mode'] as const;

function find(rec: Recommendation, id: string) {
  return rec.candidates.find((c) => c.id === id)!;
}

describe('a task no eligible instance type holds', () => {
  it('repro A: an AMD GPU (only g4ad has one, and no AMI Berth launches drives it) is IMPOSSIBLE_WORKLOAD', async () => {
    const workload = {
      services: [{ name: 'web', cpu: 4, memory: '16 GiB', gpus: { count: 1, model: 'AMD' } }],
    };
    const error = await advise(workload).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BerthError);
    const berth = error as BerthError;
    expect(berth.code).toBe('IMPOSSIBLE_WORKLOAD');
    expect(berth.issues.map((i) => i.path)).toEqual(['services[0]']);
    const message = berth.issues[0]!.message;
    // Fargate has no GPU (rule fargate-no-gpu); each of the four EC2 options says why it cannot either. The
    // smallest type that would hold it is g4ad.xlarge (4 vCPU, 16 GiB, 1 AMD Radeon Pro V520: the catalog),
    // left out because the GPU AMIs drive NVIDIA GPUs only (sizing/node-types.ts).
    for (const label of ['ECS on EC2', 'EKS on EC2', 'ECS Managed Instances', 'EKS Auto Mode'])
      expect(message).toContain(
        `web: no EC2 instance type eligible for ${label} holds a task of 4 vCPU, 16 GiB and 1 AMD GPU (x86_64): g4ad.xlarge: its GPUs (AMD Radeon Pro V520) are not NVIDIA`,
      );
    expect(message).not.toContain('ec2:none');
    // One clause per reason, not run together: "...NVIDIA GPUs only (and 4 more type(s) ...) web: no EC2 ...".
    expect(message).toContain(
      '(4 larger types that would hold it, ruled out as well); web: no EC2 instance type',
    );
  });

  it('repro B: an arm64 GPU task excludes the ECS EC2 options (no ECS GPU AMI for Arm) and leaves EKS priced', async () => {
    const rec = await advise({
      services: [{ name: 'web', cpu: 4, memory: '16 GiB', architecture: 'arm64', gpus: 1 }],
    });
    for (const id of ['ecs-ec2', 'ecs-managed-instances']) {
      const c = find(rec, id);
      expect(c.feasible, id).toBe(false);
      expect(c.cost, id).toBeNull();
      expect(c.rank, id).toBeNull();
      expect(c.monthlyDeltaUsd, id).toBeNull();
      expect(
        c.exclusions.map((h) => [h.ruleId, h.service]),
        id,
      ).toEqual([['no-eligible-instance-type', 'web']]);
      // g5g.xlarge (4 vCPU, 8 GiB) is too small; g5g.2xlarge (8 vCPU, 16 GiB, 1 NVIDIA T4g) is the smallest
      // Arm GPU type that holds the task (then 4xlarge, 8xlarge, 16xlarge, metal: the catalog), and ECS
      // publishes its GPU AMI for x86_64 only.
      const label = id === 'ecs-ec2' ? 'ECS on EC2' : 'ECS Managed Instances';
      expect(c.exclusions[0]!.reason).toBe(
        `web: no EC2 instance type eligible for ${label} holds a task of 4 vCPU, 16 GiB and 1 GPU (arm64): g5g.2xlarge: ECS publishes its GPU-optimised AMI for x86_64 only, none for Arm (4 larger types that would hold it, ruled out as well)`,
      );
      expect(c.exclusions[0]!.source).toBe(
        'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html',
      );
    }
    // The mixed ECS candidate places web as ECS on EC2 does: excluded with it.
    expect(find(rec, 'ecs-mixed').feasible).toBe(false);
    // EKS runs Arm GPUs (the EKS NVIDIA AMIs serve g5g): its two EC2 options stay, priced without a gap.
    expect(rec.recommended).toBe('eks-ec2');
    for (const id of ['eks-ec2', 'eks-auto-mode']) {
      const c = find(rec, id);
      expect(c.feasible, id).toBe(true);
      expect(c.cost!.missingPriceIds, id).not.toContain('ec2:none');
      expect(c.cost!.fleet!.unplaced, id).toEqual([]);
    }
    expect(rec.pricing.coverage.missingPriceIds).not.toContain('ec2:none');
    // Nothing is set against an excluded candidate: no "ECS on EC2 would cost ... less".
    expect(rec.explanation.join('\n')).not.toMatch(/ECS on EC2 would cost/);
    expect(rec.explanation.join('\n')).toContain(
      'ECS on EC2 is excluded: web: no EC2 instance type eligible',
    );
    for (const id of EC2_IDS) expect(find(rec, id).cost?.missingPriceIds ?? []).not.toContain('ec2:none');
  });

  it('a multi-arch GPU task goes on x86 GPU nodes, not on an Arm fleet that leaves it unplaced', async () => {
    // `architecture: any` tries x86_64 alone and arm64 alone. No Arm type has an A10G, so the Arm week left
    // the task unplaced, cost $0 for it, won on cost, and ECS on EC2 was recommended at $45.73* with a
    // MISSING ec2:none line. The smallest type holding 4 vCPU, 16 GiB and an A10G after the agent's reserve
    // is g5.2xlarge (8 vCPU, 32 GiB): g5.xlarge has 16 GiB in all (the catalog).
    const rec = await advise({
      services: [
        { name: 'web', cpu: 4, memory: '16 GiB', architecture: 'any', gpus: { count: 1, model: 'A10G' } },
      ],
    });
    for (const id of EC2_IDS) {
      const cost = find(rec, id).cost!;
      expect(cost.complete).toBe(true);
      expect(cost.missingPriceIds).toEqual([]);
      expect(cost.fleet?.peak).toEqual([{ instanceType: 'g5.2xlarge', count: 1 }]);
      expect(cost.fleet?.unplaced).toEqual([]);
    }
  });

  it('names the per-node agent whose architecture leaves no node for an arm64 task (a fresh-user trial)', async () => {
    // The agent is x86_64 only, so every node is x86_64; before, the reason named a1.medium, "previous
    // generation", the smallest Arm type the checks left out, as if the Arm types were the problem.
    const rec = await advise({
      services: [
        { name: 'web', cpu: 0.25, memory: '512 MiB', architecture: 'arm64', replicas: 2 },
        { name: 'log-agent', cpu: 0.1, memory: '128 MiB', architecture: 'x86_64', needs: { daemon: true } },
      ],
    });
    const c = find(rec, 'ecs-ec2');
    expect(c.feasible).toBe(false);
    expect(c.exclusions.map((h) => [h.ruleId, h.service])).toEqual([['no-eligible-instance-type', 'web']]);
    expect(c.exclusions[0]!.reason).toBe(
      'web: no EC2 instance type eligible for ECS on EC2 holds a task of 0.25 vCPU and 512 MiB (arm64): log-agent runs on every node and is built for x86_64 only, so every node is x86_64, and web is built for arm64 only (a node must run every per-node agent)',
    );
    expect(c.exclusions[0]!.source).toBe(
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service_definition_parameters.html',
    );
    const eks = find(rec, 'eks-ec2');
    expect(eks.feasible).toBe(false);
    expect(eks.exclusions[0]!.reason).toContain('log-agent runs on every node and is built for x86_64 only');
    expect(eks.exclusions[0]!.source).toBe(
      'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
    );
  });
});
