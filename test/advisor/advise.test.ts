import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { BerthError } from '../../src/errors.js';
import { FIXTURES_DIR, makeService, makeWorkload, readWorkloadFile } from '../helpers/workloads.js';

async function rejection(input: unknown): Promise<BerthError> {
  try {
    await advise(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BerthError);
    return error as BerthError;
  }
  throw new Error('expected advise to reject');
}

describe('advise', () => {
  it('keeps every candidate with its exclusions, scores and ranks', async () => {
    const rec = await advise(readWorkloadFile(join(FIXTURES_DIR, 'node-agents.yaml')));
    const ids = rec.candidates.map((c) => c.id);
    expect(new Set(ids).size).toBe(8);
    const ranked = rec.candidates.filter((c) => c.rank !== null);
    expect(ranked.map((c) => c.rank)).toEqual(ranked.map((_, i) => i + 1));
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1]!.totalScore).toBeGreaterThanOrEqual(ranked[i]!.totalScore);
    const ecsFargate = rec.candidates.find((c) => c.id === 'ecs-fargate')!;
    expect(ecsFargate.exclusions.map((h) => h.ruleId).sort()).toEqual([
      'ecs-fargate-no-daemon',
      'fargate-no-host-networking',
      'fargate-no-privileged',
    ]);
    // The log agent must run on EC2, the web tier may stay on Fargate.
    expect(rec.candidates.find((c) => c.id === 'ecs-mixed')?.placements).toEqual([
      { service: 'web', compute: 'fargate' },
      { service: 'log-agent', compute: 'ec2' },
    ]);
  });

  it('returns the normalised workload and the facts behind the decision', async () => {
    const rec = await advise(makeWorkload({ services: [makeService({ cpu: '250m', memory: '512Mi' })] }));
    expect(rec.workload.services[0]).toMatchObject({ vcpu: 0.25, memoryMiB: 512 });
    expect(rec.facts.workload.serviceCount).toBe(1);
    expect(rec.facts.services.web?.taskVcpu).toBe(0.25);
  });

  it('rejects invalid input with every issue and its path', async () => {
    const error = await rejection({ services: [{ name: 'x', cpu: -1, memory: 'many' }] });
    expect(error.code).toBe('INVALID_WORKLOAD');
    expect(error.issues.map((i) => i.path)).toEqual(['services[0].cpu', 'services[0].memory']);
  });

  it('answers an impossible workload with an explanation per service', async () => {
    const error = await rejection(readWorkloadFile(join(FIXTURES_DIR, 'impossible.yaml')));
    expect(error.code).toBe('IMPOSSIBLE_WORKLOAD');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('services[0]');
    expect(error.issues[0]?.message).toMatch(/beyond Fargate's largest size/);
    expect(error.issues[0]?.message).toMatch(/no EC2 instance type/);
  });

  it('explains a workload whose orchestrator requirements conflict', async () => {
    // Kubernetes is required, but a Windows task that is too big for ECS Fargate is fine on EKS EC2.
    const rec = await advise(
      makeWorkload({
        requirements: { kubernetesApi: true },
        services: [makeService({ os: 'windows', architecture: 'x86_64', cpu: 8, memory: '16 GiB' })],
      }),
    );
    expect(rec.recommended).toBe('eks-ec2');
  });
});
