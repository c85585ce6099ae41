/**
 * @module load-balancers: how the ECS stack's Application Load Balancers route. Which ALBs there are is the
 * candidate's deployment decision (src/deployment/load-balancers.ts), priced and generated alike.
 */
import type { ServicePlan, StackPlan } from './stack-plan.js';

export interface LoadBalancerPlan {
  scheme: 'public' | 'internal';
  /**
   * `public`, `internal`; `public-2`, `public-3`, ... for the further ALBs of a scheme with more services
   * than one ALB holds (src/deployment/load-balancers.ts), so the first keeps the plain name.
   */
  name: string;
  /** Its position among the ALBs of its scheme, from 0. */
  index: number;
  /** How many ALBs its scheme has. */
  ofScheme: number;
  services: ServicePlan[];
  /** Several services share the load balancer: each gets a host name (`<service>.<domain>`). */
  hostRouting: boolean;
}

/** The candidate's load balancers with the plan's services behind each; several share one by host name. */
export function planLoadBalancers(plan: StackPlan): LoadBalancerPlan[] {
  return plan.loadBalancers.map((lb) => {
    const ofScheme = plan.loadBalancers.filter((l) => l.scheme === lb.scheme);
    const index = ofScheme.indexOf(lb);
    const services = plan.services.filter((s) => lb.services.includes(s.name));
    return {
      scheme: lb.scheme,
      name: index === 0 ? lb.scheme : `${lb.scheme}-${index + 1}`,
      index,
      ofScheme: ofScheme.length,
      services,
      hostRouting: services.length > 1,
    };
  });
}

/** The load balancer a service sits behind, if any. */
export function loadBalancerOf(plan: StackPlan, service: ServicePlan): LoadBalancerPlan | undefined {
  return planLoadBalancers(plan).find((lb) => lb.services.some((s) => s.name === service.name));
}

/** The schemes the candidate has load balancers of, public first. */
export function loadBalancerSchemes(plan: StackPlan): ('public' | 'internal')[] {
  return (['public', 'internal'] as const).filter((scheme) =>
    plan.loadBalancers.some((lb) => lb.scheme === scheme),
  );
}

/** The services behind one ALB of a split scheme, by the first and last of them, for comments. */
export function describeLoadBalancerServices(lb: LoadBalancerPlan): string {
  const first = lb.services[0]?.name ?? '';
  const last = lb.services[lb.services.length - 1]?.name ?? '';
  return lb.services.length > 1 ? `${lb.services.length} services, ${first} to ${last}` : first;
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
