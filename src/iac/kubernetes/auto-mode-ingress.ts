/**
 * @module auto-mode-ingress: the IngressClasses of an EKS Auto Mode stack. Auto Mode's load balancing reads
 * the scheme and the shared-ALB group from an IngressClassParams, not from Ingress annotations, so each
 * priced ALB gets its own IngressClass, named as its group.
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html
 */
import type { IngressClass } from 'kubernetes-types/networking/v1.js';
import { planLoadBalancers } from '../load-balancers.js';
import type { StackPlan } from '../stack-plan.js';
import { ingressGroupName } from './service-objects.js';

export interface IngressClassParamsObject {
  apiVersion: 'eks.amazonaws.com/v1';
  kind: 'IngressClassParams';
  metadata: { name: string };
  spec: { scheme: 'internet-facing' | 'internal'; group: { name: string } };
}

/** The IngressClassParams and IngressClass of every priced ALB, in scheme order. */
export function autoModeIngressClasses(plan: StackPlan): (IngressClassParamsObject | IngressClass)[] {
  return planLoadBalancers(plan).flatMap((lb) => {
    const name = ingressGroupName(plan, lb);
    return [
      {
        apiVersion: 'eks.amazonaws.com/v1',
        kind: 'IngressClassParams',
        metadata: { name },
        spec: { scheme: lb.scheme === 'public' ? 'internet-facing' : 'internal', group: { name } },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name },
        spec: {
          controller: 'eks.amazonaws.com/alb',
          parameters: { apiGroup: 'eks.amazonaws.com', kind: 'IngressClassParams', name },
        },
      },
    ];
  });
}
