/**
 * advise() and `berth recommend --prices live` on live prices: the real AWS SDK client against the local
 * fake Price List endpoint, which serves Fargate at a price the snapshot does not have, so the test can
 * tell which source every line used.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { runCli } from '../../src/cli/main.js';
import { AwsPriceListSource } from '../../src/pricing/aws-price-list-source.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { createTestPricingClient, useFakePriceListServer } from '../helpers/fake-price-list-server.js';
import { ec2Item, priceListItem, usageItem } from '../helpers/price-list-items.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const FARGATE = [
  {
    serviceCode: 'AmazonECS',
    item: usageItem('AmazonECS', 'Compute', 'us-east-1', 'USE1-Fargate-vCPU-Hours:perCPU', '0.05'),
  },
  {
    serviceCode: 'AmazonECS',
    item: usageItem('AmazonECS', 'Compute', 'us-east-1', 'USE1-Fargate-GB-Hours', '0.005'),
  },
];
const workload = {
  network: { natGateways: 0 },
  services: [{ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 }],
};

describe('live prices', () => {
  it('prices lines from the Price List API and the rest from the snapshot, saying which is which', async () => {
    const server = await useFakePriceListServer({ products: FARGATE });
    const priceSource = new AwsPriceListSource({ client: createTestPricingClient(server), retryBaseMs: 1 });
    const rec = await advise(workload, { priceSource });
    const lines = rec.candidates.find((c) => c.id === 'ecs-fargate')!.cost!.lineItems;
    // 2 tasks × 730 h × 1 vCPU × $0.05 = $73; 2 × 730 × 2 GB × $0.005 = $14.60.
    expect(lines.slice(0, 2).map((l) => [l.unitPriceUsd, l.monthlyUsd, l.priceOrigin])).toEqual([
      ['0.05', '73', 'live'],
      ['0.005', '14.6', 'live'],
    ]);
    expect(rec.pricing.source).toBe('live');
    expect(rec.pricing.origins).toEqual(['live', 'snapshot']);
    // What the fake did not serve came from the snapshot, and the response says so.
    expect(rec.warnings.map((w) => w.message).join('\n')).toMatch(/snapshot/);
    expect(server.requests.every((r) => r.target === 'AWSPriceListService.GetProducts')).toBe(true);
  });

  it('berth recommend --prices live uses the endpoint and credentials from the environment', async () => {
    const server = await useFakePriceListServer({ products: FARGATE });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('AWS_REGION', 'us-east-1');
    let stdout = '';
    const code = await runCli(
      [
        'recommend',
        join(EXAMPLES_DIR, 's01-small-web-app.yaml'),
        '--prices',
        'live',
        '--prices-endpoint',
        server.url,
        '-f',
        'json',
      ],
      { stdout: (s) => (stdout += s), stderr: () => {} },
    );
    vi.unstubAllEnvs();
    expect(code).toBe(0);
    const rec = JSON.parse(stdout);
    expect(rec.pricing.source).toBe('live');
    const vcpu = rec.candidates[0].cost.lineItems[0];
    // S1: 2 tasks × 0.25 vCPU × 730 h at the live $0.05.
    expect([vcpu.unitPriceUsd, vcpu.monthlyUsd, vcpu.priceOrigin]).toEqual(['0.05', '18.25', 'live']);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it("fills a thin region's gaps from the API and says which lines came from it (ap-south-1)", async () => {
    // Made-up prices, unlike any in the snapshot, so each line shows where it came from. APS3 is
    // ap-south-1's usage-type prefix (docs/pricing.md#usage-types-and-region-prefixes).
    const products = [
      {
        serviceCode: 'AmazonEC2',
        item: ec2Item('c5.large', 'ap-south-1', '0.1', { usagetype: 'APS3-BoxUsage:c5.large' }),
      },
      {
        // The EKS system node group's type (deployment/system-nodes.ts).
        serviceCode: 'AmazonEC2',
        item: ec2Item('t3.medium', 'ap-south-1', '0.05', { usagetype: 'APS3-BoxUsage:t3.medium' }),
      },
      {
        serviceCode: 'AWSELB',
        item: usageItem(
          'AWSELB',
          'Load Balancer-Application',
          'ap-south-1',
          'APS3-LoadBalancerUsage',
          '0.03',
        ),
      },
      {
        serviceCode: 'AWSELB',
        item: usageItem('AWSELB', 'Load Balancer-Application', 'ap-south-1', 'APS3-LCUUsage', '0.01'),
      },
      {
        // The nodes' root volumes are billed at the gp2 rate (costs/root-volumes.ts).
        serviceCode: 'AmazonEC2',
        item: priceListItem({
          sku: 'APS3GP2',
          serviceCode: 'AmazonEC2',
          productFamily: 'Storage',
          attributes: {
            regionCode: 'ap-south-1',
            usagetype: 'APS3-EBS:VolumeUsage.gp2',
            volumeApiName: 'gp2',
            servicecode: 'AmazonEC2',
          },
          dimensions: [{ usd: '0.2', unit: 'GB-Mo' }],
        }),
      },
      // CloudWatch, which the snapshot prices in us-east-1 only.
      ...[
        ['APS3-DataProcessing-Bytes', '0.5'],
        ['APS3-TimedStorage-ByteHrs', '0.03'],
        ['APS3-CW:MetricMonitorUsage', '0.3'],
      ].map(([usagetype, usd]) => ({
        serviceCode: 'AmazonCloudWatch',
        item: usageItem('AmazonCloudWatch', 'Metric', 'ap-south-1', usagetype!, usd!),
      })),
    ];
    const server = await useFakePriceListServer({ products });
    const priceSource = new AwsPriceListSource({ client: createTestPricingClient(server), retryBaseMs: 1 });
    const s01 = readWorkloadFile(join(EXAMPLES_DIR, 's01-small-web-app.yaml')) as Record<string, unknown>;
    const rec = await advise({ ...s01, region: 'ap-south-1' }, { priceSource });

    const ec2 = rec.candidates.find((c) => c.id === 'ecs-ec2')!.cost!;
    expect(
      ec2.lineItems.filter((l) => l.priceOrigin === 'live').map((l) => [l.priceId, l.monthlyUsd]),
    ).toEqual([
      ['ec2:c5.large', '146'], // 2 nodes × 730 h × $0.1
      ['ebs:gp2-gb-month', '12'], // 2 nodes × 30 GiB root volume × $0.2
      ['alb:hour', '21.9'], // 730 h × $0.03
      ['alb:lcu-hour', '7.3'], // 730 LCU-h × $0.01
      ['logs:ingest-gb', '1'], // 2 tasks × 1 GB × $0.50
      ['logs:storage-gb-month', '0.0591780822'], // 2 GB × 30 days / (730 / 24) × $0.03
      ['cloudwatch:metric-month', '8.7'], // (16 + 13) Container Insights metrics × $0.30
    ]);
    // + NAT 730 h × $0.056 = $40.88 and 3 IPv4 addresses 2190 h × $0.005 = $10.95, from the snapshot:
    // 227.03 + root volumes 12.00 (2 nodes × 30 GiB × $0.2) + CloudWatch 9.7591780822.
    expect([ec2.monthlyUsd, ec2.complete]).toEqual(['248.7891780822', true]);
    const fargate = rec.candidates.find((c) => c.id === 'ecs-fargate')!;
    // 365 vCPU-h × $0.04256 + 730 GB-h × $0.004655 + 21.9 + 7.3 + 40.88 + 10.95 + CloudWatch 9.7591780822.
    expect(fargate.cost!.monthlyUsd).toBe('109.7217280822');
    // Both complete now: compared, and the fleet costs $139.07 more.
    expect(rec.candidates.find((c) => c.id === 'ecs-ec2')!.monthlyDeltaUsd).toBe('139.06745');

    expect(rec.pricing.coverage).toMatchObject({
      complete: true,
      missingPriceIds: [],
      filledLive: [
        'alb:hour',
        'alb:lcu-hour',
        'cloudwatch:metric-month',
        'ebs:gp2-gb-month',
        'ec2:c5.large',
        'ec2:t3.medium',
        'logs:ingest-gb',
        'logs:storage-gb-month',
      ],
      fleetPriceReference: 'us-east-1',
    });
    expect(rec.pricing.coverage.statement).toBe(
      'ap-south-1: the snapshot prices 45 of 1379 EC2 instance types (no type without GPUs or accelerators), ' +
        'no ALB or ECR. EC2 instance types were chosen by their us-east-1 price, whose order regional prices ' +
        'follow closely (docs/pricing.md). From the live Price List API, where the snapshot has none: ' +
        'alb:hour, alb:lcu-hour, cloudwatch:metric-month, ebs:gp2-gb-month, ec2:c5.large, ec2:t3.medium, ' +
        'logs:ingest-gb, logs:storage-gb-month.',
    );
  });
  it('bills the Auto Mode and Managed Instances fees at the live price of each fleet type (S16)', async () => {
    // Made-up fees, unlike the assumed 12 % of on-demand, so each line shows where it came from. The usage
    // type names of these products are not known (docs/aws-managed-nodes.md#prices): the Auto Mode
    // fixtures carry one, the Managed Instances ones none, and the filters alone must find both.
    const fee = (serviceCode: string, type: string, attributes: Record<string, string>, usd: string) => ({
      serviceCode,
      item: priceListItem({
        sku: `${serviceCode}-${type}`,
        serviceCode,
        productFamily: 'Compute',
        attributes: { regionCode: 'us-east-1', servicecode: serviceCode, ...attributes },
        dimensions: [{ usd, unit: 'Hrs' }],
      }),
    });
    const auto = (type: string, usd: string) =>
      fee(
        'AmazonEKS',
        type,
        {
          eksproducttype: 'AutoMode',
          operation: 'EKSAutoUsage',
          instancetype: type,
          usagetype: `USE1-fixture-automode:${type}`,
        },
        usd,
      );
    const managed = (type: string, usd: string) =>
      fee('AmazonECS', type, { operation: 'ECSManagedInstancesUsage', instanceType: type }, usd);
    const server = await useFakePriceListServer({
      products: [
        auto('g4dn.2xlarge', '0.09'),
        auto('c6a.large', '0.01'),
        managed('g4dn.2xlarge', '0.08'),
        managed('m7a.medium', '0.005'),
      ],
    });
    const priceSource = new AwsPriceListSource({ client: createTestPricingClient(server), retryBaseMs: 1 });
    // The heuristic fleet, the same on every run (the budgeted optimizer's depends on machine load).
    const rec = await advise(readWorkloadFile(join(EXAMPLES_DIR, 's16-gpu-low-operations.yaml')), {
      priceSource,
      fleetSolver: heuristicFleetSolver,
    });
    const feeLines = (id: string) =>
      rec.candidates
        .find((c) => c.id === id)!
        .cost!.lineItems.filter((l) => l.priceId?.includes('-fee:'))
        .map((l) => [l.priceId, l.unitPriceUsd, l.monthlyUsd, l.priceOrigin, l.confirmed]);
    // Each fleet runs two instances of each type always on: 2 × 730 h = 1460 instance-hours a type.
    expect(feeLines('eks-auto-mode')).toEqual([
      ['eks-auto-mode-fee:c6a.large', '0.01', '14.6', 'live', true], // 1460 × $0.01
      ['eks-auto-mode-fee:g4dn.2xlarge', '0.09', '131.4', 'live', true], // 1460 × $0.09
    ]);
    expect(feeLines('ecs-managed-instances')).toEqual([
      ['ecs-managed-instances-fee:g4dn.2xlarge', '0.08', '116.8', 'live', true], // 1460 × $0.08
      ['ecs-managed-instances-fee:m7a.medium', '0.005', '7.3', 'live', true], // 1460 × $0.005
    ]);
    // Confirmed fees: neither candidate says its fee is an assumption, as both do on the snapshot
    // (scenarios.test.ts, S16), and the explanation drops "assumed at a share of the on-demand price".
    for (const id of ['eks-auto-mode', 'ecs-managed-instances']) {
      const notes = rec.candidates.find((c) => c.id === id)!.cost!.notes;
      expect(notes.length).toBeGreaterThan(0);
      expect(notes.join('\n')).not.toContain('management fee is an assumption');
    }
    expect(rec.explanation).not.toContain('assumed at a share of the on-demand price');
    expect(rec.pricing.origins).toEqual(['live', 'snapshot']);
  });
});
