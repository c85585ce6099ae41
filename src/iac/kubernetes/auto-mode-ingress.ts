/**
 * @module auto-mode-ingress: the IngressClasses of an EKS Auto Mode stack. Auto Mode's load balancing reads
 * the scheme and the shared-ALB group from an IngressClassParams, not from Ingress annotations, so each
 * (scheme, group) the Ingresses use gets its own IngressClass, named as the group.
 * https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html
 */
import type { IngressClass } from 'kubernetes-types/networking/v1.js';
import type { StackPlan } from '../stack-plan.js';
import { ingressGroup, ingressGroupName } from './service-objects.js';

export interface IngressClassParamsObject {
  apiVersion: 'eks.amazonaws.com/v1';
  kind: 'IngressClassParams';
  metadata: { name: string };
  spec: { scheme: 'internet-facing' | 'internal'; group: { name: string } };
}

/** The IngressClassParams and IngressClass of every ALB group the services use, in scheme order. */
export function autoModeIngressClasses(plan: StackPlan): (IngressClassParamsObject | IngressClass)[] {
  const out: (IngressClassParamsObject | IngressClass)[] = [];
  for (const exposure of ['public', 'internal'] as const) {
    const exposed = plan.services.filter((s) => s.exposure === exposure);
    const groups = new Set(exposed.map((_, i) => ingressGroup(i)));
    for (const group of groups) {
      const name = ingressGroupName(plan, exposure, group);
      out.push(
        {
          apiVersion: 'eks.amazonaws.com/v1',
          kind: 'IngressClassParams',
          metadata: { name },
          spec: { scheme: exposure === 'public' ? 'internet-facing' : 'internal', group: { name } },
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
      );
    }
  }
  return out;
}
