/**
 * The EKS platform layer: Karpenter's NodePools come from the priced fleet and give HPA and CronJob pods
 * nodes; the main stack creates what Karpenter and the load balancer controller need; platform/ parses
 * and is terraform-fmt clean (terraform validate of it needs the Helm provider, absent from the local
 * mirror, and says so when it skips).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate.js';
import { generatableCandidates } from '../../src/iac/targets.js';
import { CLUSTER_AUTOSCALER_VERSION } from '../../src/iac/terraform/eks-platform.js';
import { KUBERNETES_VERSION } from '../../src/iac/terraform/eks-stack.js';
import type { IacFile } from '../../src/model/iac.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { FIXTURES_DIR } from '../helpers/workloads.js';
import { type Manifest, parseManifests } from './helpers/kubernetes-check.js';
import { loadScenarios } from './helpers/scenarios.js';
import { parseTerraform } from './helpers/terraform-check.js';
import { terraformUnavailable } from './helpers/terraform-cli.js';

const PLUGIN_DIR = process.env.TF_PLUGIN_DIR ?? '/opt/tf-plugins';

// With a day-time service beside a nightly job, whose day runs types neither the busiest nor the median hour does.
// And a CPU-heavy day beside a memory-heavy night, whose busiest (costliest) hour runs less vCPU than the day.
const scenarios = await loadScenarios(
  ['diurnal-and-nightly.yaml', 'day-cpu-night-memory.yaml'].map((f) => path.join(FIXTURES_DIR, f)),
);
const stacks = scenarios.flatMap((scenario) =>
  generatableCandidates(scenario.rec)
    .filter((id) => id === 'eks-ec2' || id === 'eks-mixed')
    .map((id) => ({
      label: `${scenario.name} ${id}`,
      scenario,
      id,
      terraform: generateIac(scenario.rec, 'terraform', { candidate: id }).files,
      kubernetes: generateIac(scenario.rec, 'kubernetes', { candidate: id }).files,
    })),
);

function stack(label: string) {
  const found = stacks.find((s) => s.label === label);
  if (found === undefined) throw new Error(`no stack ${label}`);
  return found;
}

/** Parsed YAML and Terraform, walked by path; the assertions check the values. */
// biome-ignore lint/suspicious/noExplicitAny: parsed documents are walked by path, and every value read is asserted
type Tree = Record<string, any>;

/** `${expression}`, as hcl2json writes a Terraform reference. */
const tfRef = (expression: string) => `\${${expression}}`;

function nodePools(files: readonly IacFile[]): Tree[] {
  return files
    .filter((f) => f.path.startsWith('platform/node-pools/templates/'))
    .flatMap((f) => parseManifests(f.contents, f.path))
    .filter((m) => m.kind === 'NodePool') as Tree[];
}

async function resources(files: readonly IacFile[], type: string): Promise<Record<string, Tree>> {
  const out: Record<string, Tree> = {};
  for (const doc of (await parseTerraform(files)).values()) {
    const section = ((doc.resource ?? {}) as Record<string, Record<string, Tree[]>>)[type] ?? {};
    for (const [name, [body]] of Object.entries(section)) if (body !== undefined) out[name] = body;
  }
  return out;
}

/** True when a NodePool can launch a node for a pod with this nodeSelector and these tolerations. */
function admits(pool: Tree, pod: Tree): boolean {
  const labels: Record<string, string> = pool.spec.template.metadata.labels;
  const requirements: { key: string; values: string[] }[] = pool.spec.template.spec.requirements;
  const selector: Record<string, string> = pod.nodeSelector ?? {};
  const fits = Object.entries(selector).every(([key, value]) => {
    if (labels[key] !== undefined) return labels[key] === value;
    const requirement = requirements.find((r) => r.key === key);
    return requirement?.values.includes(value) ?? false;
  });
  const taints: { key: string }[] = pool.spec.template.spec.taints ?? [];
  const tolerated = taints.every((t) =>
    (pod.tolerations ?? []).some((o: Tree) => o.key === t.key || o.operator === 'Exists'),
  );
  return fits && tolerated;
}

function podSpec(manifests: Manifest[], kind: string): Tree {
  const object = manifests.find((m) => m.kind === kind) as Tree | undefined;
  if (object === undefined) throw new Error(`no ${kind}`);
  return kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec;
}

describe('Karpenter NodePools from the priced fleet', () => {
  it.each(stacks.map((s) => [s.label, s] as const))(
    '%s: one NodePool per Linux pool, its types, consolidation on, limits from the fleet',
    (_label, s) => {
      const candidate = s.scenario.rec.candidates.find((c) => c.id === s.id);
      const pools = (candidate?.deployment?.nodePools ?? []).filter((p) => p.os === 'linux' && !p.dedicated);
      const objects = nodePools(s.terraform);
      expect(objects.map((o) => o.metadata.name).sort()).toEqual(pools.map((p) => p.name).sort());
      for (const pool of pools) {
        const object = objects.find((o) => o.metadata.name === pool.name) as Tree;
        expect(object.spec.disruption.consolidationPolicy).toBe('WhenEmptyOrUnderutilized');
        expect(
          object.spec.template.spec.requirements.find(
            (r: Tree) => r.key === 'node.kubernetes.io/instance-type',
          ).values,
        ).toEqual(pool.instanceTypes);
        expect(Number(object.spec.limits.cpu)).toBeGreaterThan(0);
      }
    },
  );

  it.each(stacks.map((s) => [s.label, s] as const))(
    '%s: Karpenter may launch every type the priced week runs on its pools, at any hour',
    (_label, s) => {
      const candidate = s.scenario.rec.candidates.find((c) => c.id === s.id)!;
      const fleet = candidate.cost!.fleet!;
      const pools = (candidate.deployment?.nodePools ?? []).filter((p) => p.os === 'linux' && !p.dedicated);
      const allowed = new Set(
        nodePools(s.terraform).flatMap(
          (o) =>
            o.spec.template.spec.requirements.find((r: Tree) => r.key === 'node.kubernetes.io/instance-type')
              .values as string[],
        ),
      );
      const onPools = new Set(pools.flatMap((p) => p.ceiling.map((l) => l.instanceType)));
      const billed = fleet.instanceMinutesPerWeek.filter(
        (l) => l.os === undefined && l.minutes > 0 && onPools.has(l.instanceType),
      );
      for (const line of billed) expect(allowed, line.instanceType).toContain(line.instanceType);
      if (s.label === 'diurnal-and-nightly eks-ec2') {
        // The day runs c6a.xlarge for web, a type neither the job's hour nor the median hour uses.
        const busiestOrMedian = new Set([...fleet.peak, ...fleet.typical].map((l) => l.instanceType));
        expect(billed.some((l) => !busiestOrMedian.has(l.instanceType))).toBe(true);
      }
    },
  );

  it.each(['eks-ec2', 'eks-auto-mode'] as const)(
    'limits %s to what every hour needs, not only the busiest: a CPU-heavy day beside a memory-heavy night (checked by hand)',
    (id) => {
      const scenario = scenarios.find((x) => x.name === 'day-cpu-night-memory')!;
      const candidate = scenario.rec.candidates.find((c) => c.id === id)!;
      const fleet = candidate.cost!.fleet!;
      const files = generateIac(scenario.rec, 'terraform', { candidate: id }).files;
      // By hand: api's day runs 32 tasks of 2 vCPU (64 vCPU of tasks, so at least 64 vCPU of nodes); etl's night
      // runs 4 tasks of 60 GiB (240 GiB). The night's fleet is the busiest (costliest) hour, and it has far
      // fewer vCPU than the day needs: limits from it alone would leave the day's pods pending.
      const vcpuOf = (type: string) =>
        candidate.deployment!.nodePools.flatMap((p) => p.instanceSizes).find((z) => z.instanceType === type)!
          .vcpu;
      const peakVcpu = fleet.peak.reduce((n, l) => n + l.count * vcpuOf(l.instanceType), 0);
      expect(peakVcpu).toBeLessThan(64);
      const [pool] = files
        .filter((f) => f.path.includes('node-pools/templates/') || f.path.includes('node-pools'))
        .flatMap((f) => (f.path.endsWith('.yaml') ? parseManifests(f.contents, f.path) : []))
        .filter((m) => m.kind === 'NodePool') as Tree[];
      expect(pool, 'a NodePool').toBeDefined();
      expect(Number(pool!.spec.limits.cpu)).toBeGreaterThanOrEqual(64);
      expect(Number.parseInt(pool!.spec.limits.memory, 10)).toBeGreaterThanOrEqual(240 * 1024);
    },
  );

  it('limits s05 to the priced peak less the node groups plus one c6a.12xlarge (checked by hand)', () => {
    // Peak: 2 × c6a.12xlarge (48 vCPU, 96 GiB) + 1 × c6a.large (2, 4 GiB) + 1 × m5a.4xlarge (16, 64 GiB)
    // = 114 vCPU / 266,240 MiB. Node groups: none (no type runs every minute of the week: the floor is empty).
    // 114 − 0 + 48 = 162 vCPU; 266,240 − 0 + 98,304 = 364,544 MiB.
    const [pool] = nodePools(stack('s05-spiky-api eks-ec2').terraform);
    expect(pool?.spec.limits).toEqual({ cpu: '162', memory: '364544Mi' });
  });

  it('limits s04 (batch only, no node groups) to 3 × m5a.8xlarge plus one (checked by hand)', () => {
    // 3 × 32 vCPU + 32 = 128; 3 × 131,072 MiB + 131,072 = 524,288 MiB.
    const [pool] = nodePools(stack('s04-nightly-batch eks-ec2').terraform);
    expect(pool?.spec.limits).toEqual({ cpu: '128', memory: '524288Mi' });
  });

  it('gives the s05 HPA pods and the s04 CronJob pods (pool minimum 0) a NodePool that admits them', () => {
    for (const [label, kind] of [
      ['s05-spiky-api eks-ec2', 'Deployment'],
      ['s04-nightly-batch eks-ec2', 'CronJob'],
    ] as const) {
      const s = stack(label);
      const pods = s.kubernetes
        .flatMap((f) => parseManifests(f.contents, f.path))
        .filter((m) => m.kind === kind);
      expect(pods.length, label).toBeGreaterThan(0);
      const pools = nodePools(s.terraform);
      for (const pod of pods)
        expect(
          pools.some((p) => admits(p, podSpec([pod], kind))),
          label,
        ).toBe(true);
    }
  });

  it('a NodePool without the pod’s pool label does not admit it', () => {
    const [pool] = nodePools(stack('s05-spiky-api eks-ec2').terraform);
    expect(admits(pool as Tree, { nodeSelector: { 'berth.dev/pool': 'gpu' } })).toBe(false);
  });
});

describe('what the main stack creates for the platform', () => {
  it('ties Karpenter to its queue, node role and Pod Identity, and feeds the queue four EC2 events', async () => {
    const { terraform } = stack('s05-spiky-api eks-ec2');
    const main = terraform.filter((f) => !f.path.includes('/'));
    expect((await resources(main, 'aws_sqs_queue')).karpenter?.name).toBe('spiky-api-karpenter');
    expect(Object.keys(await resources(main, 'aws_cloudwatch_event_target'))).toHaveLength(4);
    expect((await resources(main, 'aws_iam_role')).karpenter_nodes?.name).toBe('spiky-api-karpenter-nodes');
    expect(await resources(main, 'aws_eks_pod_identity_association')).toMatchObject({
      karpenter: { namespace: 'karpenter', service_account: 'karpenter' },
      load_balancer_controller: { namespace: 'kube-system', service_account: 'aws-load-balancer-controller' },
    });
    expect((await resources(main, 'aws_eks_access_entry')).karpenter_nodes?.type).toBe('EC2_LINUX');
    const classes = terraform
      .filter((f) => f.path.startsWith('platform/node-pools/templates/'))
      .flatMap((f) => parseManifests(f.contents, f.path))
      .filter((m) => m.kind === 'EC2NodeClass') as Tree[];
    expect(classes.map((c) => c.spec.role)).toEqual(['spiky-api-karpenter-nodes']);
    const platform = terraform.find((f) => f.path === 'platform/karpenter.tf')?.contents ?? '';
    expect(platform).toContain('interruptionQueue = "spiky-api-karpenter"');
  });

  it('encrypts Kubernetes secrets with a KMS key', async () => {
    const main = stack('s15-hybrid-portability eks-ec2').terraform.filter((f) => !f.path.includes('/'));
    const cluster = (await resources(main, 'aws_eks_cluster')).this;
    expect(cluster?.encryption_config).toEqual([
      { resources: ['secrets'], provider: [{ key_arn: tfRef('aws_kms_key.eks_secrets.arn') }] },
    ]);
    expect((await resources(main, 'aws_kms_key')).eks_secrets?.enable_key_rotation).toBe(true);
  });

  it('installs the NVIDIA device plugin only where GPUs run, on the GPU pools', () => {
    for (const s of stacks) {
      const gpu = s.scenario.rec.candidates
        .find((c) => c.id === s.id)
        ?.deployment?.nodePools.some((p) => p.gpu);
      expect(
        s.terraform.some((f) => f.path === 'platform/nvidia-device-plugin.tf'),
        s.label,
      ).toBe(gpu === true);
    }
    const plugin =
      stack('s02-gpu-inference eks-ec2' as `${string} ${CandidateId}`).terraform.find(
        (f) => f.path === 'platform/nvidia-device-plugin.tf',
      )?.contents ?? '';
    expect(plugin).toMatch(/values\s+=\s+\["gpu"\]/);
  });
});

describe('Cluster Autoscaler for the Windows and dedicated-tenancy pools', () => {
  it.each(['s07-windows-dotnet eks-ec2', 's09-dedicated-hosts eks-ec2'])(
    '%s: its groups alone carry the discovery tag, and its role may resize only groups with that tag',
    async (label) => {
      const { terraform, scenario } = stack(label);
      const main = terraform.filter((f) => !f.path.includes('/'));
      const clusterName = scenario.rec.workload.name;
      const groups = await resources(main, 'aws_eks_node_group');
      const tags = await resources(main, 'aws_autoscaling_group_tag');
      // Every group except the system group is tagged; nothing else is.
      expect(Object.keys(tags).sort()).toEqual(
        Object.keys(groups)
          .filter((g) => g !== 'system')
          .sort(),
      );
      for (const [name, tag] of Object.entries(tags)) {
        expect(tag.autoscaling_group_name, name).toBe(
          tfRef(`aws_eks_node_group.${name}.resources[0].autoscaling_groups[0].name`),
        );
        expect(tag.for_each['berth.dev/cluster-autoscaler'], name).toBe(clusterName);
        expect(tag.for_each[`k8s.io/cluster-autoscaler/${clusterName}`], name).toBe('owned');
        expect(groups[name]?.lifecycle?.[0]?.ignore_changes, name).toEqual([
          tfRef('scaling_config[0].desired_size'),
        ]);
      }
      const policy = (await resources(main, 'aws_iam_role_policy')).cluster_autoscaler?.policy ?? '';
      expect(policy).toContain(`"aws:ResourceTag/berth.dev/cluster-autoscaler" = "${clusterName}"`);
      expect(await resources(main, 'aws_eks_pod_identity_association')).toMatchObject({
        cluster_autoscaler: { namespace: 'kube-system', service_account: 'cluster-autoscaler' },
      });
      // Karpenter is not installed beside it: no pool has two autoscalers.
      expect(terraform.some((f) => f.path.includes('karpenter'))).toBe(false);
    },
  );

  it.each(stacks.map((s) => [s.label, s] as const))(
    '%s: Cluster Autoscaler discovers exactly the groups of pools Karpenter has no NodePool for',
    async (_label, s) => {
      const main = s.terraform.filter((f) => !f.path.includes('/'));
      const groups = await resources(main, 'aws_eks_node_group');
      const tagged = Object.keys(await resources(main, 'aws_autoscaling_group_tag')).sort();
      const karpenterPools = new Set(nodePools(s.terraform).map((p) => p.metadata.name));
      const groupPool = (name: string) => String(groups[name]?.labels?.['berth.dev/pool']);
      // Tagged groups belong to no Karpenter NodePool; untagged ones are the system group or Karpenter's floor.
      for (const name of tagged) expect(karpenterPools.has(groupPool(name)), name).toBe(false);
      for (const name of Object.keys(groups).filter((g) => !tagged.includes(g)))
        expect(name === 'system' || karpenterPools.has(groupPool(name)), name).toBe(true);
    },
  );

  it.each(['s07-windows-dotnet eks-ec2', 's09-dedicated-hosts eks-ec2'])(
    '%s: runs on the Linux system nodes and discovers only the tagged groups',
    async (label) => {
      const release = (await resources(stack(label).terraform, 'helm_release')).cluster_autoscaler;
      expect(release?.chart).toBe('cluster-autoscaler');
      expect(release?.version).toBe(tfRef('var.cluster_autoscaler_chart_version'));
      const values = String(release?.values?.[0]);
      expect(values).toContain('"berth.dev/pool"   = "system"');
      expect(values).toContain('"kubernetes.io/os" = "linux"');
      expect(values).toContain(
        `tags        = ["berth.dev/cluster-autoscaler", "k8s.io/cluster-autoscaler/${tfRef('var.cluster_name')}"]`,
      );
    },
  );

  it("s07: tells Cluster Autoscaler a Windows group at zero would bring Windows nodes with the pool's taint", async () => {
    const main = stack('s07-windows-dotnet eks-ec2').terraform.filter((f) => !f.path.includes('/'));
    const tag = (await resources(main, 'aws_autoscaling_group_tag')).windows_m5a_2xlarge;
    expect(tag?.for_each).toMatchObject({
      'k8s.io/cluster-autoscaler/node-template/label/kubernetes.io/os': 'windows',
      'k8s.io/cluster-autoscaler/node-template/label/kubernetes.io/arch': 'amd64',
      'k8s.io/cluster-autoscaler/node-template/label/berth.dev/pool': 'windows',
      'k8s.io/cluster-autoscaler/node-template/taint/os': 'windows:NoSchedule',
    });
  });

  it('pins Cluster Autoscaler to the minor version of the cluster', () => {
    expect(CLUSTER_AUTOSCALER_VERSION.split('.').slice(0, 2).join('.')).toBe(KUBERNETES_VERSION);
  });
});

describe('platform/ as Terraform', () => {
  it.each(stacks.map((s) => [s.label, s] as const))(
    '%s: platform/ parses and holds the releases the cluster needs',
    async (_label, s) => {
      const pools = s.scenario.rec.candidates.find((c) => c.id === s.id)?.deployment?.nodePools ?? [];
      const files = s.terraform.filter((f) => f.path.startsWith('platform/') && f.path.endsWith('.tf'));
      const parsed = await parseTerraform(files);
      const helm = [...parsed.values()].flatMap((d) =>
        Object.keys(((d.resource ?? {}) as Record<string, object>).helm_release ?? {}),
      );
      const ingress = s.kubernetes.some((f) => f.contents.includes('kind: Ingress'));
      const expected = [
        ...(pools.some((p) => p.os === 'linux' && !p.dedicated) ? ['karpenter', 'node_pools'] : []),
        ...(pools.some((p) => p.os === 'windows' || p.dedicated) ? ['cluster_autoscaler'] : []),
        ...(ingress ? ['aws_load_balancer_controller'] : []),
        ...(pools.some((p) => p.gpu) ? ['nvidia_device_plugin'] : []),
      ];
      expect(helm.sort()).toEqual(expected.sort());
    },
  );

  it('passes terraform validate where the Helm provider is mirrored', async (ctx) => {
    const why =
      (await terraformUnavailable()) ??
      (existsSync(path.join(PLUGIN_DIR, 'registry.terraform.io', 'hashicorp', 'helm'))
        ? null
        : `no hashicorp/helm provider in ${PLUGIN_DIR}`);
    if (why !== null) {
      console.warn(
        `\n*** SKIPPED terraform validate of platform/: ${why}. platform/ was only parsed (hcl2json) here and fmt-checked in scenarios.test.ts. ***\n`,
      );
      ctx.skip();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-platform-'));
    try {
      for (const f of stack('s02-gpu-inference eks-ec2').terraform.filter((f) =>
        f.path.startsWith('platform/'),
      )) {
        const target = path.join(dir, f.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, f.contents);
      }
      const cwd = path.join(dir, 'platform');
      execFileSync('terraform', ['init', '-backend=false', '-input=false', `-plugin-dir=${PLUGIN_DIR}`], {
        cwd,
      });
      const verdict = JSON.parse(
        execFileSync('terraform', ['validate', '-json'], { cwd, encoding: 'utf8' }),
      ) as { valid: boolean };
      expect(verdict.valid).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
