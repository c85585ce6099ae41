/**
 * @module alb-targets: the ECS tasks behind a scheme's load balancers that have security groups of their
 * own (awsvpc), which the starter code also puts in one shared "targets" group, so the load balancer's group
 * needs one outbound rule to reach all of them, not one per service.
 *
 * A security group holds at most 60 inbound and 60 outbound rules by default; one rule per service on the
 * load balancer's group made `terraform apply` and CloudFormation fail past 60 services behind one scheme.
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 * The outbound rule may span every port of those services: each task's own group admits only its own port
 * from the load balancer, and the shared group admits nothing, so no task can be reached on another port
 * (docs/starter-code.md#security-groups-behind-the-load-balancers).
 */
import { ecsNetworkMode } from './ecs-task.js';
import type { ServicePlan, StackPlan } from './stack-plan.js';

export interface AlbTargets {
  services: ServicePlan[];
  /** The lowest and highest container port among them. */
  ports: { from: number; to: number };
}

/**
 * The scheme whose targets group a service joins: the scheme of its load balancer when it reaches it through
 * a security group of its own (awsvpc); null for a service behind no load balancer, or on the host's network.
 */
export function albTargetsScheme(service: ServicePlan): 'public' | 'internal' | null {
  return service.exposure !== 'none' && ecsNetworkMode(service) === 'awsvpc' ? service.exposure : null;
}

/** The awsvpc services behind the scheme's load balancers, and their port span; null when there are none. */
export function albTargetsOf(plan: StackPlan, scheme: 'public' | 'internal'): AlbTargets | null {
  const services = plan.services.filter((s) => albTargetsScheme(s) === scheme);
  if (services.length === 0) return null;
  const ports = services.map((s) => s.port);
  return { services, ports: { from: Math.min(...ports), to: Math.max(...ports) } };
}

/** The comment on the targets group, in either target language. */
export const ALB_TARGETS_NOTE: readonly string[] = [
  'No rules of its own: every task behind these ALBs joins it beside its own group, so the ALB needs one',
  'outbound rule for all of them (a security group holds 60 rules per direction by default). Each',
  "task's own group admits only its port from the ALB.",
];

/** The targets group's description. */
export function albTargetsDescription(plan: StackPlan, scheme: 'public' | 'internal'): string {
  return `Tasks behind the ${scheme === 'public' ? 'internet-facing' : 'internal'} ALBs of ${plan.name}`;
}

/** The ALB's outbound rule's description. */
export function albToTargetsDescription({ from, to }: AlbTargets['ports']): string {
  return `To the tasks behind the ALB (${from === to ? `port ${from}` : `ports ${from}-${to}`})`;
}
