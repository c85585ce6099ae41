/**
 * Reference cost cases, each worked by hand from AWS list prices at 730 hours a month
 * (docs/pricing.md#hours-per-month; several also match Infracost's golden output), reproduced through
 * Berth's own cost model to the cent.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { priceLine } from '../../src/costs/line.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { formatCents, sumMoney, toMoney } from '../../src/pricing/money.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import type { ServiceInput, WorkloadInput } from '../../src/workload/schema.js';
import { fixedFleet } from '../helpers/fleets.js';

// No NAT gateway and no VPC endpoints: no network line at all (image pulls are then not priced).
const QUIET = {
  natGateways: 0,
  loadBalancerLcu: 1,
  natDataGBPerMonth: 0,
  availabilityZones: 2,
  vpcEndpoints: 'none',
} as const;
const snapshot = new SnapshotPriceSource();

function lines(
  rec: Recommendation,
  id: CandidateId,
  pick: (l: { category: string; service: string | null; priceId: string | null }) => boolean,
) {
  const c = rec.candidates.find((x) => x.id === id);
  if (!c?.cost) throw new Error(`${id} has no cost`);
  return c.cost.lineItems.filter(pick);
}
const total = (items: { monthlyUsd: string | null }[]) =>
  formatCents(sumMoney(items.map((l) => toMoney(l.monthlyUsd!))));
const serviceLines = (rec: Recommendation, id: CandidateId) => lines(rec, id, (l) => l.service !== null);

const web = (extra: Record<string, unknown> = {}) =>
  ({ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, architecture: 'x86_64', ...extra }) as ServiceInput;
const workload = (extra: Partial<WorkloadInput>): WorkloadInput =>
  ({ network: QUIET, services: [web()], ...extra }) as WorkloadInput;

describe('pricing.md §4 reference cases', () => {
  it('#1 EKS control plane, standard support: $73.00', async () => {
    const rec = await advise(workload({ requirements: { kubernetesApi: true } }));
    expect(total(lines(rec, 'eks-fargate', (l) => l.priceId === 'eks:cluster-standard'))).toBe('73.00');
  });

  it('#2 EKS control plane in extended support: $438.00', async () => {
    const rec = await advise(workload({ requirements: { kubernetesApi: true, eksExtendedSupport: true } }));
    expect(total(lines(rec, 'eks-fargate', (l) => l.priceId === 'eks:cluster-extended'))).toBe('438.00');
  });

  it('#3 m5.large on demand, us-east-1: $70.08; #13 g4dn.xlarge: $383.98', async () => {
    const lookup = await snapshot.getPrices('us-east-1', ['ec2:m5.large', 'ec2:g4dn.xlarge']);
    const line = (type: string) =>
      priceLine(
        {
          category: 'compute',
          service: null,
          description: type,
          quantity: toMoney(730),
          priceId: `ec2:${type}`,
        },
        lookup,
      );
    expect(formatCents(toMoney(line('m5.large').monthlyUsd!))).toBe('70.08');
    expect(formatCents(toMoney(line('g4dn.xlarge').monthlyUsd!))).toBe('383.98');
  });

  it('#4 ECS Fargate, 2 tasks of 1 vCPU / 2 GB, x86: $59.10 + $12.98 = $72.08', async () => {
    const rec = await advise(workload({}));
    const [vcpu, gb] = serviceLines(rec, 'ecs-fargate');
    expect(vcpu?.monthlyUsd).toBe('59.1008');
    expect(gb?.monthlyUsd).toBe('12.9794');
    expect(total(serviceLines(rec, 'ecs-fargate'))).toBe('72.08');
  });

  it('#5 the same on Graviton: $57.67', async () => {
    const rec = await advise(workload({ services: [web({ architecture: 'arm64' })] }));
    expect(total(serviceLines(rec, 'ecs-fargate'))).toBe('57.67');
    // A multi-arch image is placed on Graviton too, since it is cheaper.
    const any = await advise(workload({ services: [web({ architecture: 'any' })] }));
    expect(total(serviceLines(any, 'ecs-fargate'))).toBe('57.67');
  });

  it('#6 the same in eu-central-1: $82.90', async () => {
    const rec = await advise(workload({ region: 'eu-central-1' }));
    expect(total(serviceLines(rec, 'ecs-fargate'))).toBe('82.90');
  });

  it('#7 EKS Fargate pod of 1 vCPU / 2 GB is billed 1 vCPU / 3 GB: $39.28', async () => {
    const rec = await advise(workload({ services: [web({ replicas: 1 })] }));
    expect(total(serviceLines(rec, 'eks-fargate'))).toBe('39.28');
  });

  it('#8 EKS Fargate pod of 1 vCPU / 8 GB is billed 2 vCPU / 9 GB: $88.30', async () => {
    const rec = await advise(workload({ services: [web({ replicas: 1, memory: '8 GiB' })] }));
    expect(total(serviceLines(rec, 'eks-fargate'))).toBe('88.30');
  });

  it('#9 EKS cluster and 3 × m5.large: $283.24; #14 ECS on 2 × m7g.large: $119.14', async () => {
    const eks = await advise(workload({}), { fleetSolver: fixedFleet('m5.large', 3, '0.096') });
    expect(
      total(
        lines(eks, 'eks-ec2', (l) => l.priceId === 'eks:cluster-standard' || l.priceId === 'ec2:m5.large'),
      ),
    ).toBe('283.24');
    const ecs = await advise(workload({}), { fleetSolver: fixedFleet('m7g.large', 2, '0.0816') });
    expect(total(lines(ecs, 'ecs-ec2', (l) => l.category === 'compute'))).toBe('119.14');
  });

  it('#10 ALB for 730 h at 1 LCU: $22.27', async () => {
    const rec = await advise(workload({ services: [web({ exposure: 'internal' })] }));
    expect(total(lines(rec, 'ecs-fargate', (l) => l.category === 'load-balancing'))).toBe('22.27');
  });

  it('#11 NAT gateway for 730 h and 100 GB: $37.35', async () => {
    const rec = await advise(workload({ network: { ...QUIET, natGateways: 1, natDataGBPerMonth: 100 } }));
    expect(total(lines(rec, 'ecs-fargate', (l) => l.priceId === 'nat:hour' || l.priceId === 'nat:gb'))).toBe(
      '37.35',
    );
  });

  it('#12 short Fargate jobs: 90 s costs $0.00123425, 30 s is billed a minute: $0.00082283', async () => {
    const perRun = async (seconds: number) => {
      const rec = await advise(
        workload({
          services: [
            web({
              replicas: 1,
              traffic: { pattern: 'batch', durationHours: seconds / 3600, daysPerWeek: 1 },
            }),
          ],
        }),
      );
      // One run a week; a month holds 730/168 weeks.
      const monthly = sumMoney(serviceLines(rec, 'ecs-fargate').map((l) => toMoney(l.monthlyUsd!)));
      return monthly.times(168).dividedBy(730).toDecimalPlaces(8).toString();
    };
    expect(await perRun(90)).toBe('0.00123425');
    expect(await perRun(30)).toBe('0.00082283');
  });

  it('#15 50 GB of ephemeral storage: $2.43 per task', async () => {
    const rec = await advise(
      workload({ services: [web({ replicas: 1, needs: { ephemeralStorageGiB: 50 } })] }),
    );
    expect(total(lines(rec, 'ecs-fargate', (l) => l.priceId === 'fargate:ephemeral-gb'))).toBe('2.43');
  });

  it('#16 ECR with 50 GB stored: $5.00', async () => {
    const rec = await advise(workload({ registryStorageGB: 50 }));
    expect(total(lines(rec, 'ecs-fargate', (l) => l.priceId === 'ecr:gb-month'))).toBe('5.00');
  });
});
