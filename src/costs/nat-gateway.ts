/** @module nat-gateway: NAT gateways for the private subnets: hours, their Elastic IPs, and data processed. */
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';
import { publicIpv4Line } from './public-ipv4.js';

export interface NatUsage {
  gateways: number;
  dataGBPerMonth: number;
}

export function natGatewayLines(usage: NatUsage): LineSpec[] {
  if (usage.gateways <= 0) return [];
  const specs: LineSpec[] = [
    {
      category: 'network',
      service: null,
      description: `NAT gateways for the private subnets (${usage.gateways})`,
      quantity: toMoney(HOURS_PER_MONTH).times(usage.gateways),
      priceId: 'nat:hour',
    },
    publicIpv4Line(usage.gateways, `Elastic IP addresses of the NAT gateways (${usage.gateways})`),
  ];
  if (usage.dataGBPerMonth > 0) {
    specs.push({
      category: 'network',
      service: null,
      description: `Data processed by the NAT gateways (${usage.dataGBPerMonth} GB a month)`,
      quantity: toMoney(usage.dataGBPerMonth),
      priceId: 'nat:gb',
    });
  }
  return specs;
}
