/**
 * The cost lines issue 17's audit found wrong or missing, each reproduced on an example through Berth's
 * own cost model and checked against a figure worked by hand (the arithmetic is in each comment).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { gp3VolumeLines } from '../../src/costs/ebs.js';
import { priceLine } from '../../src/costs/line.js';
import type { LineItem } from '../../src/model/cost.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { formatCents, sumMoney, toMoney } from '../../src/pricing/money.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const example = (file: string) => advise(readWorkloadFile(join(EXAMPLES_DIR, file)) as WorkloadInput);

function linesOf(rec: Recommendation, id: CandidateId, pick: (l: LineItem) => boolean): LineItem[] {
  const c = rec.candidates.find((x) => x.id === id);
  if (!c?.cost) throw new Error(`${id} has no cost`);
  return c.cost.lineItems.filter(pick);
}
const total = (items: readonly LineItem[]) => formatCents(sumMoney(items.map((l) => toMoney(l.monthlyUsd!))));

describe('Windows on Fargate', () => {
  it('s07 bills the OS licence on top of the vCPU and GB rates: $537.28 a month', async () => {
    const rec = await example('s07-windows-dotnet.yaml');
    const licence = linesOf(rec, 'ecs-fargate', (l) => l.priceId === 'fargate:windows:os-license-vcpu');
    // 4 services × 2 tasks × 2 vCPU × 730 h = 11,680 vCPU-hours × $0.046 = $537.28.
    expect(licence).toHaveLength(4);
    expect(sumMoney(licence.map((l) => toMoney(l.quantity))).toString()).toBe('11680');
    expect(total(licence)).toBe('537.28');
  });
});

describe('dedicated tenancy', () => {
  it('s09 bills the regional Dedicated Instances fee once on every EC2 candidate: $1,460.00 a month', async () => {
    const rec = await example('s09-dedicated-hosts.yaml');
    const withFleet = rec.candidates.filter((c) => c.cost?.fleet);
    expect(withFleet.length).toBeGreaterThan(0);
    for (const c of withFleet) {
      const fee = linesOf(rec, c.id, (l) => l.priceId === 'dedicated:region-fee-hour');
      // 730 h × $2 = $1,460.00, one fee per region however many instances.
      expect(fee).toHaveLength(1);
      expect(total(fee)).toBe('1460.00');
      // No AWS page states the rate (docs/pricing.md#dedicated-instances-regional-fee): the output says so.
      expect(fee[0]?.confirmed).toBe(false);
      expect(fee[0]?.description).toContain('unconfirmed on an AWS page');
    }
  });
});

describe('EBS volumes', () => {
  it('prices an ECS Fargate task volume, which the generated Terraform creates: $8.00 a month', async () => {
    const rec = await advise({
      services: [
        {
          name: 'cache',
          cpu: 1,
          memory: '2 GiB',
          replicas: 2,
          needs: { persistentVolume: { sizeGiB: 50, durable: false } },
        },
      ],
    } as WorkloadInput);
    const volume = linesOf(rec, 'ecs-fargate', (l) => l.priceId?.startsWith('ebs:') === true);
    // 2 tasks × 730 h = 1,460 task-hours = 2 volume-months × 50 GB = 100 GB-months × $0.08 = $8.00.
    expect(volume.map((l) => l.priceId)).toEqual(['ebs:gp3-gb-month']);
    expect(volume[0]!.quantity).toBe('100');
    expect(total(volume)).toBe('8.00');
    expect(rec.candidates.find((c) => c.id === 'ecs-fargate')!.cost!.complete).toBe(true);
  });

  it('bills gp3 IOPS and throughput above the 3,000 IOPS / 125 MB/s baseline', async () => {
    const lookup = await new SnapshotPriceSource().getPrices('us-east-1', [
      'ebs:gp3-gb-month',
      'ebs:gp3-iops-month',
      'ebs:gp3-mbps-month',
    ]);
    const specs = gp3VolumeLines({
      service: 'db',
      description: 'db volume',
      volumeMonths: toMoney(1),
      sizeGiB: 40,
      iops: 4000,
      throughputMBps: 130,
    });
    // infracost's golden, us-east-1: 40 GB × $0.08 = $3.20; 1,000 IOPS × $0.005 = $5.00; 5 MB/s × $0.04 = $0.20.
    expect(specs.map((s) => formatCents(toMoney(priceLine(s, lookup).monthlyUsd!)))).toEqual([
      '3.20',
      '5.00',
      '0.20',
    ]);
    // At the baseline only the GB-months are billed.
    expect(
      gp3VolumeLines({ service: 'db', description: '', volumeMonths: toMoney(1), sizeGiB: 40 }),
    ).toHaveLength(1);
  });
});

describe('root volumes of EC2 nodes', () => {
  it('s01 bills each node root volume at its AMI default size', async () => {
    const rec = await example('s01-small-web-app.yaml');
    const root = (id: CandidateId) =>
      linesOf(rec, id, (l) => l.priceId === 'ebs:gp2-gb-month' && l.category === 'storage');
    // ECS: 2 nodes × 730 h = 1,460 instance-hours × 30 GiB / 730 = 60 GB-months × $0.10 = $6.00.
    expect(root('ecs-ec2').map((l) => l.quantity)).toEqual(['60']);
    expect(total(root('ecs-ec2'))).toBe('6.00');
    // EKS: the fleet's 2 nodes and the 2 system nodes, 20 GiB each: 40 + 40 GB-months × $0.10 = $8.00.
    expect(root('eks-ec2').map((l) => l.quantity)).toEqual(['40', '40']);
    expect(total(root('eks-ec2'))).toBe('8.00');
  });

  it('every EC2 candidate of every example has a root-volume line', async () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml'));
    expect(files).toHaveLength(11);
    for (const file of files) {
      const rec = await example(file);
      for (const c of rec.candidates.filter((x) => x.cost?.fleet)) {
        const root = linesOf(rec, c.id, (l) => l.description.includes('root volumes'));
        expect(root.length, `${file} ${c.id}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('break-even', () => {
  it('counts a Fargate Spot task once, at the rate it is bought at', async () => {
    const rec = await advise({
      services: [{ name: 'worker', cpu: 1, memory: '2 GiB', replicas: 10, interruptible: true }],
    } as WorkloadInput);
    const ecs = rec.breakEven.find((b) => b.orchestrator === 'ecs');
    expect(ecs).toBeDefined();
    // Steady at 10 tasks: Fargate's bill is its cost at the peak, so utilisation is exactly 100 %
    // (1 on-demand base task + 9 Spot, not on-demand + Spot rates for all 10).
    expect(ecs!.utilisation).toBe(1);
  });

  it('draws no break-even from s07, whose Windows fleet has no Windows price', async () => {
    const rec = await example('s07-windows-dotnet.yaml');
    expect(rec.breakEven).toEqual([]);
  });
});
