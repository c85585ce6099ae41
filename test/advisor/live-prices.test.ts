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
import { createTestPricingClient, useFakePriceListServer } from '../helpers/fake-price-list-server.js';
import { usageItem } from '../helpers/price-list-items.js';
import { EXAMPLES_DIR } from '../helpers/workloads.js';

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
});
