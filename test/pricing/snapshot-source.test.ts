import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { listSnapshotRegions, SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function price(usd: string) {
  return { usd, unit: 'instance-hour', source: 'test fixture', asOf: '2026-01-02', confirmed: true };
}

/** A data folder with us-east-1 and eu-west-1 price files (values unlike the real snapshot). */
function dataDir(): string {
  const dir = makeTempDir('berth-snapshot-');
  mkdirSync(path.join(dir, 'prices'));
  const write = (region: string, prices: object) =>
    writeFileSync(path.join(dir, 'prices', `${region}.json`), JSON.stringify({ region, prices }));
  write('us-east-1', {
    'ec2:m5.large': price('0.5'),
    'nat:hour': { ...price('0.25'), unit: 'gateway-hour' },
  });
  write('eu-west-1', { 'ec2:m5.large': price('0.75') });
  writeFileSync(
    path.join(dir, 'regions.json'),
    JSON.stringify({
      provenance: { sources: [], notes: '' },
      regions: { 'eu-west-1': { ec2Prices: 1, present: [], missing: ['nat:hour'] } },
    }),
  );
  return dir;
}

describe('SnapshotPriceSource', () => {
  it('answers the ids a region has, with origin snapshot, and leaves out the others', async () => {
    const source = new SnapshotPriceSource({ dataDir: dataDir() });
    const { prices, warnings } = await source.getPrices('us-east-1', [
      'ec2:m5.large',
      'ec2:x9.huge',
      'alb:hour',
    ]);
    expect(warnings).toEqual([]);
    expect([...prices.keys()]).toEqual(['ec2:m5.large']);
    expect(prices.get('ec2:m5.large')).toEqual({
      id: 'ec2:m5.large',
      region: 'us-east-1',
      usd: '0.5',
      unit: 'instance-hour',
      source: 'test fixture',
      asOf: '2026-01-02',
      confirmed: true,
      origin: 'snapshot',
    });
  });

  it('does not treat inherited object keys as price ids', async () => {
    const source = new SnapshotPriceSource({ dataDir: dataDir() });
    const { prices } = await source.getPrices('us-east-1', ['constructor', '__proto__', 'toString']);
    expect(prices.size).toBe(0);
  });

  it('reads a region only when first asked, then keeps it', async () => {
    const dir = dataDir();
    const source = new SnapshotPriceSource({ dataDir: dir });
    // Broken before the first query: if the constructor or the us-east-1 query read it, they would fail.
    writeFileSync(path.join(dir, 'prices', 'eu-west-1.json'), '{ not json');
    await expect(source.getPrices('us-east-1', ['ec2:m5.large'])).resolves.toMatchObject({ warnings: [] });
    await expect(source.getPrices('eu-west-1', ['ec2:m5.large'])).rejects.toThrow(BerthError);
    writeFileSync(
      path.join(dir, 'prices', 'eu-west-1.json'),
      JSON.stringify({ region: 'eu-west-1', prices: { 'ec2:m5.large': price('0.75') } }),
    );
    const fixed = await source.getPrices('eu-west-1', ['ec2:m5.large']);
    expect(fixed.prices.get('ec2:m5.large')?.usd).toBe('0.75');
    // Kept after a successful read: removing the file changes nothing.
    rmSync(path.join(dir, 'prices', 'eu-west-1.json'));
    expect((await source.getPrices('eu-west-1', ['ec2:m5.large'])).prices.get('ec2:m5.large')?.usd).toBe(
      '0.75',
    );
  });

  it('answers an unknown region with no prices and a warning instead of throwing', async () => {
    const source = new SnapshotPriceSource({ dataDir: dataDir() });
    const lookup = await source.getPrices('ap-south-2', ['ec2:m5.large']);
    expect(lookup.prices.size).toBe(0);
    expect(lookup.warnings).toEqual([
      'no snapshot prices for region "ap-south-2": the snapshot has no prices for it',
    ]);
    const traversal = await source.getPrices('../prices/us-east-1', ['ec2:m5.large']);
    expect(traversal.prices.size).toBe(0);
    expect(traversal.warnings[0]).toMatch(/it is not a region code$/);
  });

  it('throws PRICE_DATA_INVALID naming the file when a price file breaks its schema', async () => {
    const dir = dataDir();
    const file = path.join(dir, 'prices', 'us-east-1.json');
    writeFileSync(file, JSON.stringify({ region: 'us-east-1', prices: { 'ec2:m5.large': { usd: 0.5 } } }));
    const error = await new SnapshotPriceSource({ dataDir: dir }).getPrices('us-east-1', []).catch((e) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect(error.code).toBe('PRICE_DATA_INVALID');
    expect(error.message).toContain(`cannot read ${file}:`);
    expect(error.issues[0]).toMatchObject({ path: 'prices.ec2:m5.large.usd' });
  });

  it('rejects a price file that holds another region', async () => {
    const dir = dataDir();
    writeFileSync(
      path.join(dir, 'prices', 'us-east-1.json'),
      JSON.stringify({ region: 'eu-west-1', prices: {} }),
    );
    await expect(new SnapshotPriceSource({ dataDir: dir }).getPrices('us-east-1', [])).rejects.toThrow(
      /holds region "eu-west-1"/,
    );
  });

  it('fails on an unreadable file instead of calling the region unknown', async () => {
    const dir = dataDir();
    // A folder where the file should be: it exists but cannot be read as a file (EISDIR), even as root.
    rmSync(path.join(dir, 'prices', 'us-east-1.json'));
    mkdirSync(path.join(dir, 'prices', 'us-east-1.json'));
    await expect(new SnapshotPriceSource({ dataDir: dir }).getPrices('us-east-1', [])).rejects.toThrow(
      /EISDIR/,
    );
  });
});

describe('listSnapshotRegions', () => {
  it('lists the regions of regions.json with their summaries', () => {
    expect(listSnapshotRegions(dataDir())).toEqual([
      { region: 'eu-west-1', ec2Prices: 1, present: [], missing: ['nat:hour'] },
    ]);
  });

  it('throws PRICE_DATA_INVALID when regions.json is missing', () => {
    const dir = dataDir();
    rmSync(path.join(dir, 'regions.json'));
    expect(() => listSnapshotRegions(dir)).toThrow(/cannot read .*regions\.json: Error: ENOENT/);
  });
});
