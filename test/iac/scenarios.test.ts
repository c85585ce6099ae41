/**
 * Every generated file of every scenario fixture (examples/*.yaml), for every candidate with starter code
 * and every target that fits it, goes through the validators the ecosystem uses; the recommended
 * candidate's files (and a few telling alternatives) are golden files under test/golden/.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../scripts/dump-terraform-schema.js';
import {
  cfnLintUnavailable,
  freeEngine,
  lintTemplates,
  validateTemplate,
} from './helpers/cloudformation-check.js';
import { checkManifests, parseManifests } from './helpers/kubernetes-check.js';
import { type GeneratedStack, generateAll, loadScenarios } from './helpers/scenarios.js';
import {
  checkTerraform,
  PROVIDER_SCHEMA,
  parseTerraform,
  schemaFor,
  usedTypes,
} from './helpers/terraform-check.js';
import { dummyInputs, terraformUnavailable, validateWithTerraform } from './helpers/terraform-cli.js';

const scenarios = await loadScenarios();
const terraform = scenarios.map((s) => ({ scenario: s.name, stacks: generateAll(s, 'terraform') }));
const cloudformation = scenarios.flatMap((s) => generateAll(s, 'cloudformation'));
const kubernetes = scenarios.flatMap((s) => generateAll(s, 'kubernetes'));
const label = (s: GeneratedStack) => `${s.scenario} ${s.candidate}`;
/** The main stack's files; the EKS platform/ module (Helm provider) is checked in eks-platform.test.ts. */
const rootFiles = (s: GeneratedStack) => s.output.files.filter((f) => !f.path.includes('/'));

afterAll(() => freeEngine());

describe('generated Terraform', () => {
  const stacks = terraform.flatMap((t) => t.stacks);

  it('covers every scenario, with the recommended candidate among the stacks', () => {
    expect(terraform).toHaveLength(11);
    for (const { scenario, stacks: list } of terraform)
      expect(
        list.some((s) => s.recommended),
        scenario,
      ).toBe(true);
  });

  it.each(stacks.map((s) => [label(s), s] as const))(
    '%s parses and uses only arguments of the AWS provider schema',
    async (_name, stack) => {
      const parsed = await parseTerraform(rootFiles(stack));
      expect(parsed.size).toBe(rootFiles(stack).length);
      expect(checkTerraform(parsed, schemaFor(stack.candidate))).toEqual([]);
    },
  );

  it('emits only resource types the schema extract holds, all of them listed in the dump script', async () => {
    const used = new Set<string>();
    for (const stack of stacks)
      for (const t of usedTypes(await parseTerraform(rootFiles(stack)))) used.add(t);
    const resources = [...used]
      .filter((t) => t.startsWith('resource.'))
      .map((t) => t.slice('resource.'.length));
    for (const type of resources) expect(RESOURCE_TYPES, type).toContain(type);
    for (const type of resources) expect(PROVIDER_SCHEMA.resources[type], type).toBeDefined();
    expect(PROVIDER_SCHEMA.version).toBe('5.100.0');
  });
});

describe('generated CloudFormation', () => {
  it('covers the ECS candidates of the scenarios', () => {
    expect(cloudformation.length).toBeGreaterThanOrEqual(10);
    expect(cloudformation.every((s) => s.candidate.startsWith('ecs-'))).toBe(true);
  });

  it.each(cloudformation.map((s) => [label(s), s] as const))(
    '%s passes @aws/cloudformation-validate with no findings',
    (_name, stack) => {
      const [template] = stack.output.files;
      expect(stack.output.files).toHaveLength(1);
      expect(validateTemplate(template?.contents ?? '')).toEqual([]);
    },
  );
});

/** The external validators run side by side: each is a subprocess that takes tens of seconds. */
describe.concurrent('terraform validate and cfn-lint, where installed', () => {
  const stacks = terraform.flatMap((t) => t.stacks);

  it('passes terraform validate and terraform fmt (one init and one validate for all stacks)', async (ctx) => {
    const why = await terraformUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED terraform validate: ${why}. Only the offline schema check ran. ***\n`);
      ctx.skip();
    }
    // ECS Managed Instances needs provider 6, which the 5.100 mirror cannot validate; its stack is checked
    // against the 6.25 schema extract instead (ecs-managed-instances.test.ts).
    const validatable = stacks.filter((s) => s.candidate !== 'ecs-managed-instances');
    console.info(
      `terraform validate: ${stacks.length - validatable.length} ECS Managed Instances stacks left out (they need AWS provider 6)`,
    );
    const modules = await Promise.all(
      validatable.map(async (s) => ({
        name: `${s.scenario}-${s.candidate}`,
        files: s.output.files,
        inputs: dummyInputs(await parseTerraform(rootFiles(s))),
      })),
    );
    const verdict = await validateWithTerraform(modules);
    expect(verdict.diagnostics).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.unformatted).toEqual([]);
    expect(verdict.provider).toBe('5.100.0');
    console.info(
      `terraform validate: ${modules.length} stacks valid with hashicorp/aws ${verdict.provider}, all fmt-clean`,
    );
  }, 240_000);

  it('passes cfn-lint', async (ctx) => {
    const why = await cfnLintUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED cfn-lint: ${why}. Only @aws/cloudformation-validate ran. ***\n`);
      ctx.skip();
    }
    const findings = await lintTemplates(
      cloudformation.map((s) => ({
        name: `${s.scenario}-${s.candidate}.yaml`,
        text: s.output.files[0]?.contents ?? '',
      })),
    );
    expect(findings).toEqual([]);
    console.info(`cfn-lint: ${cloudformation.length} templates, no findings (informational checks included)`);
  }, 300_000);
});

describe('generated Kubernetes manifests', () => {
  it('covers the EKS candidates of the scenarios', () => {
    expect(kubernetes.length).toBeGreaterThanOrEqual(10);
    expect(kubernetes.every((s) => s.candidate.startsWith('eks-'))).toBe(true);
  });

  it.each(kubernetes.map((s) => [label(s), s] as const))(
    '%s passes kubernetes-models validation with no unknown fields',
    (_name, stack) => {
      const problems = stack.output.files.flatMap((f) =>
        checkManifests(parseManifests(f.contents, f.path), f.path),
      );
      expect(problems).toEqual([]);
    },
  );
});

/** Besides each recommendation, alternatives that show a shape no recommendation does. */
const EXTRA_GOLDEN = new Set([
  's02-gpu-inference eks-mixed',
  's04-nightly-batch ecs-ec2',
  's07-windows-dotnet ecs-ec2',
  // Brokers one per instance: ECS's distinctInstance constraint.
  's11-kafka-ebs ecs-ec2',
]);

describe('golden files', () => {
  const all = [...terraform.flatMap((t) => t.stacks), ...cloudformation, ...kubernetes].filter(
    (s) => s.recommended || EXTRA_GOLDEN.has(label(s)),
  );
  it.each(all.map((s) => [`${label(s)} ${s.output.target}`, s] as const))(
    '%s matches test/golden',
    async (_name, s) => {
      for (const file of s.output.files) {
        await expect(file.contents).toMatchFileSnapshot(
          path.join('..', 'golden', s.scenario, s.candidate, s.output.target, file.path),
        );
      }
    },
  );
});
