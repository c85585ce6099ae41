/** @module spot: the EC2 Spot discount, taken from a stated assumption on the fleet's on-demand cost. */
import type { LineItem } from '../model/cost.js';
import type { Money } from '../pricing/money.js';
import { discountLine } from './line.js';

export interface SpotAssumption {
  /** The share of the on-demand price Spot saves on average. */
  discount: number;
  source: string;
}

export function ec2SpotDiscountLine(onDemandFleet: Money, spot: SpotAssumption): LineItem {
  return discountLine(
    'discount:ec2-spot',
    'EC2 Spot instead of on-demand',
    onDemandFleet,
    spot.discount,
    spot.source,
  );
}
