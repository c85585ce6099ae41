/**
 * generateIac writes what the recommendation chose: billed Fargate sizes, the optimizer's instance types,
 * architecture, Spot, scaling limits; checked value by value in every target.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { advise } from '../../src/advisor/advise.js';
import { generateIac } from '../../src/iac/generate.js';
import type { IacArtifact } from '../../src/model/iac.js';
import type { Recommendation } from '../../src/model/recommendation.js';
import type { CandidateId } from '../../src/model/vocabulary.js';
import { findInstanceType } from '../../src/pricing/instance-catalog.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import type { WorkloadInput } from '../../src/workload/schema.js';
import { EXAMPLES_DIR, readWorkloadFile } from '../helpers/workloads.js';
import { parseTemplate } from './helpers/cloudformation-check.js';
import { type Manifest, parseManifests } from './helpers/kubernetes-check.js';
import { fileOf } from './helpers/scenarios.js';
import { findResource, parseTerraform } from './helpers/terraform-check.js';

/** Parsed Terraform and YAML, walked by path; the assertions check the values. */
// biome-ignore lint/suspicious/noExplicitAny: parsed documents are walked by path, and every value read is asserted
type Tree = any;

/** `${expression}`, as hcl2json writes a Terraform reference. */
const tfRef = (expression: string) => `\${${expression}}`;

const scenario = (name: string) =>
  advise(readWorkloadFile(`${EXAMPLES_DIR}/${name}.yaml`), { fleetSolver: heuristicFleetSolver });
const workload = (input: WorkloadInput) => advise(input, { fleetSolver: heuristicFleetSolver });

async function terraform(rec: Recommendation, candidate?: CandidateId) {
  const output = generateIac(rec, 'terraform', candidate ? { candidate } : {});
  const parsed = await parseTerraform(output.files);
  return {
    output,
    resource: (type: string, name: string) => {
      const found = findResource(parsed, type, name);
      if (found === undefined)
        throw new Error(`no ${type}.${name} in ${output.files.map((f) => f.path).join(', ')}`);
      return found as Tree;
    },
  };
}

function cloudformation(rec: Recommendation, candidate?: CandidateId) {
  const output = generateIac(rec, 'cloudformation', candidate ? { candidate } : {});
  return parseTemplate(fileOf(output, 'template.yaml'));
}

function manifests(output: IacArtifact, file: string): Manifest[] {
  return parseManifests(fileOf(output, file), file);
}

function byKind(docs: readonly Manifest[], kind: string): Tree {
  const found = docs.find((d) => d.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} in ${docs.map((d) => d.kind).join(', ')}`);
  return found;
}

/** The Terraform labels of the EKS node groups of a pool: one group per instance type of the fleet's floor. */
function nodeGroupLabels(rec: Recommendation, id: CandidateId, pool: string): [string, string][] {
  const fleet = rec.candidates.find((c) => c.id === id)?.cost?.fleet;
  return (fleet?.floor ?? []).map((l) => [
    `${pool}_${l.instanceType}`.replace(/[^A-Za-z0-9]+/g, '_'),
    l.instanceType,
  ]);
}

function fleetTypes(rec: Recommendation, id: CandidateId): string[] {
  const fleet = rec.candidates.find((c) => c.id === id)?.cost?.fleet;
  return [...new Set([...(fleet?.peak ?? []), ...(fleet?.typical ?? [])].map((l) => l.instanceType))];
}

describe('generateIac: sizes', () => {
  it('gives the S1 Fargate task 256 CPU units and 512 MiB in Terraform and CloudFormation', async () => {
    const rec = await scenario('s01-small-web-app');
    const tf = await terraform(rec);
    expect(tf.resource('aws_ecs_task_definition', 'web')).toMatchObject({
      cpu: '256',
      memory: '512',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
    });
    expect(tf.resource('aws_ecs_service', 'web').desired_count).toBe(2);
    const cfn = cloudformation(rec);
    expect(cfn.Resources.WebTaskDefinition?.Properties).toMatchObject({ Cpu: '256', Memory: '512' });
  });

  it('turns a 0.3 vCPU / 700 MiB task into the billed Fargate size 512 / 1024, and keeps the request on EKS', async () => {
    const rec = await workload({
      name: 'tiny',
      services: [{ name: 'web', cpu: 0.3, memory: '700 MiB', replicas: 2, exposure: 'public' }],
    });
    const tf = await terraform(rec, 'ecs-fargate');
    expect(tf.resource('aws_ecs_task_definition', 'web')).toMatchObject({ cpu: '512', memory: '1024' });
    expect(cloudformation(rec, 'ecs-fargate').Resources.WebTaskDefinition?.Properties).toMatchObject({
      Cpu: '512',
      Memory: '1024',
    });
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' });
    const container = byKind(manifests(k8s, 'web.yaml'), 'Deployment').spec.template.spec.containers[0];
    expect(container.resources).toEqual({
      requests: { cpu: '300m', memory: '700Mi' },
      limits: { memory: '700Mi' },
    });
    expect(fileOf(k8s, 'web.yaml')).toContain('Fargate, which bills 0.5 vCPU / 1024 MiB per pod');
  });

  it('puts the optimizer’s GPU instance type in the S2 Auto Scaling group and EKS node group', async () => {
    const rec = await scenario('s02-gpu-inference');
    for (const id of ['ecs-mixed', 'eks-mixed'] as const) {
      const types = fleetTypes(rec, id);
      expect(types.length, id).toBeGreaterThan(0);
      expect(
        types.every((t) => (findInstanceType(t)?.gpuCount ?? 0) > 0),
        id,
      ).toBe(true);
    }
    const ecs = await terraform(rec, 'ecs-mixed');
    // One Auto Scaling group per type: the GPU pool of S2 is 1 × g4dn.2xlarge (g3s.xlarge, cheaper, is
    // previous generation: https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html).
    expect(fleetTypes(rec, 'ecs-mixed')).toEqual(['g4dn.2xlarge']);
    const gpuGroup = ecs.resource('aws_autoscaling_group', 'gpu_g4dn_2xlarge');
    expect(gpuGroup.mixed_instances_policy[0].launch_template[0].override).toEqual([
      { instance_type: 'g4dn.2xlarge' },
    ]);
    // Priced: one host; the group may add one spare host so a rolling deployment can place the new task.
    expect(gpuGroup).toMatchObject({ min_size: 1, desired_capacity: 1, max_size: 2 });
    const taskDef = ecs.resource('aws_ecs_task_definition', 'model_server');
    expect(taskDef).toMatchObject({ requires_compatibilities: ['EC2'], network_mode: 'bridge' });
    expect(taskDef.container_definitions).toContain('hostPort      = 0');
    expect(taskDef.container_definitions).toContain('type  = "GPU"');
    const eks = await terraform(rec, 'eks-mixed');
    expect(nodeGroupLabels(rec, 'eks-mixed', 'gpu')).toHaveLength(1);
    for (const [label, type] of nodeGroupLabels(rec, 'eks-mixed', 'gpu'))
      expect(eks.resource('aws_eks_node_group', label)).toMatchObject({
        ami_type: 'AL2023_x86_64_NVIDIA',
        capacity_type: 'ON_DEMAND',
        instance_types: [type],
      });
    const cfn = cloudformation(rec, 'ecs-mixed');
    const asg: Tree = cfn.Resources.GpuG4dn2xlargeAutoScalingGroup?.Properties;
    expect(asg.MixedInstancesPolicy.LaunchTemplate.Overrides).toEqual([{ InstanceType: 'g4dn.2xlarge' }]);
    expect(asg).toMatchObject({ MinSize: '1', DesiredCapacity: '1', MaxSize: '2' });
  });

  it('matches the AMI to a Graviton fleet: AL2023 ARM node groups, the arm64 ECS AMI and arm64 node selectors', async () => {
    const rec = await workload({
      name: 'graviton',
      team: { kubernetesExperience: 'expert' },
      services: [
        {
          name: 'api',
          cpu: 1,
          memory: '2 GiB',
          replicas: 2,
          architecture: 'arm64',
          needs: { privileged: true },
        },
      ],
    });
    for (const id of ['ecs-ec2', 'eks-ec2'] as const)
      expect(
        fleetTypes(rec, id).every((t) => findInstanceType(t)?.architecture === 'arm64'),
        id,
      ).toBe(true);
    const eks = await terraform(rec, 'eks-ec2');
    expect(nodeGroupLabels(rec, 'eks-ec2', 'arm64').length).toBeGreaterThan(0);
    for (const [label, type] of nodeGroupLabels(rec, 'eks-ec2', 'arm64'))
      expect(eks.resource('aws_eks_node_group', label)).toMatchObject({
        ami_type: 'AL2023_ARM_64_STANDARD',
        instance_types: [type],
      });
    const ecs = await terraform(rec, 'ecs-ec2');
    const ami = ecs.output.files.find((f) => f.path === 'capacity.tf')?.contents ?? '';
    expect(ami).toContain('/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id');
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-ec2' });
    const pod = byKind(manifests(k8s, 'api.yaml'), 'Deployment').spec.template.spec;
    expect(pod.nodeSelector).toEqual({
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'arm64',
      'berth.dev/pool': 'arm64',
    });
    expect(pod.containers[0].securityContext).toEqual({ privileged: true });
  });
});

describe('generateIac: purchase options and scaling', () => {
  it('runs Spot-tolerant services on Fargate Spot behind a regular Fargate base, and EC2 fleets as Spot', async () => {
    const rec = await workload({
      name: 'spot',
      requirements: { spotTolerant: true },
      services: [{ name: 'worker', cpu: 1, memory: '2 GiB', replicas: 3 }],
    });
    const fargate = await terraform(rec, 'ecs-fargate');
    expect(fargate.resource('aws_ecs_service', 'worker').capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', base: 1, weight: 0 },
      { capacity_provider: 'FARGATE_SPOT', weight: 1 },
    ]);
    expect(fargate.resource('aws_ecs_cluster_capacity_providers', 'this').capacity_providers).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
    ]);
    expect(
      cloudformation(rec, 'ecs-fargate').Resources.WorkerService?.Properties.CapacityProviderStrategy,
    ).toEqual([
      { CapacityProvider: 'FARGATE', Base: 1, Weight: 0 },
      { CapacityProvider: 'FARGATE_SPOT', Weight: 1 },
    ]);
    const eks = await terraform(rec, 'eks-ec2');
    expect(rec.candidates.find((c) => c.id === 'eks-ec2')?.cost?.ec2Spot).toBe(true);
    const pool = eks.output.files.find((f) => f.path === 'node-groups.tf')?.contents ?? '';
    expect(pool).toContain('capacity_type   = "SPOT"');
    const ecs = await terraform(rec, 'ecs-ec2');
    const types = fleetTypes(rec, 'ecs-ec2');
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      const asg = ecs.resource('aws_autoscaling_group', `x86_64_${type.replace('.', '_')}`);
      expect(asg.mixed_instances_policy[0].instances_distribution[0], type).toMatchObject({
        on_demand_percentage_above_base_capacity: 0,
        spot_allocation_strategy: 'price-capacity-optimized',
      });
    }
    expect(fileOf(ecs.output, 'capacity.tf')).toContain('ECS_ENABLE_SPOT_INSTANCE_DRAINING=true');
  });

  it('scales the S5 API between 4 and 100 tasks in every target, and lets the autoscaler own the count', async () => {
    const rec = await scenario('s05-spiky-api');
    const tf = await terraform(rec);
    expect(tf.resource('aws_appautoscaling_target', 'api')).toMatchObject({
      min_capacity: 4,
      max_capacity: 100,
    });
    expect(
      tf.resource('aws_appautoscaling_policy', 'api_cpu').target_tracking_scaling_policy_configuration[0],
    ).toMatchObject({
      target_value: 60,
    });
    expect(tf.resource('aws_ecs_service', 'api').lifecycle).toEqual([
      { ignore_changes: [tfRef('desired_count')] },
    ]);
    expect(cloudformation(rec).Resources.ApiScalableTarget?.Properties).toMatchObject({
      MinCapacity: 4,
      MaxCapacity: 100,
    });
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' });
    const docs = manifests(k8s, 'api.yaml');
    expect(byKind(docs, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 4, maxReplicas: 100 });
    expect(byKind(docs, 'Deployment').spec.replicas).toBeUndefined();
    expect(byKind(docs, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    const eks = await terraform(rec, 'eks-fargate');
    expect(eks.resource('aws_eks_addon', 'metrics_server').addon_name).toBe('metrics-server');
  });

  it('runs the S4 batch on a schedule: EventBridge Scheduler (10 tasks each) on ECS, a CronJob on EKS', async () => {
    const rec = await scenario('s04-nightly-batch');
    const tf = await terraform(rec);
    for (const name of ['etl_1', 'etl_2']) {
      const schedule = tf.resource('aws_scheduler_schedule', name);
      expect(schedule.schedule_expression).toBe('cron(0 1 * * ? *)');
      expect(schedule.target[0].ecs_parameters[0]).toMatchObject({
        task_count: 10,
        capacity_provider_strategy: [{ capacity_provider: 'FARGATE_SPOT', weight: 1 }],
      });
    }
    expect(tf.output.files.some((f) => f.contents.includes('resource "aws_ecs_service"'))).toBe(false);
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-ec2' });
    const cron = byKind(manifests(k8s, 'etl.yaml'), 'CronJob');
    expect(cron.spec).toMatchObject({
      schedule: '0 1 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({
      parallelism: 20,
      completions: 20,
      activeDeadlineSeconds: 21600,
    });
  });
});

describe('generateIac: production defaults', () => {
  it('separates execution and task roles, keeps logs 30 days, opens the service only to its ALB, rolls back failed deployments', async () => {
    const tf = await terraform(await scenario('s01-small-web-app'));
    expect(tf.resource('aws_ecs_task_definition', 'web')).toMatchObject({
      execution_role_arn: tfRef('aws_iam_role.execution.arn'),
      task_role_arn: tfRef('aws_iam_role.web_task.arn'),
    });
    expect(tf.resource('aws_cloudwatch_log_group', 'ecs').retention_in_days).toBe(
      tfRef('var.log_retention_days'),
    );
    expect(fileOf(tf.output, 'variables.tf')).toMatch(/variable "log_retention_days" \{[^}]*default\s+= 30/);
    expect(tf.resource('aws_vpc_security_group_ingress_rule', 'web_from_alb')).toMatchObject({
      referenced_security_group_id: tfRef('aws_security_group.public_alb.id'),
      from_port: 8080,
      to_port: 8080,
    });
    expect(fileOf(tf.output, 'service-web.tf')).not.toContain(
      'aws_vpc_security_group_ingress_rule" "web_from_internet',
    );
    expect(tf.resource('aws_ecs_service', 'web').deployment_circuit_breaker).toEqual([
      { enable: true, rollback: true },
    ]);
    expect(tf.resource('aws_lb_target_group', 'web').target_type).toBe('ip');
  });

  it('sets the EKS upgrade policy to standard support, or extended when the workload asks for it', async () => {
    const standard = await terraform(await scenario('s11-kafka-ebs'));
    expect(standard.resource('aws_eks_cluster', 'this').upgrade_policy).toEqual([
      { support_type: 'STANDARD' },
    ]);
    const extended = await terraform(
      await workload({
        name: 'ext',
        requirements: { eksExtendedSupport: true, kubernetesApi: true },
        services: [{ name: 'web', cpu: 1, memory: '2 GiB', replicas: 2 }],
      }),
      'eks-fargate',
    );
    expect(extended.resource('aws_eks_cluster', 'this').upgrade_policy).toEqual([
      { support_type: 'EXTENDED' },
    ]);
  });

  it('lets EKS nodes answer IMDS one hop away only, and tells Karpenter its region instead', async () => {
    const { output } = await terraform(await scenario('s11-kafka-ebs'));
    const text = output.files.map((f) => f.contents).join('\n');
    const limits = [...text.matchAll(/http_put_response_hop_limit\s*=\s*(\d+)/g)].map((m) => m[1]);
    expect(limits.length).toBeGreaterThan(0);
    expect(new Set(limits)).toEqual(new Set(['1']));
    const karpenter = output.files.find((f) => f.path === 'platform/karpenter.tf')?.contents ?? '';
    expect(karpenter).toMatch(/name\s*=\s*"AWS_REGION"/);
  });

  it('points the manifests of a Fargate-only cluster at no platform/ module, which it does not get', async () => {
    const rec = await scenario('s01-small-web-app');
    const header = (id: 'eks-fargate' | 'eks-ec2') =>
      fileOf(generateIac(rec, 'kubernetes', { candidate: id }), '00-namespace.yaml').split('\n')[0];
    expect(
      generateIac(rec, 'terraform', { candidate: 'eks-fargate' }).files.some((f) =>
        f.path.startsWith('platform/'),
      ),
    ).toBe(false);
    expect(header('eks-fargate')).toBe(
      '# Berth: EKS on Fargate for small-web-app. Apply after the Terraform stack:',
    );
    expect(header('eks-ec2')).toMatch(/Apply after the Terraform stack and its platform\/ module:$/);
  });

  it('tags EKS nodes and their volumes with the stack tags, which provider default_tags do not reach', async () => {
    const tf = await terraform(await scenario('s11-kafka-ebs'));
    const lt = tf.resource('aws_launch_template', 'nodes_x86_64');
    const specs = lt.tag_specifications as { resource_type: string; tags: string }[];
    expect(specs.map((t) => t.resource_type)).toEqual(['instance', 'volume']);
    for (const spec of specs)
      expect(spec.tags).toMatch(/^\$\{merge\(local\.tags, \{\s*Name = "kafka-x86-64"\s*\}\)\}$/);
  });

  it('launches ECS instances from the SSM AMI with IMDSv2 only, on dedicated hardware when S9 requires it', async () => {
    const rec = await scenario('s09-dedicated-hosts');
    expect(rec.recommended).toBe('ecs-ec2');
    const tf = await terraform(rec);
    const lt = tf.resource('aws_launch_template', 'x86_64');
    // The SSM parameter unless var.ami_ids pins an AMI (as an offline plan does).
    expect(lt.image_id).toBe(
      tfRef(
        'coalesce(lookup(var.ami_ids, "x86-64", null), one(data.aws_ssm_parameter.ecs_ami_x86_64[*].insecure_value))',
      ),
    );
    expect(lt.metadata_options).toEqual([
      { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
    ]);
    expect(lt.placement).toEqual([{ tenancy: 'dedicated' }]);
    expect(
      tf.resource('aws_ecs_capacity_provider', 'x86_64_m5a_4xlarge').auto_scaling_group_provider[0],
    ).toMatchObject({
      managed_termination_protection: 'ENABLED',
      managed_draining: 'ENABLED',
    });
    const cfn = cloudformation(rec);
    const launchTemplate: Tree = cfn.Resources.X8664LaunchTemplate;
    expect(launchTemplate.Properties.LaunchTemplateData.Placement).toEqual({
      Tenancy: 'dedicated',
    });
    expect(cfn.Parameters.X8664Ami).toMatchObject({
      Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      Default: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
    });
  });

  it('runs S7 on Windows Server 2022 Core and asks for the images it cannot guess', async () => {
    const rec = await scenario('s07-windows-dotnet');
    const tf = await terraform(rec);
    expect(tf.resource('aws_ecs_task_definition', 'orders').runtime_platform).toEqual([
      { operating_system_family: 'WINDOWS_SERVER_2022_CORE', cpu_architecture: 'X86_64' },
    ]);
    expect(fileOf(tf.output, 'variables.tf')).not.toMatch(/variable "images" \{[^}]*default/);
    expect(cloudformation(rec).Parameters.OrdersImage).not.toHaveProperty('Default');
    const eks = generateIac(rec, 'terraform', { candidate: 'eks-ec2' });
    const groups = fileOf(eks, 'node-groups.tf');
    expect(groups).toContain('ami_type        = "WINDOWS_CORE_2022_x86_64"');
    expect(groups).toContain('node_group_name = "system"');
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-ec2' });
    expect(byKind(manifests(k8s, '01-windows-ipam.yaml'), 'ConfigMap').data).toEqual({
      'enable-windows-ipam': 'true',
    });
    // kubectl applies files in name order: Windows IPAM right after the namespace, before any pod.
    expect(
      k8s.files
        .map((f) => f.path)
        .sort()
        .slice(0, 2),
    ).toEqual(['00-namespace.yaml', '01-windows-ipam.yaml']);
    const orders = manifests(k8s, 'orders.yaml');
    expect(byKind(orders, 'Deployment').spec.template.spec.os).toEqual({ name: 'windows' });
    // The Windows placeholder image serves on 80, whatever the workload's port; the Service targets the
    // container's named port, so it follows.
    const custom = await workload({
      name: 'windows-8080',
      services: [
        { name: 'api', cpu: 2, memory: '8 GiB', replicas: 2, os: 'windows', port: 8080, exposure: 'public' },
      ],
    });
    const api = manifests(generateIac(custom, 'kubernetes', { candidate: 'eks-ec2' }), 'api.yaml');
    expect(byKind(api, 'Deployment').spec.template.spec.containers[0].ports).toEqual([
      { name: 'http', containerPort: 80, protocol: 'TCP' },
    ]);
    expect(byKind(api, 'Service').spec.ports[0].targetPort).toBe('http');
  });
});

describe('generateIac: Kubernetes workloads', () => {
  it('gives every pod requests, a memory limit equal to its request, probes, a non-root context and zone spread', async () => {
    const rec = await scenario('s01-small-web-app');
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-ec2' });
    const docs = manifests(k8s, 'web.yaml');
    expect(docs.map((d) => d.kind)).toEqual([
      'ServiceAccount',
      'Deployment',
      'Service',
      'Ingress',
      'PodDisruptionBudget',
    ]);
    const pod = byKind(docs, 'Deployment').spec.template.spec;
    const container = pod.containers[0];
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { memory: '512Mi' },
    });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.topologySpreadConstraints[0]).toMatchObject({
      topologyKey: 'topology.kubernetes.io/zone',
      maxSkew: 1,
    });
    expect(byKind(docs, 'Ingress').metadata.annotations['alb.ingress.kubernetes.io/target-type']).toBe('ip');
  });

  it('keeps a node agent off Fargate as a DaemonSet, and runs it as an ECS daemon service', async () => {
    const rec = await workload({
      name: 'agents',
      team: { kubernetesExperience: 'expert' },
      services: [
        { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, exposure: 'public' },
        { name: 'log-agent', cpu: 0.25, memory: '256 MiB', needs: { daemon: true } },
      ],
    });
    const mixed = rec.candidates.find((c) => c.id === 'eks-mixed');
    expect(mixed?.placements).toEqual([
      { service: 'web', compute: 'fargate' },
      { service: 'log-agent', compute: 'ec2' },
    ]);
    const k8s = generateIac(rec, 'kubernetes', { candidate: 'eks-mixed' });
    const agent = byKind(manifests(k8s, 'log-agent.yaml'), 'DaemonSet');
    const terms =
      agent.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution
        .nodeSelectorTerms;
    expect(terms[0].matchExpressions[0]).toEqual({
      key: 'eks.amazonaws.com/compute-type',
      operator: 'NotIn',
      values: ['fargate'],
    });
    expect(manifests(k8s, 'log-agent.yaml').map((d) => d.kind)).not.toContain('PodDisruptionBudget');
    expect(
      byKind(manifests(k8s, 'web.yaml'), 'Deployment').spec.template.metadata.labels['berth.dev/fargate'],
    ).toBe('true');
    const eks = await terraform(rec, 'eks-mixed');
    expect(eks.resource('aws_eks_fargate_profile', 'workload').selector).toEqual([
      { namespace: 'agents', labels: { 'berth.dev/fargate': 'true' } },
    ]);
    const ecs = await terraform(rec, 'ecs-ec2');
    expect(ecs.resource('aws_ecs_service', 'log_agent')).toMatchObject({
      scheduling_strategy: 'DAEMON',
      launch_type: 'EC2',
    });
  });

  it('gives S11’s brokers a StatefulSet with a 1024 GiB gp3 claim each, and the EBS CSI add-on', async () => {
    const rec = await scenario('s11-kafka-ebs');
    expect(rec.recommended).toBe('eks-ec2');
    const k8s = generateIac(rec, 'kubernetes');
    const set = byKind(manifests(k8s, 'broker.yaml'), 'StatefulSet');
    expect(set.spec.replicas).toBe(3);
    expect(set.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'gp3',
      resources: { requests: { storage: '1024Gi' } },
    });
    expect(byKind(manifests(k8s, '02-storage-class.yaml'), 'StorageClass').provisioner).toBe(
      'ebs.csi.aws.com',
    );
    const tf = await terraform(rec);
    expect(tf.resource('aws_eks_addon', 'ebs_csi_driver').pod_identity_association).toEqual([
      { role_arn: tfRef('aws_iam_role.ebs_csi.arn'), service_account: 'ebs-csi-controller-sa' },
    ]);
    for (const [label, type] of nodeGroupLabels(rec, 'eks-ec2', 'x86-64'))
      expect(tf.resource('aws_eks_node_group', label).instance_types).toEqual([type]);
  });

  it('quotes YAML 1.1 booleans such as a service named "yes", so Kubernetes reads strings', async () => {
    const rec = await workload({
      name: 'on',
      services: [{ name: 'yes', cpu: 0.5, memory: '1 GiB', replicas: 1 }],
    });
    const text = fileOf(generateIac(rec, 'kubernetes', { candidate: 'eks-fargate' }), 'yes.yaml');
    expect(text).toContain('app.kubernetes.io/name: "yes"');
    expect(text).toContain('namespace: "on"');
    const account = parseYaml(text.split('---\n')[0] ?? '', { version: '1.1' });
    expect(account.metadata).toMatchObject({ name: 'yes', namespace: 'on' });
  });
});
