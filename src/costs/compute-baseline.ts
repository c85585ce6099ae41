/**
 * @module compute-baseline: the on-demand compute a candidate runs in every hour of the week, per hour: what a
 * Savings Plan commitment can cover without a dollar of it going unused.
 */
import { type FargateSizing, type FleetTypeCount, nodeOs } from '../model/cost.js';
import { type Money, sumMoney, toMoney } from '../pricing/money.js';
import { type Ec2VariantByOs, ec2VariantPriceId, fargatePriceId } from '../pricing/price-ids.js';
import type { PriceLookup } from '../pricing/price-source.js';
import type { NormalisedService } from '../workload/normalised-schema.js';

/**
 * The least on-demand Fargate spend of any hour of the week, USD per hour: per hour, each service's
 * on-demand tasks (all of them, or the base tasks under Fargate Spot) × its billed vCPU and GB rates.
 * A service whose rate is missing counts for nothing: the baseline is understated, never overstated.
 */
export function fargateBaselineHourlyUsd(
  services: readonly { sizing: FargateSizing; service: NormalisedService }[],
  lookup: PriceLookup,
): Money {
  const hourly = new Array<Money>(168).fill(toMoney(0));
  for (const { sizing, service } of services) {
    const rate = fargateTaskRate(sizing, service, lookup);
    if (rate === null) continue;
    service.profile.forEach((replicas, h) => {
      const onDemand = sizing.spot ? sizing.onDemandBaseTasks * Math.min(1, replicas) : replicas;
      hourly[h] = hourly[h]!.plus(rate.times(onDemand));
    });
  }
  return hourly.reduce((least, spend) => (spend.lessThan(least) ? spend : least));
}

/** The always-on EC2 instances (the fleet's floor) at their on-demand rates (each at its OS's), USD per hour. */
export function ec2BaselineHourlyUsd(
  floor: readonly FleetTypeCount[],
  variants: Ec2VariantByOs,
  lookup: PriceLookup,
): Money {
  return sumMoney(
    floor.map((line) => {
      const { instanceType, count } = line;
      const price = lookup.prices.get(ec2VariantPriceId(instanceType, variants[nodeOs(line)]));
      return price === undefined ? toMoney(0) : toMoney(price.usd).times(count);
    }),
  );
}

/** On-demand USD per task-hour of a Fargate service (vCPU and memory: what a Savings Plan covers). */
function fargateTaskRate(
  sizing: FargateSizing,
  service: NormalisedService,
  lookup: PriceLookup,
): Money | null {
  const vcpu = lookup.prices.get(fargatePriceId('fargate', sizing.architecture, service.os, 'vcpu'));
  const gb = lookup.prices.get(fargatePriceId('fargate', sizing.architecture, service.os, 'gb'));
  if (vcpu === undefined || gb === undefined) return null;
  return toMoney(vcpu.usd)
    .times(sizing.billed.vcpu)
    .plus(toMoney(gb.usd).times(sizing.billed.memoryMiB).dividedBy(1024));
}
