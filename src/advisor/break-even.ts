/** @module break-even: the steady utilisation above which an always-on EC2 fleet beats Fargate. */

import { knownTotal } from '../costs/line.js';
import type { Candidate } from '../model/candidate.js';
import type { LineItem } from '../model/cost.js';
import type { BreakEven } from '../model/recommendation.js';
import { awsManagesNodes, type CandidateId, type Orchestrator } from '../model/vocabulary.js';
import { HOURS_PER_MONTH, type Money, sumMoney, toMoney } from '../pricing/money.js';

/** EC2 lines billed at other rates than the Linux shared-tenancy ones `fleet.peakHourlyUsd` is at. */
const NOT_AT_PEAK_RATES = /^ec2-(windows|dedicated):/;

/** Each orchestrator's Fargate candidate against its all-EC2 ones: self-managed, then AWS-managed nodes. */
const PAIRS: readonly [Orchestrator, CandidateId, CandidateId][] = [
  ['ecs', 'ecs-fargate', 'ecs-ec2'],
  ['eks', 'eks-fargate', 'eks-ec2'],
  ['ecs', 'ecs-fargate', 'ecs-managed-instances'],
  ['eks', 'eks-fargate', 'eks-auto-mode'],
];

/**
 * Fargate bills task-hours, so its compute cost is utilisation × its cost at a constant peak; an EC2 fleet
 * sized for the peak and always on costs the same whatever the load. They meet at
 * utilisation = EC2 fleet cost / Fargate cost at the peak. Only compute lines count: shared lines cancel.
 * On AWS-managed nodes the fleet's cost includes the management fee of each instance at the peak.
 */
export function findBreakEvens(
  candidates: readonly Candidate[],
  peakReplicas: ReadonlyMap<string, number>,
): BreakEven[] {
  const out: BreakEven[] = [];
  for (const [orchestrator, fargateId, ec2Id] of PAIRS) {
    const fargate = candidates.find((c) => c.id === fargateId);
    const ec2 = candidates.find((c) => c.id === ec2Id);
    // Only complete totals: a fleet whose instance price is missing has no honest break-even, and a
    // Windows or dedicated fleet's peakHourlyUsd is at Linux shared rates, so it must never stand in.
    if (!fargate?.cost || !ec2?.cost?.fleet || !fargate.cost.complete || !ec2.cost.complete) continue;
    // Nor where a price source does have those rates: the peak fleet's cost stays at Linux shared rates.
    if (ec2.cost.lineItems.some((l) => NOT_AT_PEAK_RATES.test(l.priceId ?? ''))) continue;
    // A fleet chosen at another region's prices has no peak cost in its own region to set against Fargate.
    if (ec2.cost.fleet.priceReference !== null) continue;
    const fargateNow = computeTotal(fargate);
    // Grouped once: filtering every line per service is quadratic (6 s at 2,000 services).
    const computeLines = new Map<string | null, LineItem[]>();
    for (const l of fargate.cost.lineItems)
      if (l.category === 'compute') computeLines.set(l.service, [...(computeLines.get(l.service) ?? []), l]);
    // At the peak a Spot service runs its on-demand base tasks and the rest on Spot: each line's rate
    // counts once, for the tasks bought that way, never on-demand and Spot for every task.
    const fargatePeak = sumMoney(
      fargate.cost.fargate.map((f) => {
        const lines = computeLines.get(f.service) ?? [];
        const peak = peakReplicas.get(f.service) ?? 0;
        const base = f.spot ? Math.min(f.onDemandBaseTasks, peak) : peak;
        const hourly = sumMoney(
          lines.map((l) =>
            toMoney(l.unitPriceUsd ?? 0)
              .times(rateOf(l.unit, f.billed))
              .times(l.priceId?.startsWith('fargate-spot:') ? peak - base : base),
          ),
        );
        return hourly.times(HOURS_PER_MONTH);
      }),
    );
    if (fargatePeak.isZero()) continue;
    // Compare like with like: the fleet at the price the candidate pays (Spot, Savings Plan), and Fargate
    // after its Savings Plan discount, since both scale with what they discount.
    const ec2Peak = toMoney(ec2.cost.fleet.peakHourlyUsd)
      .plus(peakFeeHourly(ec2))
      .times(HOURS_PER_MONTH)
      .times(discountFactor(ec2, 'ec2'));
    const fargateFactor = discountFactor(fargate, 'fargate');
    const breakEvenUtilisation = ec2Peak.dividedBy(fargatePeak.times(fargateFactor)).toNumber();
    const utilisation = fargateNow.dividedBy(fargatePeak).toNumber();
    const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
    const fleetName = awsManagesNodes(ec2.id) ? `${ec2.label} fleet (with its fee)` : 'EC2 fleet';
    const statement =
      breakEvenUtilisation >= 1
        ? `${fargate.label} costs less than an always-on ${fleetName} sized for the peak even at 100 % utilisation`
        : `An always-on ${fleetName} sized for the peak beats ${fargate.label} when average load is above ${pct(breakEvenUtilisation)} of the peak; this workload runs at ${pct(utilisation)}`;
    out.push({
      orchestrator,
      fargate: fargate.id,
      ec2: ec2.id,
      breakEvenUtilisation,
      utilisation,
      statement,
    });
  }
  return out;
}

/** The management fee of the peak fleet per hour: each type's count at the peak × its fee line's unit price. */
function peakFeeHourly(c: Candidate): Money {
  const fees = new Map<string, string>();
  for (const l of c.cost!.lineItems) {
    const type = /-fee:(.+)$/.exec(l.priceId ?? '')?.[1];
    if (type !== undefined && l.unitPriceUsd !== null) fees.set(type, l.unitPriceUsd);
  }
  return sumMoney(c.cost!.fleet!.peak.map((p) => toMoney(fees.get(p.instanceType) ?? 0).times(p.count)));
}

/** 1 + (discount lines of that kind) / (the compute lines they discount). */
function discountFactor(c: Candidate, kind: 'ec2' | 'fargate'): Money {
  const lines = c.cost!.lineItems;
  // `fargate:` not `fargate-spot:`: a Savings Plan never discounts Spot, so Spot lines are not in its base.
  const prefix = kind === 'fargate' ? 'fargate:' : kind;
  const base = knownTotal(lines.filter((l) => l.category === 'compute' && l.priceId?.startsWith(prefix)));
  const discount = knownTotal(lines.filter((l) => l.priceId?.startsWith(`discount:${kind}-`)));
  return base.isZero() ? toMoney(1) : toMoney(1).plus(discount.dividedBy(base));
}

function computeTotal(c: Candidate): Money {
  return knownTotal(c.cost!.lineItems.filter((l) => l.category === 'compute' && l.service !== null));
}

function rateOf(unit: string, billed: { vcpu: number; memoryMiB: number }): Money {
  return unit === 'vCPU-hour' ? toMoney(billed.vcpu) : toMoney(billed.memoryMiB).dividedBy(1024);
}
