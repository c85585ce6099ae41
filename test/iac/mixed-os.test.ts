/**
 * Linux and Windows services on EC2 in one cluster (test/fixtures/workloads/mixed-os*.yaml): the starter code
 * writes one node pool per OS, each launching what the fleet priced for that OS (type by type), each service
 * kept on nodes of its own OS, and every validator the scenario tests run passes on it.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import { SPARE_HOSTS_PER_GROUP } from '../../src/iac/ecs-capacity-groups.js';
import { generateIac } from '../../src/iac/generate.js';
import { generatableCandidates, targetsFor } from '../../src/iac/targets.js';
import type { Candidate } from '../../src/model/candidate.js';
import type { IacFile } from '../../src/model/iac.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { FIXTURES_DIR, readWorkloadFile } from '../helpers/workloads.js';
import {
  cfnLintUnavailable,
  freeEngine,
  lintTemplates,
  parseTemplate,
  validateTemplate,
} from './helpers/cloudformation-check.js';
import { checkManifests, parseManifests } from './helpers/kubernetes-check.js';
import {
  checkTerraform,
  type ParsedTerraform,
  parseTerraform,
  schemaFor,
} from './helpers/terraform-check.js';
import { dummyInputs, terraformUnavailable, validateWithTerraform } from './helpers/terraform-cli.js';

afterAll(() => freeEngine());

/** Parsed Terraform and templates, walked by path; the assertions check the values. */
// biome-ignore lint/suspicious/noExplicitAny: parsed documents are walked by path, and every value read is asserted
type Tree = Record<string, any>;

// The heuristic fleet is the same on every run (test/iac/helpers/scenarios.ts).
const advised = async (file: string) =>
  advise(readWorkloadFile(join(FIXTURES_DIR, file)), { fleetSolver: heuristicFleetSolver });
const plain: Recommendation = await advised('mixed-os.yaml');
const agents: Recommendation = await advised('mixed-os-agents.yaml');
const RECS = { 'mixed-os': plain, 'mixed-os-agents': agents } as const;

function candidate(rec: Recommendation, id: CandidateId): Candidate {
  const found = rec.candidates.find((c) => c.id === id);
  if (found?.cost?.fleet == null) throw new Error(`${id} has no priced fleet`);
  return found;
}

/** `${expression}`, as hcl2json writes a Terraform reference. */
const tfRef = (expression: string) => `\${${expression}}`;

/** The first body of every resource (or data source) of a type, by label. */
function resources(
  parsed: Map<string, ParsedTerraform>,
  type: string,
  kind: 'resource' | 'data' = 'resource',
): Record<string, Tree> {
  const out: Record<string, Tree> = {};
  for (const doc of parsed.values())
    for (const [label, bodies] of Object.entries(((doc[kind] as Tree | undefined)?.[type] ?? {}) as Tree))
      out[label] = (bodies as Tree[])[0]!;
  return out;
}

/** A priced fleet's lines per instance type and OS: `m5a.large/windows` → count. */
function byTypeAndOs(lines: readonly { instanceType: string; count: number; os?: string }[]) {
  const out: Record<string, number> = {};
  for (const l of lines)
    if (l.count > 0)
      out[`${l.instanceType}/${l.os ?? 'linux'}`] =
        (out[`${l.instanceType}/${l.os ?? 'linux'}`] ?? 0) + l.count;
  return out;
}

/** Per type and OS, the larger of its busiest-hour and median-hour count. */
function pricedCeiling(c: Candidate): Record<string, number> {
  const peak = byTypeAndOs(c.cost!.fleet!.peak);
  const typical = byTypeAndOs(c.cost!.fleet!.typical);
  const out: Record<string, number> = {};
  for (const key of new Set([...Object.keys(peak), ...Object.keys(typical)]))
    out[key] = Math.max(peak[key] ?? 0, typical[key] ?? 0);
  return out;
}

interface Group {
  instanceType: string;
  os: 'linux' | 'windows';
  min: number;
  desired: number;
  max: number;
}

function launched(groups: readonly Group[], size: 'min' | 'desired' | 'max'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of groups)
    if (g[size] > 0) out[`${g.instanceType}/${g.os}`] = (out[`${g.instanceType}/${g.os}`] ?? 0) + g[size];
  return out;
}

const tf = (rec: Recommendation, id: CandidateId) => generateIac(rec, 'terraform', { candidate: id }).files;
const template = (rec: Recommendation, id: CandidateId) =>
  generateIac(rec, 'cloudformation', { candidate: id }).files[0]!.contents;
const rootFiles = (files: readonly IacFile[]) => files.filter((f) => !f.path.includes('/'));

describe('the refusal is gone', () => {
  it.each(Object.entries(RECS))(
    '%s: every EC2 candidate gets node pools, one per OS, and starter code',
    (_n, rec) => {
      const ids = generatableCandidates(rec).filter((id) => id.endsWith('-ec2') || id.endsWith('-mixed'));
      // mixed-os's ECS mixed candidate is the same as ECS on EC2 (every service on EC2), so not offered.
      expect(ids.sort()).toEqual(
        rec === plain
          ? ['ecs-ec2', 'eks-ec2', 'eks-mixed']
          : ['ecs-ec2', 'ecs-mixed', 'eks-ec2', 'eks-mixed'],
      );
      for (const id of ids) {
        const deployment = rec.candidates.find((c) => c.id === id)!.deployment!;
        expect(deployment.nodePoolProblem, id).toBeNull();
        for (const target of targetsFor(rec.candidates.find((c) => c.id === id)!))
          expect(() => generateIac(rec, target, { candidate: id }), `${id} ${target}`).not.toThrow();
      }
      for (const id of ['ecs-ec2', 'eks-ec2'] as const)
        expect(
          rec.candidates.find((c) => c.id === id)!.deployment!.nodePools.map((p) => [p.name, p.os]),
        ).toEqual([
          ['windows', 'windows'],
          ['x86-64', 'linux'],
        ]);
    },
  );
});

describe('ECS on EC2, Terraform: a Linux and a Windows pool, each launching what was priced for its OS', () => {
  it.each(Object.entries(RECS))('%s', async (_n, rec) => {
    const c = candidate(rec, 'ecs-ec2');
    const parsed = await parseTerraform(tf(rec, 'ecs-ec2'));
    const templates = resources(parsed, 'aws_launch_template');
    expect(Object.keys(templates).sort()).toEqual(['windows', 'x86_64']);
    // Each launch template its own AMI and user data: the Windows one joins with PowerShell.
    expect(templates.windows!.image_id).toContain('data.aws_ssm_parameter.ecs_ami_windows');
    expect(templates.windows!.user_data).toBe(tfRef('base64encode(local.user_data_windows)'));
    expect(templates.x86_64!.image_id).toContain('data.aws_ssm_parameter.ecs_ami_x86_64');
    expect(templates.x86_64!.user_data).toBe(tfRef('base64encode(local.user_data_x86_64)'));
    const amis = resources(parsed, 'aws_ssm_parameter', 'data');
    expect(amis.ecs_ami_windows!.name).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-ECS_Optimized/image_id',
    );
    expect(amis.ecs_ami_x86_64!.name).toBe(
      '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
    );
    const locals: Tree = Object.assign(
      {},
      ...[...parsed.values()].flatMap((d) => (d.locals as Tree[] | undefined) ?? []),
    );
    expect(locals.user_data_windows).toMatch(
      /^<powershell>\nImport-Module ECSTools\nInitialize-ECSAgent -Cluster/,
    );
    expect(locals.user_data_x86_64).toMatch(/^#!\/bin\/bash\n/);

    const groups: Group[] = Object.values(resources(parsed, 'aws_autoscaling_group')).map((g) => {
      const lt = g.mixed_instances_policy[0].launch_template[0];
      return {
        instanceType: lt.override[0].instance_type,
        os:
          lt.launch_template_specification[0].launch_template_id === tfRef('aws_launch_template.windows.id')
            ? 'windows'
            : 'linux',
        min: g.min_size,
        desired: g.desired_capacity,
        max: g.max_size,
      };
    });
    const fleet = c.cost!.fleet!;
    expect(launched(groups, 'min')).toEqual(byTypeAndOs(fleet.floor));
    expect(launched(groups, 'desired')).toEqual(byTypeAndOs(fleet.floor));
    const ceiling = pricedCeiling(c);
    expect(launched(groups, 'max')).toEqual(
      Object.fromEntries(Object.entries(ceiling).map(([k, n]) => [k, n + SPARE_HOSTS_PER_GROUP])),
    );
    // Both OSes have nodes.
    expect(new Set(groups.map((g) => g.os))).toEqual(new Set(['linux', 'windows']));
  });
});

/** Each ECS service's OS (from the workload) and the OS of every capacity provider its strategy names. */
async function ecsStrategies(rec: Recommendation, id: CandidateId) {
  const parsed = await parseTerraform(tf(rec, id));
  const providerOs = new Map(
    Object.entries(resources(parsed, 'aws_autoscaling_group')).map(([label, g]) => [
      label,
      g.mixed_instances_policy[0].launch_template[0].launch_template_specification[0].launch_template_id ===
      tfRef('aws_launch_template.windows.id')
        ? 'windows'
        : 'linux',
    ]),
  );
  const taskDefinitions = resources(parsed, 'aws_ecs_task_definition');
  return Object.entries(resources(parsed, 'aws_ecs_service')).map(([label, s]) => {
    const service = rec.workload.services.find((w) => w.name === s.name)!;
    const providers = ((s.capacity_provider_strategy ?? []) as Tree[]).map(
      (item) =>
        /aws_ecs_capacity_provider\.([a-z0-9_]+)\.name/.exec(item.capacity_provider)?.[1] ??
        item.capacity_provider,
    );
    return {
      name: s.name as string,
      os: service.os,
      daemon: s.scheduling_strategy === 'DAEMON',
      providerOses: providers.map((p) => providerOs.get(p) ?? p),
      constraints: (taskDefinitions[label]!.placement_constraints ?? []) as Tree[],
    };
  });
}

describe('ECS: each service stays on instances of its OS', () => {
  it('names only capacity providers of its OS, and its task definition constrains ecs.os-type', async () => {
    const services = await ecsStrategies(agents, 'ecs-ec2');
    expect(services.map((s) => [s.name, s.os, s.daemon]).sort()).toEqual([
      ['legacy', 'windows', false],
      ['log-agent', 'linux', true],
      ['web', 'linux', false],
      ['win-agent', 'windows', true],
    ]);
    for (const s of services) {
      // A DAEMON service has no strategy: only its constraint keeps it off the other OS's instances.
      if (s.daemon) expect(s.providerOses).toEqual([]);
      else {
        expect(s.providerOses.length, s.name).toBeGreaterThan(0);
        expect(new Set(s.providerOses), s.name).toEqual(new Set([s.os]));
      }
      expect(s.constraints, s.name).toEqual([
        { type: 'memberOf', expression: `attribute:ecs.os-type == ${s.os}` },
      ]);
    }
  });

  it('keeps the default capacity provider (for tasks started by hand) on Linux', async () => {
    const parsed = await parseTerraform(tf(plain, 'ecs-ec2'));
    const association = resources(parsed, 'aws_ecs_cluster_capacity_providers').this!;
    expect(association.default_capacity_provider_strategy[0].capacity_provider).toMatch(/x86_64_/);
  });

  it('CloudFormation: the same pools, strategies and constraints', () => {
    const t = parseTemplate(template(agents, 'ecs-ec2'));
    const res = t.Resources as Record<string, Tree>;
    const osOfTemplate = (id: string) => {
      const image = res[id]!.Properties.LaunchTemplateData.ImageId.Ref as string;
      return String(t.Parameters[image]!.Default).includes('Windows') ? 'windows' : 'linux';
    };
    const groupOs = new Map<string, string>();
    const groups: Group[] = [];
    for (const [id, r] of Object.entries(res)) {
      if (r.Type !== 'AWS::AutoScaling::AutoScalingGroup') continue;
      const lt = r.Properties.MixedInstancesPolicy.LaunchTemplate;
      const os = osOfTemplate(lt.LaunchTemplateSpecification.LaunchTemplateId.Ref) as Group['os'];
      groupOs.set(id, os);
      groups.push({
        instanceType: lt.Overrides[0].InstanceType,
        os,
        min: Number(r.Properties.MinSize),
        desired: Number(r.Properties.DesiredCapacity),
        max: Number(r.Properties.MaxSize),
      });
    }
    const c = candidate(agents, 'ecs-ec2');
    expect(launched(groups, 'min')).toEqual(byTypeAndOs(c.cost!.fleet!.floor));
    const providerOs = new Map<string, string>();
    for (const [id, r] of Object.entries(res))
      if (r.Type === 'AWS::ECS::CapacityProvider')
        providerOs.set(id, groupOs.get(r.Properties.AutoScalingGroupProvider.AutoScalingGroupArn.Ref)!);
    let checked = 0;
    for (const r of Object.values(res)) {
      if (r.Type !== 'AWS::ECS::Service') continue;
      const taskDefinition = res[r.Properties.TaskDefinition.Ref]!;
      const name = (taskDefinition.Properties.Family as string).replace(/^mixed-os-agents-/, '');
      const os = agents.workload.services.find((s) => s.name === name)!.os;
      const oses = ((r.Properties.CapacityProviderStrategy ?? []) as Tree[]).map((i) =>
        providerOs.get(i.CapacityProvider.Ref),
      );
      if (r.Properties.SchedulingStrategy !== 'DAEMON') expect(new Set(oses), name).toEqual(new Set([os]));
      expect(taskDefinition.Properties.PlacementConstraints, name).toEqual([
        { Type: 'memberOf', Expression: `attribute:ecs.os-type == ${os}` },
      ]);
      checked++;
    }
    expect(checked).toBe(4);
  });
});

describe('EKS on EC2: a Windows managed node group beside the Linux ones', () => {
  it.each(Object.entries(RECS))(
    '%s: node groups per OS, as priced, Windows tainted and on its own role',
    async (_n, rec) => {
      const c = candidate(rec, 'eks-ec2');
      const parsed = await parseTerraform(rootFiles(tf(rec, 'eks-ec2')));
      const groups = Object.values(resources(parsed, 'aws_eks_node_group')).filter(
        (g) => g.labels['berth.dev/pool'] !== 'system',
      );
      for (const g of groups) {
        const windows = g.labels['berth.dev/pool'] === 'windows';
        expect(g.ami_type).toBe(windows ? 'WINDOWS_CORE_2022_x86_64' : 'AL2023_x86_64_STANDARD');
        expect(g.node_role_arn).toBe(
          tfRef(windows ? 'aws_iam_role.windows_nodes.arn' : 'aws_iam_role.nodes.arn'),
        );
        expect(g.taint ?? []).toEqual(
          windows ? [{ key: 'os', value: 'windows', effect: 'NO_SCHEDULE' }] : [],
        );
        if (windows) expect(g.depends_on).toContain(tfRef('aws_eks_access_entry.windows_nodes'));
      }
      const asGroups: Group[] = groups.map((g) => ({
        instanceType: g.instance_types[0],
        os: g.labels['berth.dev/pool'] === 'windows' ? 'windows' : 'linux',
        min: g.scaling_config[0].min_size,
        desired: g.scaling_config[0].desired_size,
        max: g.scaling_config[0].max_size,
      }));
      // Every node group keeps the priced floor of its type and OS; Cluster Autoscaler grows the Windows ones to
      // the priced ceiling, Karpenter the Linux pool (its groups stay fixed at the floor).
      expect(launched(asGroups, 'min')).toEqual(byTypeAndOs(c.cost!.fleet!.floor));
      const ceiling = pricedCeiling(c);
      for (const g of asGroups.filter((x) => x.os === 'windows'))
        expect(g.max).toBe(ceiling[`${g.instanceType}/windows`]);
      expect(new Set(asGroups.map((g) => g.os))).toEqual(new Set(['linux', 'windows']));
      // Windows nodes join with an EC2_WINDOWS access entry of their own role; the Linux nodes' role gets EKS's.
      expect(resources(parsed, 'aws_eks_access_entry').windows_nodes).toMatchObject({
        principal_arn: tfRef('aws_iam_role.windows_nodes.arn'),
        type: 'EC2_WINDOWS',
      });
      // Windows pods get their addresses from the VPC resource controller, which needs this policy on the
      // cluster role (AWS's Windows support steps), beside the amazon-vpc-cni ConfigMap's enable-windows-ipam.
      expect(
        resources(parsed, 'aws_iam_role_policy_attachment').cluster_vpc_resource_controller,
      ).toMatchObject({
        role: tfRef('aws_iam_role.cluster.name'),
        policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSVPCResourceController',
      });
      // Both node autoscalers: Karpenter for the Linux pool, Cluster Autoscaler for the Windows one.
      const paths = tf(rec, 'eks-ec2').map((f) => f.path);
      expect(paths).toContain('karpenter.tf');
      expect(paths).toContain('cluster-autoscaler.tf');
    },
  );

  it("Kubernetes: pods select the nodes of their OS; each DaemonSet runs on its OS's pools only", () => {
    const files = generateIac(agents, 'kubernetes', { candidate: 'eks-ec2' }).files;
    const specs = new Map<string, Tree>();
    for (const f of files)
      for (const m of parseManifests(f.contents, f.path) as Tree[])
        if (m.kind === 'Deployment' || m.kind === 'DaemonSet')
          specs.set(m.metadata.name, m.spec.template.spec);
    expect(specs.get('web')!.nodeSelector).toEqual({
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'berth.dev/pool': 'x86-64',
    });
    expect(specs.get('legacy')!.nodeSelector).toEqual({
      'kubernetes.io/os': 'windows',
      'kubernetes.io/arch': 'amd64',
      'berth.dev/pool': 'windows',
    });
    const pools = (spec: Tree) =>
      spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions.find(
        (e: Tree) => e.key === 'berth.dev/pool',
      ).values;
    expect([specs.get('log-agent')!.nodeSelector, pools(specs.get('log-agent')!)]).toEqual([
      { 'kubernetes.io/os': 'linux' },
      ['x86-64'],
    ]);
    expect([specs.get('win-agent')!.nodeSelector, pools(specs.get('win-agent')!)]).toEqual([
      { 'kubernetes.io/os': 'windows' },
      ['windows'],
    ]);
  });
});

describe('validators', () => {
  // The candidates that run Linux and Windows services on EC2 (mixed-os's EKS mixed runs only legacy there).
  const onBothOses = (rec: Recommendation, id: CandidateId) => {
    const onEc2 = rec.candidates
      .find((c) => c.id === id)!
      .placements.filter((p) => p.compute === 'ec2')
      .map((p) => rec.workload.services.find((s) => s.name === p.service)!.os);
    return new Set(onEc2).size === 2;
  };
  const stacks = Object.entries(RECS).flatMap(([name, rec]) =>
    generatableCandidates(rec)
      .filter((id) => onBothOses(rec, id))
      .map((id) => ({ name: `${name}-${id}`, rec, id })),
  );

  it.each(stacks.map((s) => [s.name, s] as const))(
    '%s: Terraform uses only the AWS provider schema',
    async (_n, s) => {
      const files = rootFiles(tf(s.rec, s.id));
      expect(checkTerraform(await parseTerraform(files), schemaFor(s.id))).toEqual([]);
    },
  );

  it.each(stacks.filter((s) => s.id.startsWith('ecs')).map((s) => [s.name, s] as const))(
    '%s: CloudFormation passes @aws/cloudformation-validate',
    (_n, s) => {
      expect(validateTemplate(template(s.rec, s.id))).toEqual([]);
    },
  );

  it.each(stacks.filter((s) => s.id.startsWith('eks')).map((s) => [s.name, s] as const))(
    '%s: the manifests pass the Kubernetes schema check',
    (_n, s) => {
      for (const f of generateIac(s.rec, 'kubernetes', { candidate: s.id }).files)
        expect(checkManifests(parseManifests(f.contents, f.path), f.path)).toEqual([]);
    },
  );

  it('passes terraform validate and cfn-lint, on ECS and EKS, EC2 and mixed', async (ctx) => {
    expect(stacks.map((s) => s.name).sort()).toEqual([
      'mixed-os-agents-ecs-ec2',
      'mixed-os-agents-ecs-mixed',
      'mixed-os-agents-eks-ec2',
      'mixed-os-agents-eks-mixed',
      'mixed-os-ecs-ec2',
      'mixed-os-eks-ec2',
    ]);
    const tfWhy = await terraformUnavailable();
    const cfnWhy = await cfnLintUnavailable();
    if (tfWhy !== null || cfnWhy !== null) {
      console.warn(`\n*** SKIPPED terraform validate / cfn-lint: ${tfWhy ?? cfnWhy} ***\n`);
      ctx.skip();
    }
    const modules = await Promise.all(
      stacks.map(async (s) => {
        const files = tf(s.rec, s.id);
        return { name: s.name, files, inputs: dummyInputs(await parseTerraform(rootFiles(files))) };
      }),
    );
    const verdict = await validateWithTerraform(modules);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.unformatted).toEqual([]);
    const findings = await lintTemplates(
      stacks
        .filter((s) => s.id.startsWith('ecs'))
        .map((s) => ({ name: `${s.name}.yaml`, text: template(s.rec, s.id) })),
    );
    expect(findings).toEqual([]);
  }, 300_000);
});
