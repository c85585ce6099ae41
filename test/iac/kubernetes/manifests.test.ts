/**
 * The manifests apply in file order (namespaces first, then the classes that StatefulSets and Ingresses
 * name), privileged agents get a namespace of their own,
 * and no IngressGroup holds more Ingresses than an ALB holds target groups.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../../src/advisor/advise.js';
import { generateIac } from '../../../src/iac/generate.js';
import { ingressGroupName } from '../../../src/iac/kubernetes/service-objects.js';
import { planLoadBalancers } from '../../../src/iac/load-balancers.js';
import type { StackPlan } from '../../../src/iac/stack-plan.js';
import { heuristicFleetSolver } from '../../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../../src/workload/schema.js';
import { type Manifest, parseManifests } from '../helpers/kubernetes-check.js';
import { generateAll, loadScenarios } from '../helpers/scenarios.js';

const scenarios = await loadScenarios();
const sets = scenarios.flatMap((s) => generateAll(s, 'kubernetes'));

describe('apply order', () => {
  it.each(sets.map((s) => [`${s.scenario} ${s.candidate}`, s] as const))(
    '%s: the first file in name order holds every Namespace, and no other file does',
    (_label, s) => {
      const files = [...s.output.files].sort((a, b) => (a.path < b.path ? -1 : 1));
      const kinds = files.map((f) => parseManifests(f.contents, f.path).map((m) => m.kind));
      expect(files[0]?.path).toBe('00-namespace.yaml');
      expect(kinds[0]?.every((k) => k === 'Namespace')).toBe(true);
      expect(kinds.slice(1).flat()).not.toContain('Namespace');
    },
  );
});

/** Where each object names a class defined elsewhere: StatefulSet claims a StorageClass, an Ingress its IngressClass. */
function classReferences(m: Manifest): { kind: string; name: string }[] {
  // biome-ignore lint/suspicious/noExplicitAny: parsed YAML, read by path
  const spec = m.spec as any;
  if (m.kind === 'StatefulSet')
    return (spec?.volumeClaimTemplates ?? [])
      .map((t: { spec?: { storageClassName?: string } }) => t.spec?.storageClassName)
      .filter((n: unknown): n is string => typeof n === 'string')
      .map((name: string) => ({ kind: 'StorageClass', name }));
  if (m.kind === 'PersistentVolumeClaim' && typeof spec?.storageClassName === 'string')
    return [{ kind: 'StorageClass', name: spec.storageClassName }];
  if (m.kind === 'Ingress' && typeof spec?.ingressClassName === 'string')
    return [{ kind: 'IngressClass', name: spec.ingressClassName }];
  return [];
}

describe('classes apply before what uses them', () => {
  const checked = sets.map((s) => {
    const files = [...s.output.files].sort((a, b) => (a.path < b.path ? -1 : 1));
    const parsed = files.map((f) => ({ path: f.path, manifests: parseManifests(f.contents, f.path) }));
    const definedIn = new Map<string, number>();
    parsed.forEach((f, i) => {
      for (const m of f.manifests)
        if (m.kind === 'StorageClass' || m.kind === 'IngressClass')
          definedIn.set(`${m.kind}/${(m.metadata as { name: string }).name}`, i);
    });
    const uses = parsed.flatMap((f, i) =>
      f.manifests.flatMap((m) =>
        classReferences(m)
          .filter((r) => definedIn.has(`${r.kind}/${r.name}`))
          .map((r) => ({
            file: f.path,
            position: i,
            ref: `${r.kind}/${r.name}`,
            definedAt: definedIn.get(`${r.kind}/${r.name}`) as number,
          })),
      ),
    );
    return { label: `${s.scenario} ${s.candidate}`, files: parsed.map((f) => f.path), uses };
  });

  it('covers a StatefulSet on a StorageClass of its own set (s11) and Ingresses on Auto Mode IngressClasses', () => {
    const all = checked.flatMap((c) => c.uses.map((u) => `${c.label} ${u.ref}`));
    expect(all).toContain('s11-kafka-ebs eks-ec2 StorageClass/gp3');
    expect(all.some((u) => u.includes('eks-auto-mode IngressClass/'))).toBe(true);
  });

  it.each(checked.map((c) => [c.label, c] as const))(
    '%s: every StorageClass and IngressClass is in a file that sorts before the objects naming it',
    (_label, c) => {
      for (const u of c.uses)
        expect(u.definedAt, `${u.file} names ${u.ref}, defined in ${c.files[u.definedAt]}`).toBeLessThan(
          u.position,
        );
    },
  );
});

describe('privileged agents', () => {
  it('puts a privileged host-network agent in its own privileged namespace; the services stay restricted', async () => {
    const rec = await advise(
      {
        name: 'agents',
        team: { kubernetesExperience: 'expert' },
        services: [
          { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, exposure: 'public' },
          {
            name: 'node-agent',
            cpu: 0.25,
            memory: '256 MiB',
            needs: { daemon: true, privileged: true, hostNetworking: true },
          },
        ],
      } as WorkloadInput,
      { fleetSolver: heuristicFleetSolver },
    );
    const files = generateIac(rec, 'kubernetes', { candidate: 'eks-ec2' }).files;
    const all: Manifest[] = files.flatMap((f) => parseManifests(f.contents, f.path));
    const namespaces = all
      .filter((m) => m.kind === 'Namespace')
      .map((m) => {
        const meta = m.metadata as { name: string; labels: Record<string, string> };
        return [meta.name, meta.labels['pod-security.kubernetes.io/enforce']];
      });
    expect(namespaces).toEqual([
      ['agents', 'restricted'],
      ['agents-agents', 'privileged'],
    ]);
    const namespaceOf = (kind: string, name: string) => {
      const found = all.find((m) => m.kind === kind && (m.metadata as { name: string }).name === name);
      return (found?.metadata as { namespace?: string } | undefined)?.namespace;
    };
    expect(namespaceOf('DaemonSet', 'node-agent')).toBe('agents-agents');
    expect(namespaceOf('ServiceAccount', 'node-agent')).toBe('agents-agents');
    expect(namespaceOf('Deployment', 'web')).toBe('agents');
  });
});

describe('IngressGroups of at most 100 Ingresses', () => {
  it('names the group of each priced ALB: the first of a scheme plainly, the next ones numbered from 2', () => {
    const plan = {
      name: 'platform',
      services: [],
      loadBalancers: [
        { scheme: 'internal', services: ['a'] },
        { scheme: 'internal', services: ['b'] },
      ],
    } as unknown as StackPlan;
    expect(planLoadBalancers(plan).map((lb) => ingressGroupName(plan, lb))).toEqual([
      'platform-internal',
      'platform-internal-2',
    ]);
  });

  it('splits 201 internal services into groups of 100, 100 and 1', async () => {
    const services = Array.from({ length: 201 }, (_, i) => ({
      name: `svc-${String(i + 1).padStart(3, '0')}`,
      cpu: 0.25,
      memory: '512 MiB',
      replicas: 1,
      exposure: 'internal' as const,
    }));
    const rec = await advise(
      { name: 'platform', team: { kubernetesExperience: 'expert' }, services } as WorkloadInput,
      {
        fleetSolver: heuristicFleetSolver,
      },
    );
    const files = generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' }).files;
    const groups = new Map<string, number>();
    for (const m of files.flatMap((f) => parseManifests(f.contents, f.path)))
      if (m.kind === 'Ingress') {
        const name = (m.metadata as { annotations: Record<string, string> }).annotations[
          'alb.ingress.kubernetes.io/group.name'
        ] as string;
        groups.set(name, (groups.get(name) ?? 0) + 1);
      }
    expect(groups).toEqual(
      new Map([
        ['platform-internal', 100],
        ['platform-internal-2', 100],
        ['platform-internal-3', 1],
      ]),
    );
    // One priced ALB per group.
    const candidate = rec.candidates.find((c) => c.id === 'eks-fargate');
    expect(candidate?.cost?.lineItems.filter((l) => l.priceId === 'alb:hour')).toHaveLength(3);
  }, 120_000);
});
