/** @module load-balancers: which Application Load Balancers an ECS stack has and how they route. */
import type { ServicePlan, StackPlan } from './stack-plan.js';

export interface LoadBalancerPlan {
  scheme: 'public' | 'internal';
  services: ServicePlan[];
  /** Several services share the load balancer: each gets a host name (`<service>.<domain>`). */
  hostRouting: boolean;
}

/**
 * Berth prices one ALB shared by the exposed services. Public services share an internet-facing ALB; internal
 * ones an internal ALB, since an internet-facing ALB would expose them too. A workload with both gets both
 * (the second ALB is not in Berth's price), and the generated code says so.
 */
export function planLoadBalancers(plan: StackPlan): LoadBalancerPlan[] {
  return (['public', 'internal'] as const).flatMap((scheme) => {
    const services = plan.services.filter((s) => s.exposure === scheme);
    return services.length === 0 ? [] : [{ scheme, services, hostRouting: services.length > 1 }];
  });
}

export function needsDomainName(plan: StackPlan): boolean {
  return planLoadBalancers(plan).some((lb) => lb.hostRouting);
}

/** Target group health check: any 2xx/3xx on `/` (the workload gives no health path). */
export const HEALTH_CHECK = {
  path: '/',
  matcher: '200-399',
  intervalSeconds: 15,
  timeoutSeconds: 5,
  healthyThreshold: 2,
  unhealthyThreshold: 3,
} as const;

/** Short enough to finish within a Spot interruption's two-minute notice, long enough for in-flight requests. */
export const DEREGISTRATION_DELAY_SECONDS = 30;

/** TLS 1.3 with TLS 1.2 fallback: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * Bridge-mode tasks get a host port from the ephemeral range (hostPort 0); the ALB must reach that range on
 * the instances. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html
 */
export const EPHEMERAL_PORTS = { from: 32768, to: 65535 } as const;

/** Seconds a new task may fail health checks while it starts. */
export const HEALTH_CHECK_GRACE_SECONDS = 60;

/** The host a service answers on when its load balancer is shared. */
export function serviceHost(service: ServicePlan): string {
  return service.name;
}
