/**
 * A service priced one task per node (`needs.onePerNode`) launches one per node: for every example, and a
 * workload of this test with a scheduled job, and every candidate with starter code, each service the priced fleet holds at most one of a node, because the workload
 * asks it, carries the scheduler's constraint in that candidate's starter code (ECS: `distinctInstance` in
 * Terraform and CloudFormation; EKS: required pod anti-affinity on the node's hostname), and no other service
 * does. docs/starter-code.md#one-task-per-node.
 */
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.js';
import type { Candidate } from '../../src/model/candidate.js';
import { heuristicFleetSolver } from '../../src/sizing/fleet-solver.js';
import { parseTemplate, validateTemplate } from './helpers/cloudformation-check.js';
import { parseManifests } from './helpers/kubernetes-check.js';
import { type GeneratedStack, generateAll, loadScenarios, type Scenario } from './helpers/scenarios.js';
import { checkTerraform, parseTerraform, schemaFor } from './helpers/terraform-check.js';

const scenarios = await loadScenarios();

/** The services a candidate's priced peak fleet holds, with the most tasks of each on one node. */
function mostPerNode(candidate: Candidate): Map<string, number> {
  const most = new Map<string, number>();
  for (const node of candidate.cost?.fleet?.placement ?? [])
    for (const { service, count } of node.tasks) most.set(service, Math.max(most.get(service) ?? 0, count));
  return most;
}

/**
 * The services whose ECS service or scheduled task (Terraform or CloudFormation) or pod template (Kubernetes:
 * a workload's template, or a CronJob's job template) asks for one per node.
 */
async function constrained(stack: GeneratedStack): Promise<string[]> {
  const found = new Set<string>();
  const distinct = (list: unknown) =>
    Array.isArray(list) &&
    list.some(
      (c) =>
        (c as { type?: string; Type?: string }).type === 'distinctInstance' ||
        (c as { Type?: string }).Type === 'distinctInstance',
    );
  if (stack.output.target === 'terraform') {
    // Each ECS service's resources are in service-NAME.tf.
    for (const [file, parsed] of await parseTerraform(stack.output.files)) {
      const name = /^service-(.+)\.tf$/.exec(file)?.[1];
      const resources = (parsed.resource ?? {}) as Record<string, Record<string, Record<string, unknown>[]>>;
      const services = Object.values(resources.aws_ecs_service ?? {}).map(
        ([body]) => body?.placement_constraints,
      );
      const schedules = Object.values(resources.aws_scheduler_schedule ?? {}).map(([body]) => {
        const target = (body?.target as Record<string, unknown>[] | undefined)?.[0];
        return (target?.ecs_parameters as Record<string, unknown>[] | undefined)?.[0]?.placement_constraints;
      });
      if (name && [...services, ...schedules].some(distinct)) found.add(name);
    }
  } else if (stack.output.target === 'cloudformation') {
    for (const file of stack.output.files) {
      const { Resources } = parseTemplate(file.contents);
      for (const resource of Object.values(Resources)) {
        const props = resource.Properties as Record<string, unknown>;
        if (resource.Type === 'AWS::ECS::Service' && distinct(props.PlacementConstraints))
          found.add(props.ServiceName as string);
        if (resource.Type === 'AWS::Scheduler::Schedule') {
          const ecs = (props.Target as { EcsParameters?: Record<string, unknown> }).EcsParameters;
          if (!ecs || !distinct(ecs.PlacementConstraints)) continue;
          // The task definition the schedule starts names the service's container.
          const task = Resources[(ecs.TaskDefinitionArn as { Ref: string }).Ref]!;
          found.add((task.Properties.ContainerDefinitions as { Name: string }[])[0]!.Name);
        }
      }
    }
  } else {
    for (const file of stack.output.files) {
      for (const manifest of parseManifests(file.contents, file.path)) {
        type Template = { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
        const spec = manifest.spec as
          | { template?: Template; jobTemplate?: { spec: { template: Template } } }
          | undefined;
        const template = spec?.template ?? spec?.jobTemplate?.spec.template;
        const terms = (
          template?.spec.affinity as {
            podAntiAffinity?: {
              requiredDuringSchedulingIgnoredDuringExecution?: {
                topologyKey: string;
                labelSelector: { matchLabels: Record<string, string> };
              }[];
            };
          }
        )?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
        const name = template?.metadata.labels['app.kubernetes.io/name'];
        if (
          name &&
          terms?.some(
            (t) =>
              t.topologyKey === 'kubernetes.io/hostname' &&
              t.labelSelector.matchLabels['app.kubernetes.io/name'] === name,
          )
        )
          found.add(name);
      }
    }
  }
  return [...found].sort();
}

/**
 * Besides the examples, a workload of this test: a nightly job of 4 tasks one per node (a scheduled task on
 * ECS, a CronJob on EKS), beside a web service and a per-node agent that ask nothing of the kind.
 */
const ownWorkload: Scenario = {
  name: 'nightly-one-per-node',
  rec: await advise(
    {
      name: 'nightly',
      services: [
        {
          name: 'nightly-job',
          cpu: 2,
          memory: '4 GiB',
          replicas: 4,
          traffic: { pattern: 'batch', startHour: 2, durationHours: 1, daysPerWeek: 7 },
          needs: { onePerNode: true },
        },
        { name: 'web', cpu: 1, memory: '2 GiB', replicas: 2, exposure: 'public' },
        { name: 'agent', cpu: 0.25, memory: '256 MiB', needs: { daemon: true } },
      ],
    },
    { fleetSolver: heuristicFleetSolver },
  ),
};
scenarios.push(ownWorkload);

const stacks = scenarios.flatMap((scenario) =>
  (['terraform', 'cloudformation', 'kubernetes'] as const).flatMap((target) =>
    generateAll(scenario, target).map((stack) => ({ scenario, stack })),
  ),
);

describe('one task per node: what launches is what was priced', () => {
  it("writes the nightly job's constraints as the provider schema and the CloudFormation spec take them", async () => {
    // The root module: platform/ is Helm releases, checked by scenarios.test.ts.
    for (const stack of generateAll(ownWorkload, 'terraform')) {
      const root = stack.output.files.filter((f) => !f.path.includes('/'));
      expect(checkTerraform(await parseTerraform(root), schemaFor(stack.candidate))).toEqual([]);
    }
    for (const stack of generateAll(ownWorkload, 'cloudformation'))
      for (const file of stack.output.files) expect(validateTemplate(file.contents, file.path)).toEqual([]);
  });

  it("covers s11's brokers and a nightly job on every EC2 candidate, and only them", async () => {
    const checked: string[] = [];
    for (const { scenario, stack } of stacks) {
      const candidate = scenario.rec.candidates.find((c) => c.id === stack.candidate)!;
      const onEc2 = mostPerNode(candidate);
      const asked = scenario.rec.workload.services.filter((s) => s.needs.onePerNode && onEc2.has(s.name));
      for (const service of asked)
        expect(onEc2.get(service.name), `${stack.candidate} ${service.name}`).toBe(1);
      // The ECS Terraform of a workload on EKS has no ECS services, and the Kubernetes target no ECS ones.
      const writes =
        stack.output.target === 'kubernetes'
          ? candidate.orchestrator === 'eks'
          : candidate.orchestrator === 'ecs';
      const expected = writes ? asked.map((s) => s.name).sort() : [];
      expect(await constrained(stack), `${scenario.name} ${stack.candidate} ${stack.output.target}`).toEqual(
        expected,
      );
      if (expected.length > 0) checked.push(`${scenario.name} ${stack.candidate} ${stack.output.target}`);
    }
    // Checked by hand: s11's three brokers (4 vCPU, 16 GiB, a durable 1 TiB volume each) are on by default;
    // the nightly job asks for it.
    expect(checked).toEqual([
      's11-kafka-ebs ecs-ec2 terraform',
      's11-kafka-ebs ecs-managed-instances terraform',
      's11-kafka-ebs ecs-ec2 cloudformation',
      's11-kafka-ebs ecs-managed-instances cloudformation',
      's11-kafka-ebs eks-ec2 kubernetes',
      's11-kafka-ebs eks-auto-mode kubernetes',
      // ECS Managed Instances is excluded here: the per-node agent (ecs-managed-instances-no-daemon-service).
      'nightly-one-per-node ecs-ec2 terraform',
      'nightly-one-per-node ecs-ec2 cloudformation',
      'nightly-one-per-node eks-auto-mode kubernetes',
      'nightly-one-per-node eks-ec2 kubernetes',
    ]);
  });
});
