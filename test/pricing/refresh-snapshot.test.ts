import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPricesCommand } from '../../src/cli/prices-command.js';
import { AwsPriceListSource } from '../../src/pricing/aws-price-list-source.js';
import { refreshSnapshot } from '../../src/pricing/refresh-snapshot.js';
import {
  InstanceTypesFileSchema,
  RegionPricesFileSchema,
  RegionsIndexFileSchema,
} from '../../src/pricing/snapshot-files.js';
import {
  createTestPricingClient,
  type FakePriceListServer,
  type FakeProduct,
  useFakePriceListServer,
} from '../helpers/fake-price-list-server.js';
import { ec2Item, usageItem } from '../helpers/price-list-items.js';
import { makeTempDir } from '../helpers/temp-dir.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function source(server: FakePriceListServer): AwsPriceListSource {
  return new AwsPriceListSource({ client: createTestPricingClient(server), retryBaseMs: 1, maxAttempts: 2 });
}

const PRODUCTS: FakeProduct[] = [
  { serviceCode: 'AmazonEC2', item: ec2Item('m5.large', 'eu-central-1', '0.1150000000', {}, 'M5LARGEEUC1') },
  {
    serviceCode: 'AmazonECS',
    item: usageItem(
      'AmazonECS',
      'Compute',
      'eu-central-1',
      'EUC1-Fargate-vCPU-Hours:perCPU',
      '0.0465600000',
      'hours',
    ),
  },
  {
    serviceCode: 'AmazonECS',
    item: usageItem('AmazonECS', 'Compute', 'eu-central-1', 'EUC1-Fargate-GB-Hours', '0.0051100000', 'hours'),
  },
];

/** m5.large as the catalog describes it (data/instance-types.json). */
const M5_LARGE = {
  name: 'm5.large',
  family: 'm5',
  size: 'large',
  vcpu: 2,
  memoryMiB: 8192,
  architecture: 'x86_64',
  gpuCount: 0,
  gpuModel: null,
  acceleratorCount: 0,
  maxPodsEks: 29,
  enis: 3,
  ipv4PerEni: 10,
  burstable: false,
  currentGeneration: null,
};

/** A data folder whose eu-central-1 file holds a price that must not survive a refresh. */
function dataDir(): string {
  const dir = makeTempDir('berth-refresh-');
  mkdirSync(path.join(dir, 'prices'));
  const old = { usd: '9.99', unit: 'instance-hour', source: 'old', asOf: null, confirmed: false };
  writeFileSync(
    path.join(dir, 'prices', 'eu-central-1.json'),
    JSON.stringify({ region: 'eu-central-1', prices: { 'ec2:c5.large': old } }),
  );
  writeFileSync(
    path.join(dir, 'regions.json'),
    JSON.stringify({
      provenance: { sources: [], notes: 'test' },
      regions: { 'us-east-1': { ec2Prices: 3, present: [], missing: [] } },
    }),
  );
  return dir;
}

describe('refreshSnapshot', () => {
  it('rewrites the region file from live prices only and updates the index', async () => {
    const server = await useFakePriceListServer({ products: PRODUCTS });
    const outDir = dataDir();
    const report = await refreshSnapshot({
      region: 'eu-central-1',
      outDir,
      source: source(server),
      instanceTypes: ['m5.large', { name: 'm9.huge' }],
    });
    expect(report.errors).toEqual(new Map());
    expect(report.notOffered).toContain('ec2:m9.huge');
    expect(report.notOffered).toContain('eks:cluster-standard');
    expect(report.file).toBe(path.join(outDir, 'prices', 'eu-central-1.json'));
    const written = RegionPricesFileSchema.parse(JSON.parse(readFileSync(report.file!, 'utf8')));
    expect(Object.keys(written.prices)).toEqual([
      'ec2:m5.large',
      'fargate:x86_64:linux:gb',
      'fargate:x86_64:linux:vcpu',
    ]);
    expect(written.prices['ec2:m5.large']).toEqual({
      usd: '0.1150000000',
      unit: 'instance-hour',
      source: 'AWS Price List API (GetProducts AmazonEC2, sku M5LARGEEUC1)',
      asOf: '2026-03-20',
      confirmed: true,
    });
    const index = RegionsIndexFileSchema.parse(
      JSON.parse(readFileSync(path.join(outDir, 'regions.json'), 'utf8')),
    );
    expect(Object.keys(index.regions)).toEqual(['eu-central-1', 'us-east-1']);
    expect(index.regions['eu-central-1']).toMatchObject({
      ec2Prices: 1,
      present: ['fargate:x86_64:linux:vcpu', 'fargate:x86_64:linux:gb'],
    });
  });

  it("records each type's currentGeneration in the folder's instance catalog, keeping what the API did not say", async () => {
    const server = await useFakePriceListServer({
      products: [
        ...PRODUCTS,
        // EC2 reports every A1 size as previous generation; the Price List says "No". (Price not asserted.)
        {
          serviceCode: 'AmazonEC2',
          item: ec2Item('a1.large', 'eu-central-1', '0.0582000000', { currentGeneration: 'No' }),
        },
      ],
    });
    const outDir = dataDir();
    const unknown = { ...M5_LARGE, currentGeneration: null };
    const types = [
      { ...unknown, name: 'a1.large', family: 'a1', architecture: 'arm64' },
      unknown,
      { ...unknown, name: 'm5.xlarge', size: 'xlarge', vcpu: 4, memoryMiB: 16384, currentGeneration: true },
    ];
    const catalog = {
      provenance: { sources: [{ file: 'ec2-instance-types.csv' }], notes: 'test' },
      instanceTypes: types,
    };
    writeFileSync(path.join(outDir, 'instance-types.json'), JSON.stringify(catalog));
    const report = await refreshSnapshot({
      region: 'eu-central-1',
      outDir,
      source: source(server),
      instanceTypes: ['a1.large', 'm5.large'],
    });
    const file = path.join(outDir, 'instance-types.json');
    expect(report.currentGeneration).toEqual({ known: 2, updated: 2, file });
    const written = InstanceTypesFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(written.instanceTypes.map((t) => [t.name, t.currentGeneration])).toEqual([
      ['a1.large', false],
      ['m5.large', true],
      ['m5.xlarge', true],
    ]);
    expect(written.instanceTypes[1]).toEqual({ ...M5_LARGE, currentGeneration: true });
    expect(written.provenance.sources).toEqual([
      { file: 'ec2-instance-types.csv' },
      expect.objectContaining({ field: 'currentGeneration', regions: ['eu-central-1'] }),
    ]);
  });

  it('writes no instance catalog where the folder has none', async () => {
    const server = await useFakePriceListServer({ products: PRODUCTS });
    const outDir = dataDir();
    const report = await refreshSnapshot({
      region: 'eu-central-1',
      outDir,
      source: source(server),
      instanceTypes: ['m5.large'],
    });
    expect(report.file).not.toBeNull();
    expect(report.currentGeneration).toEqual({ known: 1, updated: 0, file: null });
    expect(existsSync(path.join(outDir, 'instance-types.json'))).toBe(false);
  });

  it('writes nothing when the instance catalog is broken', async () => {
    const server = await useFakePriceListServer({ products: PRODUCTS });
    const outDir = dataDir();
    writeFileSync(path.join(outDir, 'instance-types.json'), '{"provenance":');
    const before = readFileSync(path.join(outDir, 'prices', 'eu-central-1.json'), 'utf8');
    const refresh = refreshSnapshot({
      region: 'eu-central-1',
      outDir,
      source: source(server),
      instanceTypes: ['m5.large'],
    });
    await expect(refresh).rejects.toMatchObject({ code: 'PRICE_DATA_INVALID' });
    expect(readFileSync(path.join(outDir, 'prices', 'eu-central-1.json'), 'utf8')).toBe(before);
  });

  it('writes nothing and reports the failed ids when the API fails, without using the snapshot', async () => {
    const server = await useFakePriceListServer({ products: PRODUCTS, reply: () => ({ kind: 'throttle' }) });
    const outDir = dataDir();
    const before = readFileSync(path.join(outDir, 'prices', 'eu-central-1.json'), 'utf8');
    const report = await refreshSnapshot({
      region: 'eu-central-1',
      outDir,
      source: source(server),
      instanceTypes: ['m5.large'],
    });
    expect(report.file).toBeNull();
    expect(report.prices).toBe(0);
    expect(report.errors.get('ec2:m5.large')).toBe('ThrottlingException: Rate exceeded (2 attempts)');
    expect(report.errors.size).toBe(31); // m5.large and the 30 non-EC2 ids the Price List can answer
    expect(readFileSync(path.join(outDir, 'prices', 'eu-central-1.json'), 'utf8')).toBe(before);
  });
});

describe('runPricesCommand', () => {
  function io() {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: (s: string) => {
          out.stdout += s;
        },
        stderr: (s: string) => {
          out.stderr += s;
        },
      },
    };
  }

  it('refreshes a region through the endpoint given and exits 0', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    const server = await useFakePriceListServer({ products: PRODUCTS });
    const outDir = dataDir();
    const { out, io: streams } = io();
    const argv = ['refresh', '--region', 'eu-central-1', '--out', outDir, '--endpoint', server.url];
    const code = await runPricesCommand([...argv, '--instance-types', 'm5.large'], streams);
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    expect(out.stdout).toContain(`wrote ${path.join(outDir, 'prices', 'eu-central-1.json')}: 3 prices`);
    expect(out.stdout).toContain('not offered in eu-central-1 (no product in the Price List): 28 ids');
    expect(out.stdout).toContain(
      `currentGeneration of 1 instance types not recorded: no instance catalog in ${outDir} lists them`,
    );
    expect(server.requests.every((r) => r.authorization?.includes('Credential=test/'))).toBe(true);
  });

  it('exits 1 and says why when prices fail', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    const server = await useFakePriceListServer({
      products: PRODUCTS,
      reply: () => ({
        kind: 'error',
        status: 403,
        type: 'AccessDeniedException',
        message: 'no pricing:GetProducts',
      }),
    });
    const { out, io: streams } = io();
    const argv = ['refresh', '--region', 'eu-central-1', '--out', dataDir(), '--endpoint', server.url];
    expect(await runPricesCommand([...argv, '--instance-types', 'm5.large'], streams)).toBe(1);
    expect(out.stderr).toContain('prices refresh failed: 31 prices could not be fetched; nothing written');
    expect(out.stderr).toContain('AccessDeniedException: no pricing:GetProducts (1 attempt)');
  });

  it('exits 2 with the usage on bad arguments', async () => {
    const cases = [
      ['refresh'],
      ['refresh', '--region', 'Frankfurt'],
      ['update', '--region', 'us-east-1'],
      ['refresh', '--region', 'us-east-1', '--bogus'],
      ['refresh', '--region', 'us-east-1', '--timeout-ms', 'soon'],
    ];
    for (const argv of cases) {
      const { out, io: streams } = io();
      expect(await runPricesCommand(argv, streams), argv.join(' ')).toBe(2);
      expect(out.stderr, argv.join(' ')).toMatch(/^prices( refresh)?: invalid|^prices: unknown command/);
    }
    const { out, io: streams } = io();
    expect(await runPricesCommand(['--help'], streams)).toBe(0);
    expect(out.stdout).toContain('Usage: berth prices refresh --region REGION');
  });
});
