/** The fleet price basis is kept between recommendations: the same frozen list, and the same answers. */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { chooseFleetPriceBasis } from '../../src/advisor/fleet-price-basis.js';
import { loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService, makeWorkload } from '../helpers/workloads.js';

describe('chooseFleetPriceBasis', () => {
  it('gives the same frozen types for a region again, priced as the snapshot prices them', async () => {
    const snapshot = new SnapshotPriceSource();
    const catalog = loadInstanceCatalog();
    const first = await chooseFleetPriceBasis('us-east-1', catalog, snapshot);
    const again = await chooseFleetPriceBasis('us-east-1', catalog, snapshot);
    expect(again.types).toBe(first.types);
    expect(Object.isFrozen(first.types)).toBe(true);
    expect(() => (first.types as unknown[]).push(1)).toThrow(TypeError);
    // Each type's price is the snapshot's on-demand Linux price for it.
    const m7i = first.types.find((t) => t.name === 'm7i.large')!;
    const price = await snapshot.getPrices('us-east-1', ['ec2:m7i.large']);
    expect(m7i.usdPerHour).toBe(price.prices.get('ec2:m7i.large')!.usd);
    // Another region has its own list (and prices).
    const other = await chooseFleetPriceBasis('eu-west-1', catalog, snapshot);
    expect(other.types).not.toBe(first.types);
  });
});

describe('advise() between regions', () => {
  it('answers a workload the same before and after recommending others', async () => {
    const workload = makeWorkload({
      services: [makeService({ name: 'api', replicas: 3 }), makeService({ name: 'worker', cpu: 2 })],
    });
    const options = { fleetSolver: heuristicFleetSolver };
    const before = JSON.stringify(await advise(workload, options));
    await advise({ ...workload, region: 'eu-west-1' }, options);
    await advise({ ...workload, services: [makeService({ name: 'gpu', gpus: 1 })] }, options);
    expect(JSON.stringify(await advise(workload, options))).toBe(before);
  });
});
