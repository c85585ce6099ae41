import { describe, expect, it } from 'vitest';

describe('the public entry point', () => {
  it('exports the library, the optimizer, the price sources, IaC and the server by name', async () => {
    const api = await import('../src/index.js');
    expect(Object.keys(api).sort()).toEqual(
      expect.arrayContaining([
        'advise',
        'AwsPriceListSource',
        'createApp',
        'createPriceSource',
        'generateIac',
        'HOURS_PER_MONTH',
        'loadRules',
        'normaliseWorkload',
        'optimizeFleet',
        'planFleetHeuristic',
        'SnapshotPriceSource',
        'WorkloadSchema',
        'workloadJsonSchema',
      ]),
    );
    for (const [name, value] of Object.entries(api)) expect([name, value]).not.toEqual([name, undefined]);
  });
});
