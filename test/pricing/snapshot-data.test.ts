import { describe, expect, it } from 'vitest';
import { loadFargateSizes } from '../../src/pricing/fargate-sizes.js';
import { findInstanceType, loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { listSnapshotRegions, SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';

/** Hand-checked against AWS's published list prices, with the provenance in data/SOURCES.md. */
describe('committed data/', () => {
  it('holds the instance catalog with hand-checked specs', () => {
    const catalog = loadInstanceCatalog();
    expect(catalog).toHaveLength(1379);
    expect(findInstanceType('m5.large')).toMatchObject({
      vcpu: 2,
      memoryMiB: 8192,
      architecture: 'x86_64',
      maxPodsEks: 29,
      enis: 3,
      ipv4PerEni: 10,
      burstable: false,
    });
    expect(findInstanceType('t3.medium')).toMatchObject({ burstable: true, maxPodsEks: 17 });
    expect(findInstanceType('g4dn.xlarge')).toMatchObject({
      gpuCount: 1,
      gpuModel: 'NVIDIA T4',
      acceleratorCount: 0,
    });
    expect(findInstanceType('m7g.large')?.architecture).toBe('arm64');
    expect(findInstanceType('inf2.xlarge')).toMatchObject({
      acceleratorCount: 1,
      gpuCount: 0,
      gpuModel: null,
    });
    expect(findInstanceType('mac2.metal')).toBeUndefined();
  });

  it('holds 117 Fargate sizes, from 0.25 vCPU / 512 MiB to 16 vCPU / 120 GiB', () => {
    const sizes = loadFargateSizes();
    expect(sizes).toHaveLength(117);
    expect(sizes.filter((s) => s.os === 'linux')).toHaveLength(74);
    expect(sizes[0]).toEqual({ cpuUnits: 256, vcpu: 0.25, memoryMiB: 512, os: 'linux' });
    expect(sizes).toContainEqual({ cpuUnits: 16384, vcpu: 16, memoryMiB: 122880, os: 'linux' });
  });

  it('prices us-east-1 with the hand-checked figures', async () => {
    const ids = [
      'ec2:m5.large',
      'ec2:m7g.large',
      'ec2:g4dn.xlarge',
      'fargate:x86_64:linux:vcpu',
      'fargate:x86_64:linux:gb',
      'eks:cluster-standard',
    ];
    const { prices, warnings } = await new SnapshotPriceSource().getPrices('us-east-1', ids);
    expect(warnings).toEqual([]);
    expect(Object.fromEntries([...prices].map(([id, p]) => [id, p.usd]))).toEqual({
      'ec2:m5.large': '0.096',
      'ec2:m7g.large': '0.0816',
      'ec2:g4dn.xlarge': '0.526',
      'fargate:x86_64:linux:vcpu': '0.04048',
      'fargate:x86_64:linux:gb': '0.004445',
      'eks:cluster-standard': '0.10',
    });
    expect(prices.get('ec2:m5.large')).toMatchObject({
      asOf: '2026-07-20',
      origin: 'snapshot',
      confirmed: true,
    });
  });

  it('prices Fargate in eu-central-1 and has no Fargate arm64 there', async () => {
    const ids = ['fargate:x86_64:linux:vcpu', 'fargate:x86_64:linux:gb', 'fargate:arm64:linux:vcpu'];
    const { prices } = await new SnapshotPriceSource().getPrices('eu-central-1', ids);
    expect(prices.get('fargate:x86_64:linux:vcpu')?.usd).toBe('0.04656');
    expect(prices.get('fargate:x86_64:linux:gb')?.usd).toBe('0.00511');
    expect(prices.has('fargate:arm64:linux:vcpu')).toBe(false);
  });

  it('indexes 30 regions, each with a price file', async () => {
    const regions = listSnapshotRegions();
    expect(regions).toHaveLength(30);
    const usEast1 = regions.find((r) => r.region === 'us-east-1');
    expect(usEast1?.ec2Prices).toBe(1367);
    expect(regions.find((r) => r.region === 'eu-west-1')?.missing).toContain('fargate:arm64:linux:vcpu');
    const source = new SnapshotPriceSource();
    for (const { region } of regions) {
      expect((await source.getPrices(region, [])).warnings).toEqual([]);
    }
  });
});
