/**
 * ECS Managed Instances spread a service of several tasks over at least 3 instances in different Availability
 * Zones where the subnets allow it, ahead of bin packing
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-auto-scaling.html): a workload
 * that declares three zones gets a Managed Instances fleet of its own with that spread; one of two zones shares
 * ECS on EC2's. Worked by hand at the snapshot's us-east-1 prices.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';

afterAll(() => stopSolverThread());

/** `web`, `replicas` tasks of 1 vCPU / 2 GiB all week, in `zones` Availability Zones. */
async function candidates(zones: number, replicas = 3) {
  const answer = await recommend(zones, replicas);
  const of = (id: string) => answer.candidates.find((c) => c.id === id)!;
  return { ec2: of('ecs-ec2'), managed: of('ecs-managed-instances') };
}

function recommend(zones: number, replicas = 3) {
  return advise({
    name: 'spread',
    region: 'us-east-1',
    network: { availabilityZones: zones },
    services: [{ name: 'web', cpu: 1, memory: '2 GiB', replicas }],
  });
}

const tasksPerNode = (c: Awaited<ReturnType<typeof candidates>>['ec2']) =>
  c.cost!.fleet!.placement.map((n) => n.tasks.reduce((sum, t) => sum + t.count, 0)).sort();

describe('ECS Managed Instances and the zones of the workload', () => {
  it('in two zones, share the ECS on EC2 fleet: at most 2 of the 3 tasks an instance', async () => {
    // m5a.large (2 vCPU, $0.086) holds 2 tasks and m7a.medium (1 vCPU, $0.05796) the third: $0.14396/h.
    const { ec2, managed } = await candidates(2);
    expect(tasksPerNode(managed)).toEqual([1, 2]);
    expect(managed.cost!.fleet!.peak).toEqual(ec2.cost!.fleet!.peak);
    expect(
      managed.cost!.notes.some((n) => n.includes('they are sized for the 2 zones this workload declares')),
    ).toBe(true);
  });

  it('in three zones, one task an instance: 3 × m7a.medium, billed with its fee', async () => {
    // At most ceil(3 / 3) = 1 task an instance: three m7a.medium (1 vCPU, 4 GiB) are the cheapest, 3 × 730 =
    // 2,190 instance-hours a month: 2,190 × $0.05796 = $126.9324, and the Managed Instances fee, 12 % of the
    // On-Demand price ($0.0069552), 2,190 × $0.0069552 = $15.231888. ECS on EC2 keeps its 2 + 1.
    const { ec2, managed } = await candidates(3);
    expect(tasksPerNode(ec2)).toEqual([1, 2]);
    expect(tasksPerNode(managed)).toEqual([1, 1, 1]);
    expect(managed.cost!.fleet!.peak).toEqual([{ instanceType: 'm7a.medium', count: 3 }]);
    const line = (id: string) => managed.cost!.lineItems.find((l) => l.priceId === id);
    expect(line('ec2:m7a.medium')).toMatchObject({ quantity: '2190', monthlyUsd: '126.9324' });
    expect(line('ecs-managed-instances-fee:m7a.medium')).toMatchObject({
      quantity: '2190',
      monthlyUsd: '15.231888',
    });
    expect(managed.cost!.notes.some((n) => n.includes('with the 3 zones this workload declares'))).toBe(true);
  });

  it('in three zones, keeps a 4-task service on at least three instances', async () => {
    // A cap of ceil(4 / 3) = 2 tasks an instance alone would let 2 + 2 fit on two instances (a trial found
    // that inside a larger fleet). The cap is also at most floor((4 − 1) / (3 − 1)) = 1, so one task an instance:
    // 4 × m7a.medium, 2,920 instance-hours, 2,920 × $0.05796 = $169.2432 and a fee of 2,920 × $0.0069552 =
    // $20.309184. One more instance than AWS's 2 + 1 + 1 over three zones needs: no cap gives exactly that.
    const { managed } = await candidates(3, 4);
    expect(tasksPerNode(managed)).toEqual([1, 1, 1, 1]);
    const line = (id: string) => managed.cost!.lineItems.find((l) => l.priceId === id);
    expect(line('ec2:m7a.medium')).toMatchObject({ quantity: '2920', monthlyUsd: '169.2432' });
    expect(line('ecs-managed-instances-fee:m7a.medium')).toMatchObject({
      quantity: '2920',
      monthlyUsd: '20.309184',
    });
  });

  it('asks the starter code for subnets in as many zones as were priced', async () => {
    const text = (zones: number) =>
      recommend(zones).then((rec) =>
        generateIac(rec, 'terraform', { candidate: 'ecs-managed-instances' })
          .files.map((f) => f.contents)
          .join('\n'),
      );
    expect(await text(3)).toContain('length(var.private_subnet_ids) >= 3');
    expect(await text(3)).toContain('Give private subnets in at least 3 Availability Zones.');
    expect(await text(2)).toContain('length(var.private_subnet_ids) >= 2');
  });
});
