import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildData } from '../../scripts/data/build.js';
import { InputDataError } from '../../scripts/data/csv-table.js';
import {
  FargateSizesFileSchema,
  InstanceTypesFileSchema,
  RegionPricesFileSchema,
  RegionsIndexFileSchema,
} from '../../src/pricing/snapshot-files.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A tiny hand-written input in the format of ../shared/aws-data (never read from there). */
const FIXTURE: Record<string, string> = {
  'ec2-instance-types.csv': [
    'instance_type,family,size,vcpu,memory_mib,architecture,gpu_count,gpu_model,accelerator_count,max_pods_eks,enis,ipv4_per_eni,current_generation,burstable',
    'm5.large,m5,large,2,8192,x86_64,0,,,29,3,10,true,false',
    'g3s.xlarge,g3s,xlarge,4,31232,x86_64,1,NVIDIA M60,,58,,,,false',
    'inf2.xlarge,inf2,xlarge,4,16384,x86_64,0,,1,58,4,15,,false',
    't4g.micro,t4g,micro,2,1024,arm64,0,,,4,2,2,,true',
    '',
  ].join('\n'),
  'fargate-sizes.csv': [
    'cpu_units,vcpu,memory_mib,os',
    '1024,1,2048,windows',
    '256,0.25,512,linux',
    '256,0.25,1024,linux',
    '',
  ].join('\n'),
  'ec2-prices-linux-ondemand.csv': [
    'region,instance_type,usd_per_hour,source',
    'eu-west-1,m5.large,0.107,ChaseFreeman17/ec2-cheaper-finder@104f716:data/regions/eu-west-1.json',
    'eu-west-1,m5a.large,0.096,skypilot-org/skypilot-catalog@001367d:catalogs/v7/aws/vms.csv',
    'us-east-1,g3s.xlarge,0.75,aws/karpenter-provider-aws@6fc13b5:pkg/providers/pricing/zz_generated.pricing_aws.go',
    'us-east-1,m5.large,0.0960000000,aws/karpenter-provider-aws@6fc13b5:pkg/providers/pricing/zz_generated.pricing_aws.go',
    'us-west-2,inf2.xlarge,0.7582,tsaol/aws-gpu@77fcd9f:data/all_gpu_instances.js',
    '',
  ].join('\n'),
  'fargate-prices.csv': [
    'region,arch,os,usd_per_vcpu_hour,usd_per_gb_hour,spot_usd_per_vcpu_hour,spot_usd_per_gb_hour,source,as_of,confirmed',
    'us-east-1,x86_64,linux,0.04048,0.004445,0.01264355,0.00138835,infracost golden; spot: theuves/fgcalc@2c672a08:src/utils/data.js,2026-08-21,yes',
    'us-east-1,arm64,linux,0.03238,0.00356,,,https://www.vantage.sh/blog/fargate-pricing,,yes',
    'eu-west-1,x86_64,linux,0.04048,0.004445,,,theuves/fgcalc 2021,2021-01-14,no',
    '',
  ].join('\n'),
  'other-prices.csv': [
    'region,item,unit,usd,source,as_of,confirmed',
    'us-east-1,eks_cluster_standard,cluster-hour,0.10,infracost golden,2026-08-21,yes',
    'us-east-1,nat_gb,GB processed,0.045,infracost golden,2026-08-21,yes',
    '',
  ].join('\n'),
};

function writeFixture(overrides: Record<string, string> = {}): string {
  const dir = makeTempDir('berth-build-data-');
  for (const [name, content] of Object.entries({ ...FIXTURE, ...overrides })) {
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
}

const readPrices = (dir: string, region: string) =>
  readJson(dir, `prices/${region}.json`, RegionPricesFileSchema);

function buildErrors(from: string): string[] {
  try {
    buildData(from, makeTempDir('berth-build-data-'));
  } catch (error) {
    if (error instanceof InputDataError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the build to fail');
}

describe('build-data', () => {
  it('converts instance types with nulls for empty ENI cells and 0 for an empty accelerator count', () => {
    const out = makeTempDir('berth-build-data-');
    buildData(writeFixture(), out);
    const { instanceTypes, provenance } = readJson(out, 'instance-types.json', InstanceTypesFileSchema);
    expect(instanceTypes.map((t) => t.name)).toEqual(['g3s.xlarge', 'inf2.xlarge', 'm5.large', 't4g.micro']);
    expect(instanceTypes[0]).toEqual({
      name: 'g3s.xlarge',
      family: 'g3s',
      size: 'xlarge',
      vcpu: 4,
      memoryMiB: 31232,
      architecture: 'x86_64',
      gpuCount: 1,
      gpuModel: 'NVIDIA M60',
      acceleratorCount: 0,
      maxPodsEks: 58,
      enis: null,
      ipv4PerEni: null,
      burstable: false,
      currentGeneration: null,
    });
    expect(instanceTypes[1]).toMatchObject({ acceleratorCount: 1, gpuModel: null, enis: 4, ipv4PerEni: 15 });
    expect(instanceTypes.map((t) => t.currentGeneration)).toEqual([null, null, true, null]);
    expect(instanceTypes[3]).toMatchObject({ architecture: 'arm64', burstable: true, maxPodsEks: 4 });
    expect(provenance.sources[0]).toMatchObject({ file: 'ec2-instance-types.csv', rows: 4 });
  });

  it('reads current_generation as true, false or, when empty, unknown (null)', () => {
    const out = makeTempDir('berth-build-data-');
    const [header] = FIXTURE['ec2-instance-types.csv']!.split('\n');
    const csv = [
      header,
      // m1 is on https://aws.amazon.com/ec2/previous-generation/; m7g is current.
      'm1.small,m1,small,1,1740,x86_64,0,,,8,2,4,false,false',
      'm7g.large,m7g,large,2,8192,arm64,0,,,29,3,10,true,false',
      'a1.medium,a1,medium,1,2048,arm64,0,,,8,2,4,,false',
      '',
    ].join('\n');
    buildData(writeFixture({ 'ec2-instance-types.csv': csv }), out);
    const { instanceTypes } = readJson(out, 'instance-types.json', InstanceTypesFileSchema);
    expect(instanceTypes.map((t) => [t.name, t.currentGeneration])).toEqual([
      ['a1.medium', null],
      ['m1.small', false],
      ['m7g.large', true],
    ]);
    const md = readFileSync(path.join(out, 'SOURCES.md'), 'utf8');
    expect(md).toContain('`currentGeneration` is known for 2 of 3 types (1 current, 1 previous generation)');
  });

  it('orders Fargate sizes by OS, CPU and memory', () => {
    const out = makeTempDir('berth-build-data-');
    buildData(writeFixture(), out);
    expect(readJson(out, 'fargate-sizes.json', FargateSizesFileSchema).sizes).toEqual([
      { cpuUnits: 256, vcpu: 0.25, memoryMiB: 512, os: 'linux' },
      { cpuUnits: 256, vcpu: 0.25, memoryMiB: 1024, os: 'linux' },
      { cpuUnits: 1024, vcpu: 1, memoryMiB: 2048, os: 'windows' },
    ]);
  });

  it('writes one price file per region with the exact CSV strings and per-source as-of dates', () => {
    const out = makeTempDir('berth-build-data-');
    buildData(writeFixture(), out);
    const usEast1 = readPrices(out, 'us-east-1');
    expect(usEast1.region).toBe('us-east-1');
    expect(usEast1.prices['ec2:m5.large']).toEqual({
      usd: '0.0960000000',
      unit: 'instance-hour',
      source: 'aws/karpenter-provider-aws@6fc13b5:pkg/providers/pricing/zz_generated.pricing_aws.go',
      asOf: '2026-07-20',
      confirmed: true,
    });
    expect(usEast1.prices['fargate:x86_64:linux:vcpu']).toEqual({
      usd: '0.04048',
      unit: 'vCPU-hour',
      source: 'infracost golden',
      asOf: '2026-08-21',
      confirmed: true,
    });
    expect(usEast1.prices['fargate:arm64:linux:gb']).toMatchObject({ usd: '0.00356', asOf: null });
    expect(usEast1.prices['fargate-spot:x86_64:linux:gb']).toMatchObject({
      usd: '0.00138835',
      asOf: '2021-01-14',
      confirmed: false,
    });
    expect(usEast1.prices['nat:gb']).toEqual({
      usd: '0.045',
      unit: 'GB',
      source: 'infracost golden',
      asOf: '2026-08-21',
      confirmed: true,
    });
    expect(Object.keys(usEast1.prices)).toEqual([...Object.keys(usEast1.prices)].sort());
    const euWest1 = readPrices(out, 'eu-west-1');
    expect(euWest1.prices['ec2:m5.large']?.asOf).toBe('2026-09-04');
    expect(euWest1.prices['ec2:m5a.large']?.asOf).toBeNull();
    expect(euWest1.prices['fargate:x86_64:linux:vcpu']?.confirmed).toBe(false);
    expect(readPrices(out, 'us-west-2').prices['ec2:inf2.xlarge']?.asOf).toBe('2026-01-21');
  });

  it('indexes each region with its EC2 price count and the present and missing other ids', () => {
    const out = makeTempDir('berth-build-data-');
    buildData(writeFixture(), out);
    const { regions } = readJson(out, 'regions.json', RegionsIndexFileSchema);
    expect(Object.keys(regions)).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(regions['us-east-1']?.ec2Prices).toBe(2);
    expect(regions['us-east-1']?.present).toEqual([
      'fargate:x86_64:linux:vcpu',
      'fargate:x86_64:linux:gb',
      'fargate:arm64:linux:vcpu',
      'fargate:arm64:linux:gb',
      'fargate-spot:x86_64:linux:vcpu',
      'fargate-spot:x86_64:linux:gb',
      'fargate:windows:os-license-vcpu',
      'eks:cluster-standard',
      'eks:cluster-extended',
      'nat:gb',
      'vpc:public-ipv4-hour',
      'ebs:gp3-gb-month',
      'ebs:gp3-iops-month',
      'ebs:gp3-mbps-month',
      'ebs:gp2-gb-month',
      'dedicated:region-fee-hour',
      'vpc:gateway-endpoint-gb',
      'vpc:interface-endpoint-hour',
      'vpc:interface-endpoint-gb',
      'logs:ingest-gb',
      'logs:storage-gb-month',
      'cloudwatch:metric-month',
      'egress:internet-gb-first-10tb',
      'egress:internet-gb-next-40tb',
      'egress:internet-gb-next-100tb',
      'egress:internet-gb-over-150tb',
    ]);
    expect(regions['us-east-1']?.missing).toContain('alb:hour');
    // The noted and network prices (scripts/data/noted-prices.ts, network-prices.ts) go only to the region
    // their source names.
    expect(regions['us-west-2']?.missing).toContain('ebs:gp3-gb-month');
    expect(regions['us-west-2']?.missing).toContain('logs:ingest-gb');
    // Only the region-wide figures (scripts/data/region-wide-prices.ts) besides its one EC2 price.
    expect(regions['us-west-2']).toMatchObject({
      ec2Prices: 1,
      present: [
        'eks:cluster-standard',
        'eks:cluster-extended',
        'vpc:public-ipv4-hour',
        'vpc:gateway-endpoint-gb',
      ],
    });
  });

  it('adds the region-wide EKS and IPv4 figures to commercial regions lacking them, never over a CSV row or in GovCloud', () => {
    const out = makeTempDir('berth-build-data-');
    const ec2 = `${FIXTURE['ec2-prices-linux-ondemand.csv']}sa-east-1,inf2.xlarge,1.1,tsaol/aws-gpu@77fcd9f:data/all_gpu_instances.js\nus-gov-west-1,inf2.xlarge,0.9,tsaol/aws-gpu@77fcd9f:data/all_gpu_instances.js\n`;
    buildData(writeFixture({ 'ec2-prices-linux-ondemand.csv': ec2 }), out);
    // The CSV's own us-east-1 row stays, with its source and date.
    expect(readPrices(out, 'us-east-1').prices['eks:cluster-standard']).toMatchObject({
      usd: '0.10',
      source: 'infracost golden',
      asOf: '2026-08-21',
      confirmed: true,
    });
    const sa = readPrices(out, 'sa-east-1').prices;
    expect(sa['eks:cluster-standard']).toMatchObject({
      usd: '0.10',
      unit: 'cluster-hour',
      asOf: null,
      confirmed: false,
    });
    expect(sa['eks:cluster-standard']?.source).toMatch(/^https:\/\/aws\.amazon\.com\/eks\/pricing\//);
    // Its source names sa-east-1 for extended support: confirmed there, with the source's date.
    expect(sa['eks:cluster-extended']).toMatchObject({ usd: '0.60', asOf: '2026-09-18', confirmed: true });
    expect(readPrices(out, 'us-west-2').prices['eks:cluster-extended']?.confirmed).toBe(false);
    expect(sa['vpc:public-ipv4-hour']).toMatchObject({
      usd: '0.005',
      unit: 'address-hour',
      confirmed: false,
    });
    expect(Object.keys(readPrices(out, 'us-gov-west-1').prices)).toEqual(['ec2:inf2.xlarge']);
  });

  it('describes the output in SOURCES.md with computed gaps', () => {
    const out = makeTempDir('berth-build-data-');
    buildData(writeFixture(), out);
    const md = readFileSync(path.join(out, 'SOURCES.md'), 'utf8');
    expect(md).toContain('4 EC2 instance types (3 x86_64, 1 arm64)');
    expect(md).toContain('Regions with x86 Fargate but no arm64 price: `eu-west-1`.');
    expect(md).toContain('Priced but not in `instance-types.json`: `m5a.large`.');
  });

  it('gives byte-identical output for the same input and removes price files of vanished regions', () => {
    const from = writeFixture();
    const [a, b] = [makeTempDir('berth-build-data-'), makeTempDir('berth-build-data-')];
    mkdirSync(path.join(b, 'prices'));
    writeFileSync(path.join(b, 'prices', 'ap-south-1.json'), '{}');
    buildData(from, a);
    buildData(from, b);
    for (const file of [
      'instance-types.json',
      'fargate-sizes.json',
      'regions.json',
      'SOURCES.md',
      'prices/us-east-1.json',
    ]) {
      expect(readFileSync(path.join(b, file), 'utf8')).toBe(readFileSync(path.join(a, file), 'utf8'));
    }
    expect(existsSync(path.join(b, 'prices', 'ap-south-1.json'))).toBe(false);
  });

  it('reports every malformed row with its file and line', () => {
    const from = writeFixture({
      'ec2-prices-linux-ondemand.csv': [
        'region,instance_type,usd_per_hour,source',
        'us-east-1,m5.large,abc,aws/karpenter-provider-aws@6fc13b5:x.go',
        'us-east-1,m5.xlarge,0.192,someone/else@1234567:x.go',
        'us-east-1,m5.large,0.096',
        '',
      ].join('\n'),
    });
    const problems = buildErrors(from);
    const file = path.join(from, 'ec2-prices-linux-ondemand.csv');
    expect(problems).toEqual([`${file}:4: expected 4 fields, found 3`]);
  });

  it('reports bad values with the reason', () => {
    const from = writeFixture({
      'ec2-prices-linux-ondemand.csv': [
        'region,instance_type,usd_per_hour,source',
        'us-east-1,m5.large,abc,aws/karpenter-provider-aws@6fc13b5:x.go',
        'us-east-1,m5.xlarge,0.192,someone/else@1234567:x.go',
        'us-west-2-lax-1,m5.large,0.1,aws/karpenter-provider-aws@6fc13b5:x.go',
        '',
      ].join('\n'),
    });
    const file = path.join(from, 'ec2-prices-linux-ondemand.csv');
    expect(buildErrors(from)).toEqual([
      `${file}:2: usd_per_hour "abc" is not a non-negative decimal`,
      `${file}:3: source repository someone/else has no known as-of date`,
      `${file}:4: region "us-west-2-lax-1" is not a region code`,
    ]);
  });

  it('rejects a wrong header, a duplicate and inconsistent instance data', () => {
    const header = buildErrors(
      writeFixture({ 'fargate-sizes.csv': 'cpu,vcpu,memory_mib,os\n256,0.25,512,linux\n' }),
    );
    expect(header[0]).toMatch(/fargate-sizes\.csv:1: unexpected header "cpu,vcpu,memory_mib,os"/);
    const dup = buildErrors(
      writeFixture({
        'other-prices.csv': `${FIXTURE['other-prices.csv']}us-east-1,eks_cluster_standard,cluster-hour,0.10,x,,no\n`,
      }),
    );
    expect(dup).toEqual([
      expect.stringMatching(/other-prices\.csv:4: duplicate price us-east-1 eks:cluster-standard/),
    ]);
    const split = buildErrors(
      writeFixture({
        'ec2-instance-types.csv': `${FIXTURE['ec2-instance-types.csv']}m6.large,m5,large,2,8192,x86_64,0,,,29,3,,,false\n`,
      }),
    );
    expect(split).toEqual([
      expect.stringMatching(/ec2-instance-types\.csv:6: family "m5" and size "large" do not split/),
    ]);
    const generation = buildErrors(
      writeFixture({
        'ec2-instance-types.csv': `${FIXTURE['ec2-instance-types.csv']}m5.xlarge,m5,xlarge,4,16384,x86_64,0,,,58,4,15,Yes,false\n`,
      }),
    );
    expect(generation).toEqual([
      expect.stringMatching(/ec2-instance-types\.csv:6: current_generation "Yes" is not one of true, false$/),
    ]);
  });

  it('runs as a command with --from and --out, and exits 1 with file:line on bad input', async () => {
    const run = promisify(execFile);
    const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
    const out = makeTempDir('berth-build-data-');
    const ok = await run(tsx, ['scripts/build-data.ts', '--from', writeFixture(), '--out', out], {
      cwd: repoRoot,
    });
    expect(ok.stdout).toContain('4 instance types, 3 Fargate sizes, 41 prices in 3 regions');
    expect(readPrices(out, 'us-east-1').prices['ec2:m5.large']?.usd).toBe('0.0960000000');
    const bad = writeFixture({ 'fargate-sizes.csv': 'cpu_units,vcpu,memory_mib,os\n256,0.5,512,linux\n' });
    const failure = await run(
      tsx,
      ['scripts/build-data.ts', '--from', bad, '--out', makeTempDir('berth-build-data-')],
      {
        cwd: repoRoot,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain(
      `${path.join(bad, 'fargate-sizes.csv')}:2: cpu_units 256 is not vcpu 0.5 × 1024`,
    );
  });
});
