/**
 * @module public-ipv4: public IPv4 addresses, billed per address-hour whether attached or idle.
 * https://aws.amazon.com/vpc/pricing/ (Public IPv4 Address tab)
 */
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';

export function publicIpv4Line(addresses: number, description: string): LineSpec {
  return {
    category: 'network',
    service: null,
    description,
    quantity: toMoney(HOURS_PER_MONTH).times(addresses),
    priceId: 'vpc:public-ipv4-hour',
  };
}
