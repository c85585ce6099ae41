/**
 * The Application Load Balancers generated code would launch, read back from Terraform, CloudFormation and
 * Kubernetes manifests, and the ALBs a candidate was priced for, so the two can be compared.
 */
import type { Candidate } from '../../../src/model/candidate.js';
import type { Manifest } from './kubernetes-check.js';
import type { ParsedTerraform } from './terraform-check.js';

export type Scheme = 'public' | 'internal';

/** One launched ALB: its scheme and what identifies it in the generated code. */
export interface LaunchedAlb {
  scheme: Scheme;
  name: string;
}

/** Per scheme, how many ALB-hour lines the candidate's cost has (each one ALB for the month). */
export function pricedAlbs(candidate: Candidate): Record<Scheme, number> {
  const hours = candidate.cost?.lineItems.filter((l) => l.priceId === 'alb:hour') ?? [];
  return {
    public: hours.filter((l) => l.description.startsWith('Internet-facing')).length,
    internal: hours.filter((l) => l.description.startsWith('Internal')).length,
  };
}

export function countByScheme(albs: readonly LaunchedAlb[]): Record<Scheme, number> {
  return {
    public: albs.filter((a) => a.scheme === 'public').length,
    internal: albs.filter((a) => a.scheme === 'internal').length,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: hcl2json output, read by path
type Tree = any;

export function terraformAlbs(parsed: Map<string, ParsedTerraform>): LaunchedAlb[] {
  const out: LaunchedAlb[] = [];
  for (const doc of parsed.values()) {
    const lbs = ((doc as Tree).resource?.aws_lb ?? {}) as Record<string, Tree[]>;
    for (const [label, [body]] of Object.entries(lbs))
      out.push({ scheme: body?.internal === true ? 'internal' : 'public', name: `aws_lb.${label}` });
  }
  return out;
}

export function cloudFormationAlbs(template: {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
}): LaunchedAlb[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')
    .map(([id, r]) => ({ scheme: r.Properties.Scheme === 'internal' ? 'internal' : 'public', name: id }));
}

/**
 * The ALBs the Ingresses make: the AWS Load Balancer Controller makes one per IngressGroup (an Ingress
 * without a group gets its own), and EKS Auto Mode one per group of an IngressClassParams.
 * Also the Ingresses in each, to check no ALB holds more target groups than it may.
 */
export function manifestAlbs(manifests: readonly Manifest[]): (LaunchedAlb & { ingresses: number })[] {
  const params = new Map<string, { scheme: Scheme; group: string }>();
  const classes = new Map<string, string>();
  for (const m of manifests) {
    const meta = m.metadata as { name: string };
    const spec = m.spec as Tree;
    if (m.kind === 'IngressClassParams')
      params.set(meta.name, {
        scheme: spec.scheme === 'internal' ? 'internal' : 'public',
        group: spec.group?.name ?? `class:${meta.name}`,
      });
    if (m.kind === 'IngressClass' && spec.parameters?.kind === 'IngressClassParams')
      classes.set(meta.name, spec.parameters.name);
  }
  const albs = new Map<string, LaunchedAlb & { ingresses: number }>();
  for (const m of manifests) {
    if (m.kind !== 'Ingress') continue;
    const meta = m.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
    const notes = meta.annotations ?? {};
    const fromClass = params.get(classes.get((m.spec as Tree).ingressClassName) ?? '');
    const scheme: Scheme =
      (fromClass?.scheme ?? notes['alb.ingress.kubernetes.io/scheme']) === 'internal' ? 'internal' : 'public';
    const name =
      fromClass?.group ?? notes['alb.ingress.kubernetes.io/group.name'] ?? `${meta.namespace}/${meta.name}`;
    const alb = albs.get(name) ?? { scheme, name, ingresses: 0 };
    alb.ingresses++;
    albs.set(name, alb);
  }
  return [...albs.values()];
}
