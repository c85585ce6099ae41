/**
 * A service priced one task per node (`needs.onePerNode`) launches one per node: for every example and every
 * candidate with starter code, each service the priced fleet holds at most one of a node, because the workload
 * asks it, carries the scheduler's constraint in that candidate's starter code (ECS: `distinctInstance` in
 * Terraform and CloudFormation; EKS: required pod anti-affinity on the node's hostname), and no other service
 * does. docs/starter-code.md#one-task-per-node.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/model/candidate.js';
import { parseTemplate } from './helpers/cloudformation-check.js';
import { parseManifests } from './helpers/kubernetes-check.js';
import { type GeneratedStack, generateAll, loadScenarios } from './helpers/scenarios.js';
import { parseTerraform } from './helpers/terraform-check.js';

const scenarios = await loadScenarios();

/** The services a candidate's priced peak fleet holds, with the most tasks of each on one node. */
function mostPerNode(candidate: Candidate): Map<string, number> {
  const most = new Map<string, number>();
  for (const node of candidate.cost?.fleet?.placement ?? [])
    for (const { service, count } of node.tasks) most.set(service, Math.max(most.get(service) ?? 0, count));
  return most;
}

/** The services whose ECS service (Terraform or CloudFormation) or pod template (Kubernetes) asks for one per node. */
async function constrained(stack: GeneratedStack): Promise<string[]> {
  const found: string[] = [];
  if (stack.output.target === 'terraform') {
    for (const parsed of (await parseTerraform(stack.output.files)).values()) {
      const services = (
        parsed.resource as Record<string, Record<string, { placement_constraints?: { type: string }[] }[]>>
      )?.aws_ecs_service;
      for (const [name, [body]] of Object.entries(services ?? {}))
        if (body?.placement_constraints?.some((c) => c.type === 'distinctInstance')) found.push(name);
    }
  } else if (stack.output.target === 'cloudformation') {
    for (const file of stack.output.files) {
      for (const resource of Object.values(parseTemplate(file.contents).Resources)) {
        const props = resource.Properties as {
          ServiceName?: string;
          PlacementConstraints?: { Type: string }[];
        };
        if (
          resource.Type === 'AWS::ECS::Service' &&
          props.PlacementConstraints?.some((c) => c.Type === 'distinctInstance')
        )
          found.push(props.ServiceName!);
      }
    }
  } else {
    for (const file of stack.output.files) {
      for (const manifest of parseManifests(file.contents, file.path)) {
        const template = (
          manifest.spec as {
            template?: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> };
          }
        )?.template;
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
          found.push(name);
      }
    }
  }
  return found.sort();
}

const stacks = scenarios.flatMap((scenario) =>
  (['terraform', 'cloudformation', 'kubernetes'] as const).flatMap((target) =>
    generateAll(scenario, target).map((stack) => ({ scenario, stack })),
  ),
);

describe('one task per node: what launches is what was priced', () => {
  it('covers the brokers of s11 on every EC2 candidate, and only them', async () => {
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
    // Checked by hand: s11's three brokers (4 vCPU, 16 GiB, a durable 1 TiB volume each) are on by default.
    expect(checked).toEqual([
      's11-kafka-ebs ecs-ec2 terraform',
      's11-kafka-ebs ecs-managed-instances terraform',
      's11-kafka-ebs ecs-ec2 cloudformation',
      's11-kafka-ebs ecs-managed-instances cloudformation',
      's11-kafka-ebs eks-ec2 kubernetes',
      's11-kafka-ebs eks-auto-mode kubernetes',
    ]);
  });
});
