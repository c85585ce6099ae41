/**
 * @module load-balancer: Application Load Balancers' hours and capacity units, and the public addresses
 * of the internet-facing ones (one per Availability Zone each). https://aws.amazon.com/elasticloadbalancing/pricing/
 */
import type { LoadBalancer } from '../model/deployment.js';
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';
import { publicIpv4Line } from './public-ipv4.js';

export interface LoadBalancerUsage {
  /**
   * Average LCUs of each scheme's traffic (public, internal), shared by the scheme's ALBs when it needs
   * several.
   */
  lcu: number;
  availabilityZones: number;
}

/**
 * Every ALB is billed its hours. The LCUs are the scheme's traffic, not a per-ALB figure: splitting
 * services over several ALBs splits their connections and bytes (which add up across ALBs) and leaves each
 * ALB fewer rules to evaluate, so when the ALBs carry the same mix of traffic their LCUs sum to the
 * workload's figure. One line per scheme charges it whole, so the total is the one-ALB figure to the cent.
 */
export function loadBalancerLines(lbs: readonly LoadBalancer[], usage: LoadBalancerUsage): LineSpec[] {
  return (['public', 'internal'] as const).flatMap((scheme) => {
    const ofScheme = lbs.filter((lb) => lb.scheme === scheme);
    return ofScheme.length === 0 ? [] : schemeLines(scheme, ofScheme, usage);
  });
}

function schemeLines(
  scheme: LoadBalancer['scheme'],
  lbs: readonly LoadBalancer[],
  usage: LoadBalancerUsage,
): LineSpec[] {
  const month = toMoney(HOURS_PER_MONTH);
  const which = scheme === 'public' ? 'Internet-facing' : 'Internal';
  const n = lbs.length;
  const specs: LineSpec[] = lbs.map((lb, i) => ({
    category: 'load-balancing',
    service: null,
    description: `${which} Application Load Balancer${n > 1 ? ` ${i + 1} of ${n}` : ''} for ${lb.services.join(', ')}, ${HOURS_PER_MONTH} hours`,
    quantity: month,
    priceId: 'alb:hour',
  }));
  specs.push({
    category: 'load-balancing',
    service: null,
    description: `${which} ALB capacity units, ${usage.lcu} LCU on average${n > 1 ? ` across its ${n} ALBs` : ''}`,
    quantity: month.times(usage.lcu),
    priceId: 'alb:lcu-hour',
  });
  if (scheme === 'public') {
    specs.push(
      publicIpv4Line(
        n * usage.availabilityZones,
        n > 1
          ? `Public IPv4 addresses of the ${n} internet-facing ALBs, one per Availability Zone each (${n} × ${usage.availabilityZones})`
          : `Public IPv4 addresses of the internet-facing ALB, one per Availability Zone (${usage.availabilityZones})`,
      ),
    );
  }
  return specs;
}
