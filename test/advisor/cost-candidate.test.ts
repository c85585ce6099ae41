import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { sumMoney, toMoney } from '../../src/pricing/money.js';
import type { ServiceInput, WorkloadInput } from '../../src/workload/schema.js';
import { fixedFleet } from '../helpers/fleets.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

// No NAT gateway and no VPC endpoints: no network line at all (image pulls are then not priced).
const QUIET = {
  natGateways: 0,
  loadBalancerLcu: 1,
  natDataGBPerMonth: 0,
  availabilityZones: 2,
  vpcEndpoints: 'none',
} as const;
const service = (extra: Partial<ServiceInput> = {}): ServiceInput => ({
  name: 'web',
  cpu: 1,
  memory: '2 GiB',
  replicas: 2,
  architecture: 'x86_64',
  ...extra,
});
const workload = (extra: Partial<WorkloadInput> = {}): WorkloadInput => ({
  network: QUIET,
  services: [service()],
  ...extra,
});

const CLOUDWATCH_IDS = ['logs:ingest-gb', 'logs:storage-gb-month', 'cloudwatch:metric-month'];

function cost(rec: Recommendation, id: CandidateId) {
  const c = rec.candidates.find((x) => x.id === id);
  if (!c?.cost) throw new Error(`${id} has no cost`);
  return c.cost;
}

describe('candidate costs', () => {
  it('sums every priced line exactly into the monthly total', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's02-gpu-inference.yaml')));
    for (const c of rec.candidates.filter((x) => x.cost)) {
      const sum = sumMoney(c.cost!.lineItems.filter((l) => !l.missing).map((l) => toMoney(l.monthlyUsd!)));
      expect(c.cost!.monthlyUsd).toBe(sum.toString());
    }
  });

  it('says which part of a fleet sized in two parts (GPU and other nodes) each instance-type note is about', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's02-gpu-inference.yaml')));
    const kept = cost(rec, 'ecs-ec2').notes.filter((n) => n.includes('instance types kept'));
    expect(kept).toHaveLength(2);
    expect(kept[0]).toMatch(/^GPU nodes: \d+ of \d+ instance types kept/);
    expect(kept[1]).toMatch(/^other nodes: \d+ of \d+ instance types kept/);
  });

  it("names the assumed management fee's basis for every instance type it is charged on", async () => {
    // s02's ECS Managed Instances fleet has a GPU node (g4dn.2xlarge) and general nodes (m5a.large), each
    // with a fee assumed at 12 % of its on-demand price: the note must give both, not the first only.
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's02-gpu-inference.yaml')));
    const managed = cost(rec, 'ecs-managed-instances');
    const fees = managed.lineItems.filter((l) => l.description.includes('management fee'));
    expect(fees.map((l) => l.unitPriceUsd)).toEqual(['0.09024', '0.01032']);
    const note = managed.notes.find((n) => n.includes('management fee is an assumption'));
    expect(note).toContain('on 2 instance type(s)');
    expect(note).toContain('12 % of ec2:g4dn.2xlarge (0.752)');
    expect(note).toContain('12 % of ec2:m5a.large (0.086)');
  });

  it('prices interruptible ECS services on Fargate Spot with one on-demand base task, and EKS on demand', async () => {
    const rec = await advise(workload({ requirements: { spotTolerant: true } }));
    const ecs = cost(rec, 'ecs-fargate');
    // 2 steady tasks: one always on regular Fargate (730 h), the other on Spot (730 h).
    expect(ecs.lineItems.slice(0, 4).map((l) => `${l.priceId} ${l.quantity} @${l.unitPriceUsd}`)).toEqual([
      'fargate:x86_64:linux:vcpu 730 @0.04048',
      'fargate:x86_64:linux:gb 1460 @0.004445',
      'fargate-spot:x86_64:linux:vcpu 730 @0.01264355',
      'fargate-spot:x86_64:linux:gb 1460 @0.00138835',
    ]);
    expect(ecs.fargate[0]?.spot).toBe(true);
    expect(ecs.purchaseOptions[0]).toMatch(/^Fargate Spot for web/);
    expect(cost(rec, 'eks-fargate').lineItems[0]?.priceId).toBe('fargate:x86_64:linux:vcpu');
  });

  it('applies an EC2 Spot discount with its stated assumption when every EC2 service is interruptible', async () => {
    const rec = await advise(workload({ requirements: { spotTolerant: true } }), {
      fleetSolver: fixedFleet('m5.large', 1, '0.096'),
    });
    const ec2 = cost(rec, 'ecs-ec2');
    const discount = ec2.lineItems.find((l) => l.priceId === 'discount:ec2-spot');
    // 0.096 × 730 = 70.08 on demand; 65 % off is −45.552.
    expect(discount).toMatchObject({
      quantity: '70.08',
      unitPriceUsd: '-0.65',
      monthlyUsd: '-45.552',
      priceOrigin: 'assumption',
    });
    expect(ec2.ec2Spot).toBe(true);
    expect(ec2.purchaseOptions.join(' ')).toMatch(/EC2 Spot assumed 65 %/);
  });

  it('applies a Savings Plan to on-demand compute only', async () => {
    const rec = await advise(workload({ requirements: { savingsPlans: '1yr' } }));
    const lines = cost(rec, 'ecs-fargate').lineItems;
    // Fargate compute 59.1008 + 12.9794 = 72.0802; 20 % off is −14.41604.
    expect(lines.find((l) => l.priceId === 'discount:fargate-savings-plan')?.monthlyUsd).toBe('-14.41604');
    // Plus CloudWatch: 2 GB of logs × $0.50 = 1.00, 2 × 30 / (730 / 24) GB-months × $0.03 = 0.0591780822,
    // and 16 + 13 Container Insights metrics × $0.30 = 8.70: 57.66416 + 9.7591780822.
    expect(cost(rec, 'ecs-fargate').monthlyUsd).toBe('67.4233380822');
  });

  it('commits nothing when nothing runs all week, and says so', async () => {
    const rec = await advise(
      workload({
        requirements: { savingsPlans: '1yr' },
        services: [service({ traffic: { pattern: 'batch', startHour: 1, durationHours: 2 } })],
      }),
      { fleetSolver: fixedFleet('m5.large', 1, '0.096') },
    );
    const ec2 = cost(rec, 'ecs-ec2');
    expect(ec2.fleet?.floor).toEqual([]);
    expect(ec2.lineItems.filter((l) => l.category === 'discount')).toEqual([]);
    expect(ec2.purchaseOptions).toContain(
      "No Savings Plan on EC2: no instance runs every minute of the week at one type (the fleet's floor is empty, or unpriced), so a commitment could go unused",
    );
    const fargate = cost(rec, 'ecs-fargate');
    expect(fargate.lineItems.filter((l) => l.category === 'discount')).toEqual([]);
    expect(fargate.purchaseOptions).toContain(
      'No Savings Plan on Fargate: no on-demand task runs in every hour of the week (or its rate is unpriced), so a commitment could go unused',
    );
  });

  it('uses x86 rates for a multi-arch image where the region lacks Arm Fargate prices', async () => {
    const rec = await advise(workload({ region: 'eu-west-1', services: [service({ architecture: 'any' })] }));
    expect(cost(rec, 'ecs-fargate').fargate[0]?.architecture).toBe('x86_64');
    // Only the CloudWatch prices, which the snapshot has for us-east-1 alone, are missing.
    expect(cost(rec, 'ecs-fargate').missingPriceIds).toEqual(CLOUDWATCH_IDS);
  });

  it('flags a price the region lacks instead of inventing it', async () => {
    const rec = await advise(
      workload({ region: 'eu-west-1', services: [service({ architecture: 'arm64' })] }),
    );
    const c = cost(rec, 'ecs-fargate');
    expect(c.complete).toBe(false);
    expect(c.missingPriceIds).toEqual([
      'fargate:arm64:linux:vcpu',
      'fargate:arm64:linux:gb',
      ...CLOUDWATCH_IDS,
    ]);
    expect(c.lineItems[0]).toMatchObject({ missing: true, unitPriceUsd: null, monthlyUsd: null });
    expect(c.notes.join(' ')).toMatch(/have no price in the eu-west-1 price data/);
  });

  it('refuses a region the price data does not have, even a real AWS one, before sizing anything', async () => {
    // ap-southeast-7 is an AWS region, but data/regions.json has no entry for it (berth regions lists 30);
    // us-est-1 is a typo of us-east-1. Both used to be priced at $0.00 with every line MISSING.
    for (const region of ['ap-southeast-7', 'us-est-1']) {
      await expect(advise(workload({ region }))).rejects.toMatchObject({
        code: 'INVALID_WORKLOAD',
        issues: [{ path: 'region', code: 'unknown_region' }],
        message: expect.stringContaining(`region: unknown region "${region}": Berth knows the 30 regions`),
      });
    }
  });

  it('refuses a Windows service built for arm64, and runs a multi-arch Windows one on x86_64', async () => {
    await expect(
      advise(workload({ services: [service({ os: 'windows', architecture: 'arm64' })] })),
    ).rejects.toMatchObject({
      code: 'INVALID_WORKLOAD',
      issues: [{ path: 'services[0].architecture', message: expect.stringContaining('x86_64 only') }],
    });
    // With `any`, the EC2 candidates used to put the Windows service on Graviton types (m6g, c6g), which
    // have no Windows price; it is now read as x86_64 and priced exactly as an x86_64 Windows service.
    const windows = (architecture: 'any' | 'x86_64') =>
      advise(workload({ services: [service({ os: 'windows', architecture })] }));
    const [anyArch, x86] = await Promise.all([windows('any'), windows('x86_64')]);
    expect(anyArch.workload.services[0]?.architecture).toBe('x86_64');
    for (const id of ['ecs-ec2', 'eks-ec2'] as const) {
      const types = cost(anyArch, id).fleet?.placement.map((n) => n.instanceType) ?? [];
      expect(types.length).toBeGreaterThan(0);
      expect(types.filter((t) => /^[a-z]+\d+g/.test(t))).toEqual([]);
      expect(cost(anyArch, id).monthlyUsd).toBe(cost(x86, id).monthlyUsd);
    }
    expect(cost(anyArch, 'ecs-fargate').monthlyUsd).toBe(cost(x86, 'ecs-fargate').monthlyUsd);
  });

  it('ranks by fit score plus a cost score relative to the cheapest candidate', async () => {
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's15-hybrid-portability.yaml')));
    const priced = rec.candidates.filter((c) => c.cost);
    const cheapest = Math.min(...priced.map((c) => Number(c.cost!.monthlyUsd)));
    for (const c of priced) {
      const expected = -Math.min(8, 4 * (Number(c.cost!.monthlyUsd) / cheapest - 1));
      expect(c.costScore).toBeCloseTo(expected, 2);
      expect(c.totalScore).toBeCloseTo(c.fitScore + c.costScore, 2);
    }
    const winner = rec.candidates.find((c) => c.rank === 1)!;
    for (const c of priced) {
      expect(c.monthlyDeltaUsd).toBe(
        toMoney(c.cost!.monthlyUsd).minus(toMoney(winner.cost!.monthlyUsd)).toString(),
      );
    }
  });

  it('finds the utilisation at which an always-on EC2 fleet beats Fargate', async () => {
    const rec = await advise(workload(), { fleetSolver: fixedFleet('m7g.large', 1, '0.0816') });
    const ecs = rec.breakEven.find((b) => b.orchestrator === 'ecs');
    // EC2: 0.0816 × 730 = 59.568. Fargate at the peak: 2 × (0.04048 + 2 × 0.004445) × 730 = 72.0802.
    expect(ecs?.breakEvenUtilisation).toBeCloseTo(59.568 / 72.0802, 10);
    expect(ecs?.utilisation).toBeCloseTo(1, 10);
    expect(ecs?.statement).toBe(
      'An always-on EC2 fleet sized for the peak beats ECS on Fargate when average load is above 83 % of the peak; this workload runs at 100 %',
    );
  });
});
