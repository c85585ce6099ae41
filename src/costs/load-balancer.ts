/**
 * @module load-balancer: an Application Load Balancer's hours and capacity units, and the public addresses
 * of an internet-facing one (one per Availability Zone).
 */
import type { LoadBalancer } from '../model/deployment.js';
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';
import { publicIpv4Line } from './public-ipv4.js';

export interface LoadBalancerUsage {
  /** Average LCUs each load balancer consumes. */
  lcu: number;
  availabilityZones: number;
}

export function loadBalancerLines(lb: LoadBalancer, usage: LoadBalancerUsage): LineSpec[] {
  const month = toMoney(HOURS_PER_MONTH);
  const which = lb.scheme === 'public' ? 'Internet-facing' : 'Internal';
  const specs: LineSpec[] = [
    {
      category: 'load-balancing',
      service: null,
      description: `${which} Application Load Balancer for ${lb.services.join(', ')}, ${HOURS_PER_MONTH} hours`,
      quantity: month,
      priceId: 'alb:hour',
    },
    {
      category: 'load-balancing',
      service: null,
      description: `${which} ALB capacity units, ${usage.lcu} LCU on average`,
      quantity: month.times(usage.lcu),
      priceId: 'alb:lcu-hour',
    },
  ];
  if (lb.scheme === 'public') {
    specs.push(
      publicIpv4Line(
        usage.availabilityZones,
        `Public IPv4 addresses of the internet-facing ALB, one per Availability Zone (${usage.availabilityZones})`,
      ),
    );
  }
  return specs;
}
