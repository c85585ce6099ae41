/**
 * What advise() keeps between calls never answers for a caller's object that changed in place: a catalog
 * array, a price object, or a rule hit handed back in an earlier answer.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { Price, PriceId } from '../../src/model/price.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import { loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import type { PriceSource } from '../../src/pricing/price-source.js';
import { SnapshotPriceSource } from '../../src/pricing/snapshot-source.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService, makeWorkload } from '../helpers/workloads.js';

const workload = makeWorkload({
  services: [makeService({ name: 'api', replicas: 3 }), makeService({ name: 'worker', cpu: 2 })],
});
const solver = { fleetSolver: heuristicFleetSolver };

function ecsEc2(rec: Recommendation) {
  const candidate = rec.candidates.find((c) => c.id === 'ecs-ec2')!;
  return candidate.cost!;
}

/** The instance types the ECS on EC2 fleet runs. */
function fleetTypes(rec: Recommendation): string[] {
  return ecsEc2(rec).fleet!.instanceMinutesPerWeek.map((l) => l.instanceType);
}

describe('advise() and a caller that changes its inputs in place', () => {
  it('sizes from the catalog as it is now, not as it was at the last call', async () => {
    const mine = [...loadInstanceCatalog()];
    const first = await advise(workload, { ...solver, instanceTypes: mine });
    const used = fleetTypes(first);
    expect(used.length).toBeGreaterThan(0);
    // Remove every type the first fleet ran, in place.
    for (let i = mine.length - 1; i >= 0; i--) if (used.includes(mine[i]!.name)) mine.splice(i, 1);
    const second = await advise(workload, { ...solver, instanceTypes: mine });
    for (const type of fleetTypes(second)) expect(used).not.toContain(type);
    // The same answer as a new array with the same contents.
    const fresh = await advise(workload, { ...solver, instanceTypes: [...mine] });
    expect(JSON.stringify(second)).toBe(JSON.stringify(fresh));
  });

  it('prices a line at the price object’s amount now, when a source hands back the same object changed', async () => {
    const snapshot = new SnapshotPriceSource();
    const kept = new Map<PriceId, Price>();
    const source: PriceSource = {
      name: 'snapshot',
      async getPrices(region, ids) {
        const lookup = await snapshot.getPrices(region, ids);
        for (const [id, price] of lookup.prices) if (!kept.has(id)) kept.set(id, { ...price });
        const prices = new Map<PriceId, Price>();
        for (const id of ids) if (kept.has(id)) prices.set(id, kept.get(id)!);
        return { prices, warnings: lookup.warnings };
      },
    };
    const first = await advise(workload, { ...solver, priceSource: source });
    const [type] = fleetTypes(first);
    const line = (rec: Recommendation) => ecsEc2(rec).lineItems.find((l) => l.priceId === `ec2:${type}`)!;
    const before = line(first).unitPriceUsd!;
    // Double the instance's price in the very object the source hands out again.
    const price = kept.get(`ec2:${type}` as PriceId)!;
    (price as { usd: string }).usd = String(Number(before) * 2);
    const second = await advise(workload, { ...solver, priceSource: source });
    expect(Number(line(second).unitPriceUsd)).toBe(Number(before) * 2);
    expect(line(second).unitPriceUsd).toBe(price.usd);
  });

  it('does not let a changed rule hit of one answer change the next', async () => {
    const before = JSON.stringify(await advise(workload, solver));
    const changed = await advise(workload, solver);
    for (const hit of changed.rulesFired) {
      const effect = hit.effect as unknown as Record<string, unknown>;
      for (const key of Object.keys(effect))
        if (key !== 'type') effect[key] = typeof effect[key] === 'number' ? -50 : [];
    }
    for (const c of changed.candidates)
      for (const hit of c.exclusions) (hit.effect as { type: string }).type = 'warn';
    expect(JSON.stringify(await advise(workload, solver))).toBe(before);
  });
});
