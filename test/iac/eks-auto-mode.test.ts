/**
 * EKS Auto Mode starter code: the cluster turns on Auto Mode's compute, load balancing and block storage
 * with the IAM policies AWS documents, installs none of what Auto Mode runs itself, and its NodePools
 * launch only the instance types Berth priced, up to the priced peak plus one node of the largest type.
 */
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate.js';
import {
  AUTO_MODE_CLUSTER_POLICIES,
  AUTO_MODE_NODE_POLICIES,
} from '../../src/iac/terraform/eks-auto-mode-stack.js';
import { OFFLINE_PROVIDER_OVERRIDE } from '../../src/iac/terraform/terraform-blocks.js';
import type { IacFile } from '../../src/model/iac.js';
import { parseManifests } from './helpers/kubernetes-check.js';
import { standIn, withManagedCandidate } from './helpers/managed-candidates.js';
import { loadScenarios } from './helpers/scenarios.js';
import { checkTerraform, type ParsedTerraform, parseTerraform } from './helpers/terraform-check.js';
import {
  dummyInputs,
  isPlannedOffline,
  planOffline,
  terraformUnavailable,
  validateWithTerraform,
} from './helpers/terraform-cli.js';

const scenarios = await loadScenarios();
const withAuto = scenarios.flatMap((s) => {
  const rec = withManagedCandidate(s.rec, 'eks-auto-mode');
  const candidate = rec?.candidates.find((c) => c.id === 'eks-auto-mode');
  return rec === null || candidate === undefined ? [] : [{ name: s.name, rec, candidate }];
});
const linux = withAuto.filter((c) => c.candidate.deployment?.nodePools.every((p) => p.os === 'linux'));
const cases = linux.map((c) => ({
  ...c,
  terraform: generateIac(c.rec, 'terraform', { candidate: 'eks-auto-mode' }).files,
  kubernetes: generateIac(c.rec, 'kubernetes', { candidate: 'eks-auto-mode' }).files,
}));

function contents(files: readonly IacFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (found === undefined) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`);
  return found.contents;
}

type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;
function resources(parsed: Map<string, ParsedTerraform>): Blocks {
  const all: Blocks = {};
  for (const doc of parsed.values())
    for (const [type, byLabel] of Object.entries((doc.resource ?? {}) as Blocks))
      all[type] = { ...(all[type] ?? {}), ...byLabel };
  return all;
}

describe('EKS Auto Mode starter code', () => {
  it('covers the examples whose EKS candidate runs on Linux nodes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    expect(cases.map((c) => c.name)).toContain('s02-gpu-inference');
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: Auto Mode on, with the documented roles, and nothing Auto Mode runs itself',
    async (_name, c) => {
      const root = c.terraform.filter(isPlannedOffline);
      const parsed = await parseTerraform(root);
      expect(checkTerraform(parsed)).toEqual([]);
      const r = resources(parsed);
      const cluster = r.aws_eks_cluster?.this?.[0] as Record<string, { [k: string]: unknown }[]>;
      expect(cluster.bootstrap_self_managed_addons).toBe(false);
      expect(cluster.compute_config).toEqual([{ enabled: true }]);
      expect(cluster.kubernetes_network_config).toEqual([{ elastic_load_balancing: [{ enabled: true }] }]);
      expect(cluster.storage_config).toEqual([{ block_storage: [{ enabled: true }] }]);
      const attached = (role: string) =>
        Object.values(r.aws_iam_role_policy_attachment ?? {})
          .map((b) => b[0] as { role: string; policy_arn: string })
          .filter((b) => b.role === `\${aws_iam_role.${role}.name}`)
          .map((b) => b.policy_arn.replace('arn:aws:iam::aws:policy/', ''))
          .sort();
      expect(attached('cluster')).toEqual([...AUTO_MODE_CLUSTER_POLICIES].sort());
      expect(attached('auto_nodes')).toEqual([...AUTO_MODE_NODE_POLICIES].sort());
      expect(AUTO_MODE_CLUSTER_POLICIES).toContain('AmazonEKSComputePolicy');
      expect(Object.keys(r.aws_eks_access_entry ?? {})).toEqual(['auto_nodes']);
      // No node groups, Fargate profiles, add-ons Auto Mode runs, Karpenter or load balancer controller.
      for (const type of ['aws_eks_node_group', 'aws_eks_fargate_profile', 'aws_eks_addon'])
        expect(r[type], type).toBeUndefined();
      // No Karpenter interruption queue: the only queues are the work queues of queue workers (S4's batch job).
      expect(Object.keys(r.aws_sqs_queue ?? {}).filter((q) => !/_queue(_dlq)?$/.test(q))).toEqual([]);
      const platform = c.terraform
        .filter((f) => f.path.startsWith('platform/'))
        .map((f) => f.contents)
        .join('\n');
      expect(platform).not.toMatch(
        /chart += "(karpenter|aws-load-balancer-controller|nvidia-device-plugin)"/,
      );
      expect(platform).toContain('resource "helm_release" "node_pools"');
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: the NodePools launch only the priced types, up to the priced peak plus one node',
    (_name, c) => {
      const pools = c.candidate.deployment?.nodePools ?? [];
      expect(pools.length).toBeGreaterThan(0);
      const header = contents(c.terraform, 'cluster.tf');
      for (const pool of pools) {
        const [nodePool] = parseManifests(
          contents(c.terraform, `platform/node-pools/templates/${pool.name}.yaml`),
          pool.name,
        ) as {
          spec: {
            template: { spec: { requirements: { key: string; values: string[] }[] } };
            limits: { cpu: string; memory: string };
          };
        }[];
        const req = Object.fromEntries(
          (nodePool?.spec.template.spec.requirements ?? []).map((q) => [q.key, q.values]),
        );
        expect(req['node.kubernetes.io/instance-type']).toEqual(pool.instanceTypes);
        expect(req['kubernetes.io/arch']).toEqual([pool.architecture === 'arm64' ? 'arm64' : 'amd64']);
        expect(req['karpenter.sh/capacity-type']).toEqual([pool.spot ? 'spot' : 'on-demand']);
        expect(req['kubernetes.io/os'], 'Auto Mode does not support this label').toBeUndefined();
        const size = (t: string) => pool.instanceSizes.find((s) => s.instanceType === t);
        const peakVcpu = pool.peak.reduce((n, l) => n + (size(l.instanceType)?.vcpu ?? 0) * l.count, 0);
        const peakMiB = pool.peak.reduce((n, l) => n + (size(l.instanceType)?.memoryMiB ?? 0) * l.count, 0);
        const largest = Math.max(...pool.instanceSizes.map((s) => s.vcpu));
        const largestMiB = Math.max(
          ...pool.instanceSizes.filter((s) => s.vcpu === largest).map((s) => s.memoryMiB),
        );
        expect(nodePool?.spec.limits).toEqual({
          cpu: String(peakVcpu + largest),
          memory: `${Math.ceil(peakMiB + largestMiB)}Mi`,
        });
        // The header lists the priced fleet.
        expect(header).toContain(
          `pool ${pool.name}: ${pool.peak.map((l) => `${l.count} × ${l.instanceType}`).join(' + ')}`,
        );
      }
    },
  );

  it('s02: the GPU pool may hold its one priced g4dn.2xlarge and one more (8 vCPU, 32 GiB each)', () => {
    const s02 = cases.find((c) => c.name === 's02-gpu-inference');
    const text = contents(s02?.terraform ?? [], 'platform/node-pools/templates/gpu.yaml');
    expect(text).toContain('- g4dn.2xlarge');
    expect(text).toMatch(/cpu: "16"\n {4}memory: 65536Mi/);
    expect(text).toContain('effect: NoSchedule');
  });

  it('manifests use Auto Mode: IngressClass of eks.amazonaws.com/alb, no group annotation, its EBS provisioner', () => {
    const web = cases.find((c) => c.name === 's01-small-web-app');
    const classes = parseManifests(contents(web?.kubernetes ?? [], '03-ingress-classes.yaml'), 'classes');
    expect(classes.map((m) => `${m.apiVersion}/${m.kind}`)).toEqual([
      'eks.amazonaws.com/v1/IngressClassParams',
      'networking.k8s.io/v1/IngressClass',
    ]);
    expect((classes[1]?.spec as { controller?: string } | undefined)?.controller).toBe(
      'eks.amazonaws.com/alb',
    );
    const ingress = parseManifests(contents(web?.kubernetes ?? [], 'web.yaml'), 'web').find(
      (m) => m.kind === 'Ingress',
    ) as { metadata: { annotations: Record<string, string> }; spec: { ingressClassName: string } };
    expect(ingress.spec.ingressClassName).toBe('small-web-app-public');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/group.name']).toBeUndefined();
    const stateful = cases.find((c) => c.kubernetes.some((f) => f.path === '02-storage-class.yaml'));
    expect(stateful, 'an example with a persistent volume').toBeDefined();
    expect(contents(stateful?.kubernetes ?? [], '02-storage-class.yaml')).toContain(
      'provisioner: ebs.csi.eks.amazonaws.com',
    );
  });

  it('refuses a Windows pool: Auto Mode runs Linux nodes only', () => {
    // The rules exclude Auto Mode for s07; the generator refuses too, should it be asked.
    const s07 = scenarios.find((s) => s.name === 's07-windows-dotnet');
    expect(s07?.rec.candidates.find((c) => c.id === 'eks-auto-mode')?.feasible).toBe(false);
    const rec = s07 === undefined ? null : standIn(s07.rec, 'eks-auto-mode');
    expect(rec, 'a stand-in with Windows nodes').not.toBeNull();
    expect(() => generateIac(rec as never, 'terraform', { candidate: 'eks-auto-mode' })).toThrow(
      /EKS Auto Mode runs Linux nodes only/,
    );
  });

  it('passes terraform validate and an offline plan with the local AWS provider', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED EKS Auto Mode terraform validate and plan: ${why}. ***\n`);
      ctx.skip();
    }
    const stacks = await Promise.all(
      cases.map(async (c) => {
        const files = c.terraform.filter(isPlannedOffline);
        return { name: c.name, files, inputs: dummyInputs(await parseTerraform(files)) };
      }),
    );
    const verdict = await validateWithTerraform(stacks);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.valid).toBe(true);
    const plan = await planOffline(stacks, OFFLINE_PROVIDER_OVERRIDE);
    expect(plan.error).toBeNull();
    for (const c of cases) expect(plan.planned[c.name] ?? [], c.name).toContain('aws_eks_cluster.this');
  }, 600_000);
});
