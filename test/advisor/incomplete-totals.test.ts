import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { makeService } from '../helpers/workloads.js';

describe('incomplete totals', () => {
  it('never calls a total that leaves out a missing price cheaper than a complete one', async () => {
    // Windows on EC2: the snapshot has no Windows instance prices, so the EC2 totals leave the instances out
    // and look far cheaper than Windows on Fargate, which is priced in full.
    const rec = await advise(
      {
        services: [
          makeService({ name: 'orders', os: 'windows', cpu: 2, memory: '8 GiB', exposure: 'public' }),
        ],
      },
      { fleetSolver: heuristicFleetSolver },
    );
    const fargate = rec.candidates.find((c) => c.id === 'ecs-fargate')!;
    const ec2 = rec.candidates.find((c) => c.id === 'ecs-ec2')!;
    expect(fargate.cost?.complete).toBe(true);
    expect(ec2.cost?.complete).toBe(false);
    expect(Number(ec2.cost!.monthlyUsd)).toBeLessThan(Number(fargate.cost!.monthlyUsd));
    expect(rec.recommended).toBe('ecs-fargate');
    // No difference is stated between totals that cover different lines, in either direction.
    expect(ec2.monthlyDeltaUsd).toBeNull();
    const text = rec.explanation.join('\n');
    expect(text).not.toMatch(/ less|cheapest|the least of the feasible/);
    // What the EC2 total does hold (us-east-1, 730 h): ALB 16.425 + 5.84 LCU + 2 ALB addresses 7.30 + NAT 32.85
    // + its Elastic IP 3.65 + the Windows nodes' root volumes (1,460 instance-hours × 50 GiB / 730 = 100
    // GB-months × $0.10 = 10.00) = $76.065; CloudWatch: 2 GB of logs × $0.50 = 1.00, their 30 days' storage
    // 2 × 30 / (730 / 24) × $0.03 = 0.0591780822, and 29 Container Insights metrics × $0.30 = 8.70:
    // $85.8241780822, shown as $85.82.
    expect(ec2.cost!.monthlyUsd).toBe('85.8241780822');
    expect(text).toContain(
      `ECS on EC2 is not compared on cost: its $85.82 leaves out ${ec2.cost!.missingPriceIds.join(', ')} (no price in the data).`,
    );
    // The Windows instance price has no ceiling (us-east-1's snapshot lacks it too), so the EC2 total could be
    // any amount higher: it takes the largest cost penalty rather than none.
    expect(ec2.costScore).toBe(-8);
    expect(ec2.monthlyDeltaBoundsUsd).toBeNull();
    // And no break-even is drawn from a fleet whose instance price is missing.
    expect(rec.breakEven.find((b) => b.orchestrator === 'ecs')).toBeUndefined();
  });

  it('still compares totals that leave out the same prices, which cancel', async () => {
    const rec = await advise(
      {
        services: [
          makeService({
            name: 'db',
            cpu: 1,
            memory: '4 GiB',
            replicas: 2,
            needs: { persistentVolume: { sizeGiB: 50 } },
          }),
        ],
        requirements: { kubernetesApi: true },
        // eu-west-1 has no EBS or CloudWatch price, so both EC2 candidates leave out the same volume and
        // control-plane log prices.
        region: 'eu-west-1',
      },
      { fleetSolver: heuristicFleetSolver },
    );
    const ec2 = rec.candidates.filter((c) => c.cost !== null && c.id.endsWith('-ec2'));
    expect(ec2.length).toBeGreaterThan(0);
    for (const c of ec2)
      expect(c.cost!.missingPriceIds).toEqual([
        'ebs:gp3-gb-month',
        'ebs:gp2-gb-month',
        'logs:ingest-gb',
        'logs:storage-gb-month',
      ]);
  });
});
