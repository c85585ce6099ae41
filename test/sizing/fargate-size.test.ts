import { describe, expect, it } from 'vitest';
import { loadFargateSizes } from '../../src/pricing/fargate-sizes.js';
import { eksFargatePodSize, roundUpFargateSize } from '../../src/sizing/fargate-size.js';

const sizes = loadFargateSizes();

describe('roundUpFargateSize', () => {
  it.each([
    // [vCPU, MiB, os] → [billed vCPU, billed MiB], each checked against the AWS size table by hand.
    [0.25, 512, 'linux', 0.25, 512],
    [0.3, 700, 'linux', 0.5, 1024],
    [0.25, 3072, 'linux', 0.5, 3072],
    [1, 2048, 'linux', 1, 2048],
    [1, 8192 + 1, 'linux', 2, 9216],
    [4, 31 * 1024, 'linux', 8, 32768],
    [8, 61 * 1024, 'linux', 16, 65536],
    [16, 120 * 1024, 'linux', 16, 122880],
    [0.5, 1024, 'windows', 1, 2048],
    [2, 8192, 'windows', 2, 8192],
  ] as const)('bills %d vCPU / %d MiB (%s) as %d vCPU / %d MiB', (vcpu, mib, os, billedVcpu, billedMiB) => {
    expect(roundUpFargateSize(vcpu, mib, os, sizes)).toMatchObject({
      vcpu: billedVcpu,
      memoryMiB: billedMiB,
    });
  });

  it('returns null past the largest size', () => {
    expect(roundUpFargateSize(17, 2048, 'linux', sizes)).toBeNull();
    expect(roundUpFargateSize(1, 121 * 1024, 'linux', sizes)).toBeNull();
    expect(roundUpFargateSize(8, 16384, 'windows', sizes)).toBeNull();
  });
});

describe('eksFargatePodSize', () => {
  it('adds 256 MiB before rounding: the AWS example 1 vCPU / 8 GB becomes 2 vCPU / 9 GB', () => {
    expect(eksFargatePodSize(1, 8192, sizes)).toEqual({ cpuUnits: 2048, vcpu: 2, memoryMiB: 9216 });
  });

  it('bills 1 vCPU / 2 GB as 1 vCPU / 3 GB, and 0.25 vCPU / 0.5 GB as 0.25 vCPU / 1 GB', () => {
    expect(eksFargatePodSize(1, 2048, sizes)).toMatchObject({ vcpu: 1, memoryMiB: 3072 });
    expect(eksFargatePodSize(0.25, 512, sizes)).toMatchObject({ vcpu: 0.25, memoryMiB: 1024 });
  });

  it('returns null when the overhead passes the largest size', () => {
    expect(eksFargatePodSize(16, 120 * 1024, sizes)).toBeNull();
  });
});
