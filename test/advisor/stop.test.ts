import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { BerthError } from '../../src/errors.js';
import type { PriceLookup, PriceSource } from '../../src/pricing/price-source.js';
import type { FleetSolver } from '../../src/sizing/ec2-fleet.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService, makeWorkload } from '../helpers/workloads.js';

/** A price source that never answers. */
const silentPrices: PriceSource = {
  name: 'silent',
  getPrices: () => new Promise<PriceLookup>(() => undefined),
};

/** A solver that counts its calls and answers (with the heuristic's fleet) only when released. */
function heldSolver() {
  let calls = 0;
  let entered!: () => void;
  const first = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const waiting: (() => void)[] = [];
  const solve: FleetSolver = (tasks, types, options) => {
    calls++;
    entered();
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() =>
      heuristicFleetSolver(tasks, types, options),
    );
  };
  const release = () => {
    for (const resolve of waiting.splice(0)) resolve();
  };
  return { solve, first, release, calls: () => calls };
}

// Two EC2-placeable services on a diurnal profile: several levels, so several solves if nothing stops them.
const WORKLOAD = makeWorkload({
  traffic: { pattern: 'diurnal' },
  services: [
    makeService({ replicas: { min: 1, max: 6 } }),
    makeService({ name: 'api', replicas: { min: 2, max: 4 } }),
  ],
});

describe('advise: AbortSignal and deadline', () => {
  it('rejects at once with the reason of a signal that is already aborted', async () => {
    const reason = new Error('caller gave up');
    await expect(advise(WORKLOAD, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('rejects with SOLVE_TIMEOUT at the deadline while a price lookup never answers', async () => {
    const error = await advise(WORKLOAD, {
      priceSource: silentPrices,
      fleetSolver: heuristicFleetSolver,
      timeoutMs: 50,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'SOLVE_TIMEOUT', status: 503 });
    expect((error as Error).message).toBe('recommendation timed out: it took longer than 50 ms');
  });

  it('abandons the solve in flight and starts no other once aborted', async () => {
    const held = heldSolver();
    const controller = new AbortController();
    const result = advise(WORKLOAD, { fleetSolver: held.solve, signal: controller.signal });
    await held.first;
    // The ECS and the EKS fleet are sized side by side: one solve each is in flight.
    const inFlight = held.calls();
    expect(inFlight).toBeGreaterThanOrEqual(1);
    controller.abort(new Error('stop'));
    await expect(result).rejects.toThrow('stop');
    // The solves in flight now answer; unguarded, each fleet would go on to its next traffic level.
    held.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held.calls()).toBe(inFlight);
  });

  it('answers normally when the deadline is not reached, leaving no timer behind', async () => {
    const rec = await advise(makeWorkload(), { fleetSolver: heuristicFleetSolver, timeoutMs: 60_000 });
    expect(rec.recommended).toBe('ecs-fargate');
  });
});
