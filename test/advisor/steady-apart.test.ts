/**
 * ECS on EC2 keeps the services that run the same number of tasks all week on nodes of their own
 * (docs/pricing.md#steady-services-keep-their-nodes-ecs-on-ec2); ECS Managed Instances re-packs. What advise()
 * says of the two, on a workload of steady and scaling services.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { Candidate } from '../../src/model/candidate.js';
import { stopSolverThread } from '../../src/optimizer/runtime/solver-thread.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService } from '../helpers/workloads.js';

afterAll(() => stopSolverThread());

/** Cents of a line's monthly figure as the report shows it. */
const cents = (usd: string) => Math.round(Number(usd) * 100);

describe('advise() with steady and scaling services on ECS', () => {
  it('sizes the steady services apart on ECS on EC2 only, and says so where it explains Managed Instances', async () => {
    const rec = await advise(
      {
        name: 'steady-and-diurnal',
        region: 'us-east-1',
        services: [
          makeService({ name: 'web', cpu: 1, memory: '2 GiB', replicas: 3 }),
          makeService({ name: 'cache', cpu: 0.5, memory: '3 GiB', replicas: 2 }),
          makeService({
            name: 'api',
            cpu: 2,
            memory: '4 GiB',
            replicas: { min: 1, max: 6 },
            traffic: { pattern: 'diurnal', peakStartHour: 8, peakEndHour: 20 },
          }),
        ],
      },
      { fleetSolver: heuristicFleetSolver },
    );
    const byId = (id: string) => rec.candidates.find((c) => c.id === id) as Candidate;
    const ec2 = byId('ecs-ec2');
    const managed = byId('ecs-managed-instances');
    expect(ec2.cost?.fleet?.steadyServices).toEqual(['cache', 'web']);
    expect(managed.cost?.fleet?.steadyServices).toEqual([]);
    expect(byId('eks-ec2').cost?.fleet?.steadyServices).toEqual([]);
    // Every peak node of ECS on EC2 holds steady tasks only or scaling tasks only.
    for (const node of ec2.cost?.fleet?.placement ?? []) {
      const steady = node.tasks.map((t) => t.service !== 'api');
      expect(new Set(steady).size, node.instanceType).toBe(1);
    }
    expect(ec2.cost?.notes.some((n) => n.includes('(cache, web) are sized on nodes of their own'))).toBe(
      true,
    );

    // The instance lines of the two bills as shown, to the cent.
    const compute = (c: Candidate) =>
      (c.cost?.lineItems ?? [])
        .filter((l) => l.category === 'compute' && !/-fee:/.test(l.priceId ?? ''))
        .reduce((sum, l) => sum + cents(l.monthlyUsd), 0);
    const difference = compute(managed) - compute(ec2);
    expect(difference).not.toBe(0);
    const sentence = rec.explanation.find(
      (e) => e.startsWith('ECS Managed Instances costs') && e.includes('than ECS on EC2'),
    );
    const sign = difference < 0 ? '-' : '+';
    expect(sentence).toContain(
      `${sign}$${(Math.abs(difference) / 100).toFixed(2)} (instances: ECS on EC2 keeps the 2 services that run the same number of tasks all week on nodes of their own, as ECS never moves a running task, where ECS Managed Instances re-packs its instances)`,
    );
  });
});
