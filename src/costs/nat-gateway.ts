/** @module nat-gateway: NAT gateways for the private subnets: hours, their Elastic IPs, and data processed. */
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';
import { publicIpv4Line } from './public-ipv4.js';

export interface NatUsage {
  gateways: number;
  dataGBPerMonth: number;
  /** Zones the private subnets span: AWS recommends a NAT gateway in each. */
  availabilityZones: number;
}

/**
 * "To create an Availability Zone-independent architecture, create a NAT gateway in each Availability Zone"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html). The starter code takes the
 * VPC's private subnets as inputs and creates no NAT gateway, so the count priced is the workload's
 * `network.natGateways`; the line says which layout that is.
 */
function describeLayout(gateways: number, zones: number): string {
  const layout =
    gateways >= zones
      ? `one per Availability Zone, as AWS recommends`
      : `${gateways === 1 ? 'a single gateway' : 'fewer gateways than zones'} for ${zones} Availability Zones; AWS recommends one per zone`;
  return `NAT gateways for the private subnets (${gateways}: ${layout}; in your VPC, which the starter code uses and does not create)`;
}

export function natGatewayLines(usage: NatUsage): LineSpec[] {
  if (usage.gateways <= 0) return [];
  const specs: LineSpec[] = [
    {
      category: 'network',
      service: null,
      description: describeLayout(usage.gateways, usage.availabilityZones),
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
