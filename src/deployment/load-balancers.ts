/**
 * @module load-balancers: which Application Load Balancers a candidate has. Public services share an
 * internet-facing ALB; internal ones an internal ALB, since an internet-facing one would expose them too.
 * Only long-running services sit behind one: batch jobs and per-node agents take no traffic.
 */
import type { LoadBalancer } from '../model/deployment.js';
import type { NormalisedService } from '../workload/normalised-schema.js';
import { serviceKind } from './service-kind.js';

export function planLoadBalancers(services: readonly NormalisedService[]): LoadBalancer[] {
  return (['public', 'internal'] as const).flatMap((scheme) => {
    const behind = services.filter((s) => s.exposure === scheme && serviceKind(s) === 'service');
    return behind.length === 0 ? [] : [{ scheme, services: behind.map((s) => s.name) }];
  });
}
