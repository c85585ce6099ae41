/** @module savings-plan: a Compute Savings Plan's discount on on-demand EC2 and Fargate compute. */
import type { LineItem } from '../model/cost.js';
import { discountLine, knownTotal } from './line.js';

const WINDOWS_LICENCE_ID = 'fargate:windows:os-license-vcpu';

export interface SavingsPlanRates {
  /** The share of on-demand compute the plan saves, on EC2 and on Fargate. */
  ec2: number;
  fargate: number;
  source: string;
}

/**
 * The plan discounts on-demand compute only, never Spot: EC2 lines unless the fleet is bought as Spot,
 * and Fargate on-demand lines (`fargate:`, not `fargate-spot:`). Not the Windows licence fee: whether a
 * plan covers it is unconfirmed, and an unconfirmed discount must not make a candidate look cheaper.
 */
export function savingsPlanLines(
  term: '1yr' | '3yr',
  lines: readonly LineItem[],
  rates: SavingsPlanRates,
  ec2Spot: boolean,
): LineItem[] {
  const onDemand = (prefix: string) =>
    lines.filter(
      (l) => l.category === 'compute' && l.priceId?.startsWith(prefix) && l.priceId !== WINDOWS_LICENCE_ID,
    );
  const covered = [
    { kind: 'ec2', label: 'EC2', lines: ec2Spot ? [] : onDemand('ec2'), rate: rates.ec2 },
    { kind: 'fargate', label: 'Fargate', lines: onDemand('fargate:'), rate: rates.fargate },
  ] as const;
  return covered
    .filter((c) => c.lines.length > 0)
    .map((c) =>
      discountLine(
        `discount:${c.kind}-savings-plan`,
        `Compute Savings Plan (${term}) on ${c.label}`,
        knownTotal(c.lines),
        c.rate,
        rates.source,
      ),
    );
}
