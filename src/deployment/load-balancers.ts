/**
 * @module load-balancers: which Application Load Balancers a candidate has. Public services share
 * internet-facing ALBs; internal ones internal ALBs, since an internet-facing one would expose them too.
 * Only long-running services sit behind one: batch jobs and per-node agents take no traffic. A scheme with
 * more services than one ALB holds gets several, each priced and launched alike.
 */
import type { LoadBalancer } from '../model/deployment.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { serviceKind } from './service-kind.js';

/**
 * Services one ALB can hold. Each service is one target group and, where services share the ALB, one
 * host-based listener rule; an ALB holds at most 100 target groups (not adjustable) and 100 rules besides
 * the default ones (the default quota). The starter code's IngressGroups and stacks follow this split.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html
 */
export const SERVICES_PER_LOAD_BALANCER = 100;

export function planLoadBalancers(services: readonly NormalisedService[]): LoadBalancer[] {
  return (['public', 'internal'] as const).flatMap((scheme) => {
    const behind = services
      .filter((s) => s.exposure === scheme && serviceKind(s) === 'service')
      .map((s) => s.name);
    const out: LoadBalancer[] = [];
    for (let start = 0; start < behind.length; start += SERVICES_PER_LOAD_BALANCER)
      out.push({ scheme, services: behind.slice(start, start + SERVICES_PER_LOAD_BALANCER) });
    return out;
  });
}
