import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { loadFargateSizes } from '../../src/pricing/fargate-sizes.js';
import { findInstanceType, loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function dataDirWith(files: Record<string, unknown>): string {
  const dir = makeTempDir('berth-catalog-');
  for (const [name, value] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return dir;
}

const provenance = { sources: [], notes: 'test' };
const m5large = {
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
  currentGeneration: true,
};

function thrown(fn: () => unknown): BerthError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a BerthError');
}

describe('instance-catalog', () => {
  it('loads the catalog once per folder and finds types by name', () => {
    const dir = dataDirWith({ 'instance-types.json': { provenance, instanceTypes: [m5large] } });
    const first = loadInstanceCatalog(dir);
    expect(first).toEqual([m5large]);
    writeFileSync(path.join(dir, 'instance-types.json'), 'broken now');
    expect(loadInstanceCatalog(dir)).toBe(first);
    expect(findInstanceType('m5.large', dir)).toBe(first[0]);
    expect(findInstanceType('m5.huge', dir)).toBeUndefined();
    expect(Object.isFrozen(first[0])).toBe(true);
  });

  it('reads a type without currentGeneration (a data folder from before the field) as unknown', () => {
    const { currentGeneration: _, ...older } = m5large;
    const dir = dataDirWith({ 'instance-types.json': { provenance, instanceTypes: [older] } });
    expect(loadInstanceCatalog(dir)).toEqual([{ ...m5large, currentGeneration: null }]);
  });

  it('throws PRICE_DATA_INVALID naming the file and the field when a type is malformed', () => {
    const bad = { ...m5large, architecture: 'sparc' };
    const dir = dataDirWith({ 'instance-types.json': { provenance, instanceTypes: [bad] } });
    const error = thrown(() => loadInstanceCatalog(dir));
    expect(error.code).toBe('PRICE_DATA_INVALID');
    expect(error.message).toMatch(
      /^cannot read .*instance-types\.json: 1 schema problem\(s\) at instanceTypes\[0\]\.architecture: /,
    );
  });

  it('throws PRICE_DATA_INVALID for a file that is not JSON or is missing', () => {
    const dir = dataDirWith({ 'instance-types.json': '{"provenance":' });
    expect(thrown(() => loadInstanceCatalog(dir)).message).toMatch(/instance-types\.json: not valid JSON/);
    const empty = dataDirWith({});
    expect(thrown(() => loadInstanceCatalog(empty)).message).toMatch(/instance-types\.json: Error: ENOENT/);
  });
});

describe('fargate-sizes', () => {
  it('loads the sizes of the file', () => {
    const sizes = [{ cpuUnits: 256, vcpu: 0.25, memoryMiB: 512, os: 'linux' }];
    const dir = dataDirWith({ 'fargate-sizes.json': { provenance, sizes } });
    expect(loadFargateSizes(dir)).toEqual(sizes);
  });

  it('throws PRICE_DATA_INVALID for an unknown key or a wrong OS', () => {
    const sizes = [{ cpuUnits: 256, vcpu: 0.25, memoryMiB: 512, os: 'macos', gpu: 1 }];
    const dir = dataDirWith({ 'fargate-sizes.json': { provenance, sizes } });
    const error = thrown(() => loadFargateSizes(dir));
    expect(error.code).toBe('PRICE_DATA_INVALID');
    expect(error.issues.map((i) => i.path).sort()).toEqual(['sizes[0]', 'sizes[0].os']);
  });
});
