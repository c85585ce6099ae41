/** @module service-objects: what surrounds a service's pods: account, Service, Ingress, autoscaler, disruption budget. */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Service, ServiceAccount } from 'kubernetes-types/core/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { keptMinimum } from '../../deployment/kept-pod.js';
import { serviceNamespace } from '../eks.js';
import { HEALTH_CHECK, type LoadBalancerPlan, loadBalancerOf } from '../load-balancers.js';
import { toDnsLabel } from '../names.js';
import { CPU_TARGET_PERCENT, SCALE_IN_COOLDOWN_SECONDS } from '../scaling.js';
import type { ServicePlan, StackPlan } from '../stack-plan.js';
import { isAutoMode } from './auto-mode-node-pools.js';
import { selectorLabels, serviceLabels } from './pod-spec.js';

/**
 * Reserved for documentation (RFC 2606): the hosts public Ingresses answer on, and the AWS Load Balancer
 * Controller finds the ACM certificate for, until replaced with the real domain.
 */
export const PLACEHOLDER_DOMAIN = 'example.com';

function metadata(plan: StackPlan, service: ServicePlan, name = service.name) {
  return { name, namespace: serviceNamespace(plan, service), labels: serviceLabels(plan, service) };
}

export function serviceAccount(plan: StackPlan, service: ServicePlan): ServiceAccount {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(plan, service),
    automountServiceAccountToken: false,
  };
}

/** ClusterIP Service for exposed services; a headless one gives StatefulSet pods stable names. */
export function services(plan: StackPlan, service: ServicePlan): Service[] {
  const out: Service[] = [];
  if (service.exposure !== 'none') {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(plan, service),
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels(service),
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    });
  }
  if (service.persistentVolume !== null && service.kind === 'service') {
    const port = service.exposure === 'none' ? 'app' : 'http';
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(plan, service, `${service.name}-headless`),
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: selectorLabels(service),
        ports: [{ name: port, port: service.port, targetPort: port, protocol: 'TCP' }],
      },
    });
  }
  return out;
}

/**
 * The IngressGroup of one priced ALB: the first of a scheme keeps the plain name, further ones (a scheme
 * with more services than one ALB holds, src/deployment/load-balancers.ts) are numbered from 2.
 */
export function ingressGroupName(plan: StackPlan, lb: LoadBalancerPlan): string {
  return toDnsLabel([plan.name, lb.name]);
}

/**
 * An ALB through the AWS Load Balancer Controller, with IP targets (the only kind Fargate pods can be).
 * The services behind one priced ALB share it as one IngressGroup; each Ingress has one backend, so one
 * target group, and where the ALB is shared one host rule.
 * https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
 */
export function ingress(plan: StackPlan, service: ServicePlan): Ingress | null {
  const lb = loadBalancerOf(plan, service);
  if (service.exposure === 'none' || lb === undefined) return null;
  const group = ingressGroupName(plan, lb);
  const isPublic = service.exposure === 'public';
  const host = `${service.name}.${PLACEHOLDER_DOMAIN}`;
  // Auto Mode takes the scheme and the group from the IngressClass (auto-mode-ingress.ts), not annotations.
  const autoMode = isAutoMode(plan);
  const annotations: Record<string, string> = {
    ...(autoMode
      ? {}
      : {
          'alb.ingress.kubernetes.io/scheme': isPublic ? 'internet-facing' : 'internal',
        }),
    'alb.ingress.kubernetes.io/target-type': 'ip',
    ...(autoMode ? {} : { 'alb.ingress.kubernetes.io/group.name': group }),
    'alb.ingress.kubernetes.io/healthcheck-path': HEALTH_CHECK.path,
    'alb.ingress.kubernetes.io/success-codes': HEALTH_CHECK.matcher,
    ...(isPublic
      ? {
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
          'alb.ingress.kubernetes.io/ssl-redirect': '443',
          'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        }
      : { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}]' }),
  };
  const backend = { service: { name: service.name, port: { name: 'http' } } };
  const path = { path: '/', pathType: 'Prefix', backend };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { ...metadata(plan, service), annotations },
    spec: {
      ingressClassName: autoMode ? group : 'alb',
      ...(isPublic ? { tls: [{ hosts: [host] }] } : {}),
      rules: [isPublic || lb.hostRouting ? { host, http: { paths: [path] } } : { http: { paths: [path] } }],
    },
  };
}

export function autoscaler(plan: StackPlan, service: ServicePlan): HorizontalPodAutoscaler | null {
  if (!service.replicas.autoscaled) return null;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(plan, service),
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: service.persistentVolume === null ? 'Deployment' : 'StatefulSet',
        name: service.name,
      },
      // An HPA cannot scale to zero: a workload minimum of 0 keeps one pod, which the recommendation prices.
      minReplicas: keptMinimum(plan.orchestrator, service),
      maxReplicas: service.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: CPU_TARGET_PERCENT } },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: SCALE_IN_COOLDOWN_SECONDS } },
    },
  };
}

/** One pod at a time may be evicted (node drains, upgrades); works for one replica as for many. */
export function disruptionBudget(plan: StackPlan, service: ServicePlan): PodDisruptionBudget | null {
  if (service.kind !== 'service') return null;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(plan, service),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(service) } },
  };
}
