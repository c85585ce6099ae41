import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AwsPriceListSource,
  type AwsPriceListSourceOptions,
} from '../../src/pricing/aws-price-list-source.js';
import { type BreakerChange, CircuitBreaker } from '../../src/pricing/circuit-breaker.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import {
  createTestPricingClient,
  type FakePriceListServer,
  type FakeProduct,
  useFakePriceListServer,
} from '../helpers/fake-price-list-server.js';
import { ec2Item, priceListItem, usageItem } from '../helpers/price-list-items.js';
import { makeTempDir } from '../helpers/temp-dir.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A snapshot with values unlike any live price, so a test can tell where a price came from. */
function snapshot(): SnapshotPriceSource {
  const dir = makeTempDir('berth-live-');
  mkdirSync(path.join(dir, 'prices'));
  const price = (usd: string, unit: string) => ({
    usd,
    unit,
    source: 'snapshot fixture',
    asOf: null,
    confirmed: true,
  });
  const prices = {
    'ec2:m5.large': price('0.999', 'instance-hour'),
    'ec2:m5.xlarge': price('1.999', 'instance-hour'),
    'fargate:x86_64:linux:vcpu': price('0.777', 'vCPU-hour'),
  };
  writeFileSync(path.join(dir, 'prices', 'us-east-1.json'), JSON.stringify({ region: 'us-east-1', prices }));
  return new SnapshotPriceSource({ dataDir: dir });
}

function liveSource(
  server: FakePriceListServer,
  options: AwsPriceListSourceOptions = {},
): AwsPriceListSource {
  return new AwsPriceListSource({
    client: createTestPricingClient(server),
    fallback: snapshot(),
    timeoutMs: 2000,
    retryBaseMs: 1,
    ...options,
  });
}

const ec2 = (item: Record<string, unknown>): FakeProduct => ({ serviceCode: 'AmazonEC2', item });
const ecs = (usagetype: string, usd: string, region = 'us-east-1'): FakeProduct => ({
  serviceCode: 'AmazonECS',
  item: usageItem('AmazonECS', 'Compute', region, usagetype, usd, 'hours'),
});

/** m5.large in us-east-1 among SKUs that only the seven EC2 filters tell apart (different prices). */
const EC2_PRODUCTS: FakeProduct[] = [
  ec2(ec2Item('m5.large', 'us-east-1', '0.0960000000', {}, '6C86BEPQVG73ZGGR')),
  ec2(ec2Item('m5.large', 'eu-central-1', '0.1150000000')),
  ec2(ec2Item('m5.large', 'us-east-1', '0.1880000000', { operatingSystem: 'Windows' }, 'WINDOWS')),
  ec2(ec2Item('m5.large', 'us-east-1', '0.1010000000', { tenancy: 'Dedicated' }, 'DEDICATED')),
  ec2(ec2Item('m5.large', 'us-east-1', '0.1200000000', { preInstalledSw: 'SQL Web' }, 'SQLWEB')),
  ec2(
    ec2Item(
      'm5.large',
      'us-east-1',
      '0.0960000000',
      { capacitystatus: 'UnusedCapacityReservation' },
      'UNUSED',
    ),
  ),
  ec2(
    ec2Item(
      'm5.large',
      'us-east-1',
      '0.0000000000',
      { capacitystatus: 'AllocatedCapacityReservation' },
      'ALLOC',
    ),
  ),
  ec2(ec2Item('m5.large', 'us-east-1', '0.1880000000', { licenseModel: 'Bring your own license' }, 'BYOL')),
  ec2(ec2Item('m5.xlarge', 'us-east-1', '0.1920000000')),
];

describe('AwsPriceListSource', () => {
  it('prices an EC2 type live with the real SDK client and the seven exact filters', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const { prices, warnings } = await liveSource(server).getPrices('us-east-1', ['ec2:m5.large']);
    expect(warnings).toEqual([]);
    expect(prices.get('ec2:m5.large')).toEqual({
      id: 'ec2:m5.large',
      region: 'us-east-1',
      usd: '0.0960000000',
      unit: 'instance-hour',
      source: 'AWS Price List API (GetProducts AmazonEC2, sku 6C86BEPQVG73ZGGR)',
      asOf: '2026-03-20',
      confirmed: true,
      origin: 'live',
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.target).toBe('AWSPriceListService.GetProducts');
    expect(request?.contentType).toBe('application/x-amz-json-1.1');
    expect(request?.body.ServiceCode).toBe('AmazonEC2');
    expect(request?.body.FormatVersion).toBe('aws_v1');
    expect(request?.body.Filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'm5.large' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
      { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
      { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
      { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      { Type: 'TERM_MATCH', Field: 'licenseModel', Value: 'No License required' },
    ]);
  });

  it("reads each EC2 type's currentGeneration from its live product, and none from the cache", async () => {
    const server = await useFakePriceListServer({
      products: [
        ec2(ec2Item('m7g.large', 'us-east-1', '0.0816000000')),
        // EC2 reports A1 as previous generation (CurrentGeneration false); the Price List says "No".
        ec2(ec2Item('a1.medium', 'us-east-1', '0.0255000000', { currentGeneration: 'No' })),
        ec2(ec2Item('m5.large', 'us-east-1', '0.0960000000', { currentGeneration: '' })),
        ecs('Fargate-vCPU-Hours:perCPU', '0.0404800000'),
      ],
    });
    const source = liveSource(server);
    const ids = ['ec2:a1.medium', 'fargate:x86_64:linux:vcpu', 'ec2:m5.large', 'ec2:m7g.large'];
    const live = await source.fetchPrices('us-east-1', ids);
    expect(live.failures).toEqual(new Map());
    // In the order asked; m5.large's product has no usable value, so it is left out rather than guessed.
    expect([...live.currentGeneration]).toEqual([
      ['a1.medium', false],
      ['m7g.large', true],
    ]);
    const cached = await source.fetchPrices('us-east-1', ids);
    expect(cached.prices.get('ec2:a1.medium')?.origin).toBe('cache');
    expect(cached.currentGeneration).toEqual(new Map());
  });

  it('tells Fargate x86 from ARM, Windows and Spot by exact usage type, in one query', async () => {
    const server = await useFakePriceListServer({
      products: [
        ecs('USE1-Fargate-ARM-vCPU-Hours:perCPU', '0.0323800000'),
        ecs('USE1-Fargate-ARM-GB-Hours', '0.0035600000'),
        ecs('USE1-Fargate-Windows-vCPU-Hours:perCPU', '0.0914800000'),
        ecs('USE1-SpotUsage-Fargate-vCPU-Hours:perCPU', '0.0126435500'),
        ecs('USE1-SpotUsage:Fargate-GB-Hours', '0.0013883500'),
        ecs('USE1-Fargate-vCPU-Hours:perCPU', '0.0404800000'),
        ecs('USE1-Fargate-GB-Hours', '0.0044450000'),
        ecs('EUC1-Fargate-vCPU-Hours:perCPU', '0.0465600000', 'eu-central-1'),
      ],
    });
    const ids = [
      'fargate:x86_64:linux:vcpu',
      'fargate:x86_64:linux:gb',
      'fargate:arm64:linux:vcpu',
      'fargate:arm64:linux:gb',
      'fargate:x86_64:windows:vcpu',
      'fargate-spot:x86_64:linux:vcpu',
      'fargate-spot:x86_64:linux:gb',
    ];
    const live = await liveSource(server).fetchPrices('us-east-1', ids);
    expect(Object.fromEntries([...live.prices].map(([id, p]) => [id, p.usd]))).toEqual({
      'fargate:x86_64:linux:vcpu': '0.0404800000',
      'fargate:x86_64:linux:gb': '0.0044450000',
      'fargate:arm64:linux:vcpu': '0.0323800000',
      'fargate:arm64:linux:gb': '0.0035600000',
      'fargate:x86_64:windows:vcpu': '0.0914800000',
      'fargate-spot:x86_64:linux:vcpu': '0.0126435500',
      'fargate-spot:x86_64:linux:gb': '0.0013883500',
    });
    expect(live.prices.get('fargate:x86_64:linux:gb')?.unit).toBe('GB-hour');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body.Filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Compute' },
    ]);
  });

  it('prices EKS extended support as perCluster plus the surcharge, and ALB hours without the trust store', async () => {
    const eks = (usagetype: string, usd: string): FakeProduct => ({
      serviceCode: 'AmazonEKS',
      item: usageItem('AmazonEKS', 'Compute', 'us-east-1', usagetype, usd, 'Hours'),
    });
    const elb = (usagetype: string, usd: string): FakeProduct => ({
      serviceCode: 'AWSELB',
      item: usageItem('AWSELB', 'Load Balancer-Application', 'us-east-1', usagetype, usd),
    });
    const server = await useFakePriceListServer({
      products: [
        eks('USE1-AmazonEKS-Hours:perCluster', '0.1000000000'),
        eks('USE1-AmazonEKS-Hours:extendedSupport', '0.5000000000'),
        elb('TS-LoadBalancerUsage', '0.0050000000'),
        elb('LoadBalancerUsage', '0.0225000000'),
        elb('LCUUsage', '0.0080000000'),
      ],
    });
    const ids = ['eks:cluster-standard', 'eks:cluster-extended', 'alb:hour', 'alb:lcu-hour'];
    const live = await liveSource(server).fetchPrices('us-east-1', ids);
    expect(live.failures).toEqual(new Map());
    expect(live.prices.get('eks:cluster-standard')?.usd).toBe('0.1000000000');
    expect(live.prices.get('eks:cluster-extended')).toMatchObject({
      usd: '0.6',
      unit: 'cluster-hour',
      source: expect.stringMatching(/^AWS Price List API \(GetProducts AmazonEKS, sku \w+ \+ \w+\)$/),
    });
    expect(live.prices.get('alb:hour')?.usd).toBe('0.0225000000');
    expect(live.prices.get('alb:lcu-hour')?.usd).toBe('0.0080000000');
  });

  it('retries throttling with backoff and then succeeds', async () => {
    const server = await useFakePriceListServer({
      products: EC2_PRODUCTS,
      reply: (_, index) => (index < 2 ? { kind: 'throttle' } : undefined),
    });
    const { prices, warnings } = await liveSource(server).getPrices('us-east-1', ['ec2:m5.large']);
    expect(server.requests).toHaveLength(3);
    expect(warnings).toEqual([]);
    expect(prices.get('ec2:m5.large')).toMatchObject({ usd: '0.0960000000', origin: 'live' });
  });

  it('stops after maxAttempts of 5xx errors and falls back to the snapshot, saying why', async () => {
    const server = await useFakePriceListServer({
      products: EC2_PRODUCTS,
      reply: () => ({ kind: 'error', status: 500, type: 'InternalErrorException', message: 'boom' }),
    });
    const { prices, warnings } = await liveSource(server, { maxAttempts: 2 }).getPrices('us-east-1', [
      'ec2:m5.large',
    ]);
    expect(server.requests).toHaveLength(2);
    expect(prices.get('ec2:m5.large')).toMatchObject({ usd: '0.999', origin: 'snapshot' });
    expect(warnings).toEqual([
      'live prices unavailable for ec2:m5.large: InternalErrorException: boom (2 attempts); using the snapshot',
    ]);
  });

  it('does not retry an error that a retry cannot fix', async () => {
    const server = await useFakePriceListServer({
      products: EC2_PRODUCTS,
      reply: () => ({ kind: 'error', status: 400, type: 'InvalidParameterException', message: 'bad filter' }),
    });
    const { warnings } = await liveSource(server).getPrices('us-east-1', ['ec2:m5.large']);
    expect(server.requests).toHaveLength(1);
    expect(warnings[0]).toContain('InvalidParameterException: bad filter (1 attempt); using the snapshot');
  });

  it('gives up on a server that never answers, within the deadline, and skips the remaining queries', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS, reply: () => ({ kind: 'hang' }) });
    const source = liveSource(server, { timeoutMs: 50, maxAttempts: 2, concurrency: 1 });
    const ids = ['ec2:m5.large', 'ec2:m5.xlarge', 'fargate:x86_64:linux:vcpu'];
    const { prices, warnings } = await source.getPrices('us-east-1', ids);
    // Two attempts for the first query; once the API is known to be down, the others are not sent.
    expect(server.requests).toHaveLength(2);
    expect([...prices.values()].map((p) => [p.id, p.usd, p.origin])).toEqual([
      ['ec2:m5.large', '0.999', 'snapshot'],
      ['ec2:m5.xlarge', '1.999', 'snapshot'],
      ['fargate:x86_64:linux:vcpu', '0.777', 'snapshot'],
    ]);
    expect(warnings).toEqual([
      'live prices unavailable for ec2:m5.large: no answer within 50 ms (2 attempts); using the snapshot',
      'live prices unavailable for ec2:m5.xlarge, fargate:x86_64:linux:vcpu: ' +
        'not asked, the Price List API already failed: no answer within 50 ms (2 attempts); using the snapshot',
    ]);
  });

  it('skips malformed entries, reports them, and still prices from the good one', async () => {
    const attributes = { instanceType: 'm5.large', regionCode: 'us-east-1' };
    const broken = (item: string): FakeProduct => ({
      serviceCode: 'AmazonEC2',
      item,
      attributes: {
        ...attributes,
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
        licenseModel: 'No License required',
      },
    });
    const server = await useFakePriceListServer({
      products: [
        broken('{"product": '),
        broken('{"product":{"sku":"X","attributes":{}},"terms":{}}'),
        ...EC2_PRODUCTS,
      ],
    });
    const { prices, warnings } = await liveSource(server).getPrices('us-east-1', ['ec2:m5.large']);
    expect(prices.get('ec2:m5.large')).toMatchObject({ usd: '0.0960000000', origin: 'live' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^skipped 2 malformed Price List entries for AmazonEC2 in us-east-1: page 1, entry 1: entry is not valid JSON .*; page 1, entry 2: terms\.OnDemand: /,
    );
  });

  it('leaves an id the API does not have to the fallback, and invents nothing when the fallback lacks it too', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const source = liveSource(server);
    const { prices, warnings } = await source.getPrices('us-east-1', [
      'ec2:m5.large',
      'ec2:m9.huge',
      'nat:hour',
    ]);
    expect([...prices.keys()]).toEqual(['ec2:m5.large']);
    expect(prices.get('ec2:m5.large')?.origin).toBe('live');
    expect(warnings).toEqual([
      'live prices unavailable for ec2:m9.huge: no AmazonEC2 product has a usage type matching ' +
        '/^(?:[A-Z]{2,4}\\d-|EU-)?BoxUsage:m9\\.huge$/ in us-east-1; using the snapshot',
      'live prices unavailable for nat:hour: no AmazonEC2 product has a usage type matching ' +
        '/^(?:[A-Z]{2,4}\\d-|EU-)?NatGateway-Hours$/ in us-east-1; using the snapshot',
    ]);
  });

  it('refuses to choose between matching products with different prices', async () => {
    const server = await useFakePriceListServer({
      products: [
        ec2(ec2Item('m5.large', 'us-east-1', '0.0960000000', {}, 'AAA')),
        ec2(ec2Item('m5.large', 'us-east-1', '0.1000000000', {}, 'BBB')),
      ],
    });
    const live = await liveSource(server).fetchPrices('us-east-1', ['ec2:m5.large']);
    expect(live.prices.size).toBe(0);
    expect(live.failures.get('ec2:m5.large')).toEqual({
      kind: 'ambiguous',
      reason: expect.stringContaining('differ in price (AAA 0.0960000000, BBB 0.1000000000)'),
    });
  });

  it('follows NextToken across pages', async () => {
    const server = await useFakePriceListServer({
      pageSize: 2,
      products: [
        ecs('USE1-Fargate-Windows-vCPU-Hours:perCPU', '0.09148'),
        ecs('USE1-Fargate-ARM-vCPU-Hours:perCPU', '0.03238'),
        ecs('USE1-Fargate-ARM-GB-Hours', '0.00356'),
        ecs('USE1-Fargate-EphemeralStorage-GB-Hours', '0.000111'),
        ecs('USE1-Fargate-vCPU-Hours:perCPU', '0.04048'),
      ],
    });
    const live = await liveSource(server).fetchPrices('us-east-1', [
      'fargate:x86_64:linux:vcpu',
      'fargate:ephemeral-gb',
    ]);
    expect(live.prices.get('fargate:x86_64:linux:vcpu')?.usd).toBe('0.04048');
    expect(live.prices.get('fargate:ephemeral-gb')?.usd).toBe('0.000111');
    expect(server.requests.map((r) => r.body.NextToken === undefined)).toEqual([true, false, false]);
    expect(new Set(server.requests.map((r) => r.body.NextToken)).size).toBe(3);
  });

  it('answers from the disk cache within the TTL and asks the API again after it', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const cacheDir = makeTempDir();
    const t0 = Date.parse('2026-10-01T00:00:00Z');
    const at = (ms: number) => liveSource(server, { cacheDir, now: () => ms, ttlMs: 60 * 60 * 1000 });

    const first = await at(t0).getPrices('us-east-1', ['ec2:m5.large']);
    expect(first.prices.get('ec2:m5.large')?.origin).toBe('live');
    expect(server.requests).toHaveLength(1);
    const file = JSON.parse(readFileSync(path.join(cacheDir, 'us-east-1.json'), 'utf8'));
    expect(file.entries['ec2:m5.large']).toMatchObject({ fetchedAt: '2026-10-01T00:00:00.000Z' });

    // A new source (a new process) within the TTL: read from disk, no request.
    const second = await at(t0 + 59 * 60 * 1000).getPrices('us-east-1', ['ec2:m5.large']);
    expect(second.prices.get('ec2:m5.large')).toMatchObject({ usd: '0.0960000000', origin: 'cache' });
    expect(server.requests).toHaveLength(1);

    const third = await at(t0 + 61 * 60 * 1000).getPrices('us-east-1', ['ec2:m5.large']);
    expect(third.prices.get('ec2:m5.large')?.origin).toBe('live');
    expect(server.requests).toHaveLength(2);
  });

  it('answers a repeated lookup from memory without a disk cache', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const source = liveSource(server);
    await source.getPrices('us-east-1', ['ec2:m5.large']);
    const again = await source.getPrices('us-east-1', ['ec2:m5.large']);
    expect(again.prices.get('ec2:m5.large')?.origin).toBe('cache');
    expect(server.requests).toHaveLength(1);
  });

  it('ignores a broken cache file with a warning', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const cacheDir = makeTempDir();
    writeFileSync(
      path.join(cacheDir, 'us-east-1.json'),
      '{"region":"us-east-1","entries":{"ec2:m5.large":{}}}',
    );
    const { prices, warnings } = await liveSource(server, { cacheDir }).getPrices('us-east-1', [
      'ec2:m5.large',
    ]);
    expect(prices.get('ec2:m5.large')?.origin).toBe('live');
    expect(warnings).toEqual([expect.stringMatching(/^price cache .*us-east-1\.json ignored: /)]);
  });

  it('falls back without calling the API when there are no AWS credentials', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    // Leave the SDK's default credential chain nothing to find (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html).
    const missing = makeTempDir();
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    ]) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(missing, 'credentials'));
    vi.stubEnv('AWS_CONFIG_FILE', path.join(missing, 'config'));
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    const source = new AwsPriceListSource({ endpoint: server.url, fallback: snapshot(), retryBaseMs: 1 });
    const { prices, warnings } = await source.getPrices('us-east-1', [
      'ec2:m5.large',
      'fargate:x86_64:linux:vcpu',
    ]);
    expect(server.requests).toHaveLength(0);
    expect(prices.get('ec2:m5.large')).toMatchObject({ usd: '0.999', origin: 'snapshot' });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^live prices unavailable for ec2:m5\.large, fargate:x86_64:linux:vcpu: no AWS credentials found \(1 attempt\); using the snapshot$/,
      ),
    ]);
  });

  it('sends nothing for an id the Price List cannot answer or a malformed region', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const source = liveSource(server);
    const unknownId = await source.fetchPrices('us-east-1', ['gcp:n2-standard-2']);
    expect(unknownId.failures.get('gcp:n2-standard-2')?.kind).toBe('unsupported');
    const badRegion = await source.getPrices('../etc', ['ec2:m5.large']);
    expect(badRegion.prices.size).toBe(0);
    expect(badRegion.warnings[0]).toBe(
      'live prices unavailable for ec2:m5.large: "../etc" is not a region code; using the snapshot',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('finds both management fees by instance type: Auto Mode under AmazonEKS, Managed Instances under AmazonECS', async () => {
    // Usage type names here are fixtures: the query matches on the filters, whatever the usage type.
    const fee = (serviceCode: string, sku: string, attributes: Record<string, string>, usd: string) => ({
      serviceCode,
      item: priceListItem({
        sku,
        serviceCode,
        productFamily: 'Compute',
        attributes: { regionCode: 'us-east-1', servicecode: serviceCode, ...attributes },
        dimensions: [{ usd, unit: 'Hrs' }],
      }),
    });
    const server = await useFakePriceListServer({
      products: [
        fee(
          'AmazonEKS',
          'AUTOM5LARGE',
          {
            eksproducttype: 'AutoMode',
            operation: 'EKSAutoUsage',
            instancetype: 'm5.large',
            usagetype: 'USE1-fixture-automode:m5.large',
          },
          '0.0115200000',
        ),
        fee(
          'AmazonEKS',
          'AUTOM5XLARGE',
          {
            eksproducttype: 'AutoMode',
            operation: 'EKSAutoUsage',
            instancetype: 'm5.xlarge',
            usagetype: 'USE1-fixture-automode:m5.xlarge',
          },
          '0.0230400000',
        ),
        fee(
          'AmazonEKS',
          'HYBRID',
          { eksproducttype: 'HybridNodes', operation: 'HybridNodesUsage', usagetype: 'USE1-fixture-hybrid' },
          '0.0200000000',
        ),
        fee(
          'AmazonECS',
          'MIM5LARGE',
          {
            operation: 'ECSManagedInstancesUsage',
            instanceType: 'm5.large',
            usagetype: 'USE1-fixture-managed:m5.large',
          },
          '0.0110000000',
        ),
      ],
    });
    const ids = [
      'eks-auto-mode-fee:m5.large',
      'ecs-managed-instances-fee:m5.large',
      'eks-auto-mode-fee:c5.large',
    ];
    const live = await liveSource(server).fetchPrices('us-east-1', ids);
    expect(live.prices.get('eks-auto-mode-fee:m5.large')).toMatchObject({
      usd: '0.0115200000',
      unit: 'instance-hour',
      source: 'AWS Price List API (GetProducts AmazonEKS, sku AUTOM5LARGE)',
    });
    expect(live.prices.get('ecs-managed-instances-fee:m5.large')).toMatchObject({
      usd: '0.0110000000',
      source: 'AWS Price List API (GetProducts AmazonECS, sku MIM5LARGE)',
    });
    // No product for c5.large: missing, never another type's fee.
    expect(live.prices.has('eks-auto-mode-fee:c5.large')).toBe(false);
    expect(live.failures.has('eks-auto-mode-fee:c5.large')).toBe(true);
    const autoRequest = server.requests.find((r) =>
      r.body.Filters?.some((f) => f.Field === 'instancetype' && f.Value === 'm5.large'),
    );
    expect(autoRequest?.body).toMatchObject({ ServiceCode: 'AmazonEKS' });
    expect(autoRequest?.body.Filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'instancetype', Value: 'm5.large' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
      { Type: 'TERM_MATCH', Field: 'eksproducttype', Value: 'AutoMode' },
      { Type: 'TERM_MATCH', Field: 'operation', Value: 'EKSAutoUsage' },
    ]);
  });
});

describe('AwsPriceListSource: a failing API, remembered across lookups', () => {
  const IDS = ['ec2:m5.large', 'fargate:x86_64:linux:vcpu'];

  it('opens the shared breaker on a hang, then answers from the snapshot without calling', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS, reply: () => ({ kind: 'hang' }) });
    const changes: BreakerChange[] = [];
    const breaker = new CircuitBreaker({ onStateChange: (c) => changes.push(c) });
    // Two sources, as two requests of a server would hold, sharing one breaker.
    const first = liveSource(server, { timeoutMs: 100, maxAttempts: 1, breaker });
    const second = liveSource(server, { timeoutMs: 100, maxAttempts: 1, breaker });
    const one = await first.getPrices('us-east-1', IDS);
    expect(server.requests).toHaveLength(2);
    expect(one.prices.get('ec2:m5.large')).toMatchObject({ usd: '0.999', origin: 'snapshot' });
    expect(breaker.state).toBe('open');
    const two = await second.getPrices('us-east-1', IDS);
    expect(server.requests).toHaveLength(2);
    expect(two.prices.get('fargate:x86_64:linux:vcpu')).toMatchObject({ usd: '0.777', origin: 'snapshot' });
    expect(two.warnings).toEqual([
      expect.stringMatching(
        /^live prices unavailable for ec2:m5\.large, fargate:x86_64:linux:vcpu: circuit open after 2 timeouts .*; using the snapshot$/,
      ),
    ]);
    expect(changes.map((c) => c.to)).toEqual(['open']);
  });

  it('opens on a burst of 5xx: the retries of one lookup are enough, and the next lookup sends nothing', async () => {
    const server = await useFakePriceListServer({
      products: EC2_PRODUCTS,
      reply: () => ({ kind: 'error', status: 503, type: 'ServiceUnavailableException', message: 'down' }),
    });
    const breaker = new CircuitBreaker({ failureThreshold: 5 });
    const source = liveSource(server, { breaker, concurrency: 1 });
    await source.getPrices('us-east-1', IDS);
    // 3 attempts of the first query; the second query is not sent once the source is known down.
    expect(server.requests).toHaveLength(3);
    expect(breaker.state).toBe('closed');
    await source.getPrices('us-east-1', IDS);
    expect(server.requests).toHaveLength(5);
    expect(breaker.state).toBe('open');
    const third = await source.getPrices('us-east-1', IDS);
    expect(server.requests).toHaveLength(5);
    expect(third.warnings[0]).toMatch(/circuit open after 5 failures within 10000 ms/);
  });

  it('waits at most waitMs, then answers from the snapshot; while a call hangs, lookups add none', async () => {
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS, reply: () => ({ kind: 'hang' }) });
    const source = liveSource(server, { timeoutMs: 60_000, waitMs: 50 });
    const first = await source.getPrices('us-east-1', IDS);
    expect(first.prices.get('ec2:m5.large')).toMatchObject({ origin: 'snapshot' });
    expect(first.warnings).toEqual([
      'live prices unavailable for ec2:m5.large, fargate:x86_64:linux:vcpu: no answer within 50 ms ' +
        '(a later answer is cached for the next request); using the snapshot',
    ]);
    expect(server.requests).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await source.getPrices('us-east-1', IDS);
    expect(server.requests).toHaveLength(2);
    expect(second.warnings[0]).toMatch(/not asked: the Price List API has left a call unanswered for \d+ ms/);
  });

  it('caches an answer that arrives after the wait, for the next lookup', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = await useFakePriceListServer({ products: EC2_PRODUCTS });
    const client = createTestPricingClient(server);
    const slowClient = {
      send: async (...args: Parameters<typeof client.send>) => {
        await gate;
        return client.send(...args);
      },
    } as typeof client;
    const source = liveSource(server, { client: slowClient, waitMs: 20 });
    const first = await source.getPrices('us-east-1', ['ec2:m5.large']);
    expect(first.prices.get('ec2:m5.large')).toMatchObject({ origin: 'snapshot' });
    release();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    await vi.waitFor(async () => {
      const next = await source.getPrices('us-east-1', ['ec2:m5.large']);
      expect(next.prices.get('ec2:m5.large')).toMatchObject({ usd: '0.0960000000', origin: 'cache' });
    });
  });

  it("never repeats the SDK's own words: a garbage answer is described plainly", async () => {
    const server = await useFakePriceListServer({
      products: EC2_PRODUCTS,
      reply: () => ({ kind: 'garbage' }),
    });
    const { prices, warnings } = await liveSource(server).getPrices('us-east-1', ['ec2:m5.large']);
    expect(prices.get('ec2:m5.large')).toMatchObject({ origin: 'snapshot' });
    expect(warnings).toEqual([
      'live prices unavailable for ec2:m5.large: the Price List API answered HTTP 200 with a body that is ' +
        'not valid JSON (1 attempt); using the snapshot',
    ]);
    expect(warnings.join('')).not.toMatch(/\$response|hidden field|Deserialization|<html>/);
  });
});
