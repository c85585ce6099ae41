import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { optimizeFleetForProfile } from '../../src/optimizer/fleet-profile.js';
import type { FleetTaskGroup } from '../../src/optimizer/fleet-types.js';
import { C6I_2XLARGE, C6I_4XLARGE, C6I_XLARGE } from './fixtures.js';

const TYPES = [C6I_XLARGE, C6I_2XLARGE, C6I_4XLARGE];
const API: FleetTaskGroup = {
  service: 'api',
  count: 0,
  vcpu: 2,
  memoryMiB: 4096,
  gpus: 0,
  architecture: 'x86_64',
};

describe('fleet-profile', () => {
  it('bills each hour at the fleet of its level, so the month follows the profile', async () => {
    // 100 quiet hours at 1 replica, 68 busy ones at 6: one c6i.xlarge, then one c6i.4xlarge.
    const replicasByHour = Array.from({ length: 168 }, (_, h) => (h < 100 ? 1 : 6));
    const result = await optimizeFleetForProfile([{ group: API, replicasByHour }], TYPES, {
      orchestrator: 'eks',
      useWorker: false,
    });
    expect(result.levels).toBe(2);
    expect(result.peak.hourlyUsd).toBe('0.65');
    expect(result.typical.hourlyUsd).toBe('0.17');
    expect(result.nodeHoursByType).toEqual({ 'c6i.xlarge': 100, 'c6i.4xlarge': 68 });
    // 100 × 0.17 + 68 × 0.65 = 61.2; × 730 / 168
    expect(result.weeklyUsd).toBe('61.2');
    expect(new Decimal(result.monthlyUsd).toDecimalPlaces(10).toString()).toBe('265.9285714286');
  });

  it('rounds fractional replicas up and costs idle hours nothing', async () => {
    const replicasByHour = Array.from({ length: 168 }, (_, h) => (h < 84 ? 0 : 0.4));
    const result = await optimizeFleetForProfile([{ group: API, replicasByHour }], TYPES, {
      orchestrator: 'eks',
      useWorker: false,
    });
    expect(result.nodeHoursByType).toEqual({ 'c6i.xlarge': 84 });
    expect(result.weeklyUsd).toBe('14.28');
  });

  it('rejects a profile that is not one week of hours', async () => {
    await expect(
      optimizeFleetForProfile([{ group: API, replicasByHour: [1, 2, 3] }], TYPES, { orchestrator: 'eks' }),
    ).rejects.toMatchObject({
      code: 'INVALID_WORKLOAD',
      message: expect.stringContaining('it has 3 hours, not 168'),
    });
  });
});
