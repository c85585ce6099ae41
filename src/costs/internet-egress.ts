/**
 * @module internet-egress: data the public services send to the internet, billed per GB in monthly tiers
 * after a free allowance (https://aws.amazon.com/ec2/pricing/on-demand/, "Data Transfer OUT From Amazon EC2
 * To Internet"; the same rates apply to what a load balancer sends).
 */
import { type Money, toMoney } from '../pricing/money.js';
import type { NonEc2PriceId } from '../pricing/price-ids.js';
import { formatQuantity, type LineSpec } from './line.js';

/**
 * 100 GB a month free, aggregated over the whole account; Berth gives it all to this workload, so a
 * shared account pays more than this line shows.
 */
export const FREE_EGRESS_GB_PER_MONTH = 100;

/** The tiers, GB a month (1 TB = 1,024 GB, as AWS counts them), from the first GB. */
const TIERS: readonly { upToGB: number; label: string; priceId: NonEc2PriceId }[] = [
  { upToGB: 10_240, label: 'first 10 TB', priceId: 'egress:internet-gb-first-10tb' },
  { upToGB: 51_200, label: 'next 40 TB', priceId: 'egress:internet-gb-next-40tb' },
  { upToGB: 153_600, label: 'next 100 TB', priceId: 'egress:internet-gb-next-100tb' },
  { upToGB: Number.POSITIVE_INFINITY, label: 'over 150 TB', priceId: 'egress:internet-gb-over-150tb' },
];

/** One line per tier the month reaches; the free allowance comes off the first tier. */
export function internetEgressLines(gbPerMonth: number): LineSpec[] {
  const specs: LineSpec[] = [];
  let from = 0;
  for (const tier of TIERS) {
    const inTier = Math.max(0, Math.min(gbPerMonth, tier.upToGB) - Math.max(from, FREE_EGRESS_GB_PER_MONTH));
    from = tier.upToGB;
    if (inTier <= 0) continue;
    const quantity: Money = toMoney(inTier);
    specs.push({
      category: 'network',
      service: null,
      description: `Data to the internet, ${tier.label} tier (${formatQuantity(toMoney(gbPerMonth))} GB a month; the account's ${FREE_EGRESS_GB_PER_MONTH} GB free allowance assumed all this workload's)`,
      quantity,
      priceId: tier.priceId,
    });
  }
  return specs;
}
