/**
 * @module savings-plan: a Compute Savings Plan committed to the always-on on-demand compute of the week (its
 * baseline), so the commitment is used in full every hour; usage above it stays on demand.
 */
import type { LineItem } from '../model/cost.js';
import { HOURS_PER_MONTH, type Money, toMoney } from '../pricing/money.js';
import { discountLine } from './line.js';

export interface SavingsPlanRates {
  /** The share of on-demand compute the plan saves, on EC2 and on Fargate: Berth's assumptions. */
  ec2: number;
  fargate: number;
  source: string;
}

/** On-demand compute that runs in every hour of the week, USD per hour (compute-baseline.ts). */
export interface ComputeBaseline {
  ec2HourlyUsd: Money;
  fargateHourlyUsd: Money;
}

/**
 * A plan is "a consistent amount of usage (measured in $/hour)": usage up to it is billed at the plan's
 * rates, usage above it on demand, and an hour that uses less still pays the whole commitment
 * (https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html). Committing to the
 * baseline (the least on-demand spend of any hour) wastes nothing, and saves rate × baseline × 730 h.
 * EC2 Spot is never covered; neither are the Fargate Windows licence or ephemeral storage (only vCPU and GB
 * rates make the baseline).
 */
export function savingsPlanLines(
  term: '1yr' | '3yr',
  baseline: ComputeBaseline,
  rates: SavingsPlanRates,
): LineItem[] {
  const covered = [
    { kind: 'ec2', label: 'EC2', hourly: baseline.ec2HourlyUsd, rate: rates.ec2 },
    { kind: 'fargate', label: 'Fargate', hourly: baseline.fargateHourlyUsd, rate: rates.fargate },
  ] as const;
  return covered
    .filter((c) => c.hourly.greaterThan(0))
    .map((c) => {
      const commitment = c.hourly.times(1 - c.rate);
      return discountLine(
        `discount:${c.kind}-savings-plan`,
        `Compute Savings Plan (${term}) on ${c.label}: $${usdPerHour(commitment)}/h committed, the always-on baseline ($${usdPerHour(c.hourly)}/h on demand) at ${Math.round(c.rate * 100)} % off; usage above it billed on demand`,
        c.hourly.times(HOURS_PER_MONTH),
        c.rate,
        rates.source,
      );
    });
}

/** A rate per hour to four decimals (cents per hour hide the commitment of a small baseline). */
function usdPerHour(value: Money): string {
  return toMoney(value).toDecimalPlaces(4).toFixed(4);
}
