/** @module service-kind: how a service runs: a long-running service, a scheduled batch job, or a per-node agent. */
import type { NormalisedService } from '../workload/normalised-schema.js';

export type ServiceKind = 'service' | 'batch' | 'daemon';

/** A per-node agent is a daemon; a fixed-count batch pattern is a scheduled job; anything else a service. */
export function serviceKind(service: NormalisedService): ServiceKind {
  if (service.needs.daemon) return 'daemon';
  return service.traffic.pattern === 'batch' && service.replicas.fixed ? 'batch' : 'service';
}
