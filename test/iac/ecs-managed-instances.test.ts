/**
 * ECS Managed Instances starter code. CloudFormation: cfn-lint clean, one Managed Instances capacity provider
 * per priced instance type, and each service's strategy over the types the optimizer placed it on.
 * Terraform: the same capacity, checked against the AWS provider 6.25 schema extract (the local mirror has
 * 5.100, which has no `managed_instances_provider`, so `terraform validate` cannot run on this stack), and a
 * provider constraint of 6.x for this stack only.
 */
import { describe, expect, it } from 'vitest';
import { generateIac } from '../../src/iac/generate.js';
import { targetsFor } from '../../src/iac/targets.js';
import { MANAGED_INSTANCES_PROVIDER_VERSION } from '../../src/iac/terraform/ecs-managed-instances.js';
import { AWS_PROVIDER_VERSION } from '../../src/iac/terraform/terraform-blocks.js';
import type { Candidate } from '../../src/model/candidate.js';
import type { IacFile } from '../../src/model/iac.js';
import { cfnLintUnavailable, lintTemplates, parseTemplate } from './helpers/cloudformation-check.js';
import { standIn, withManagedCandidate } from './helpers/managed-candidates.js';
import { generateAll, loadScenarios } from './helpers/scenarios.js';
import {
  AWS6_CAPACITY_PROVIDER_SCHEMA,
  checkTerraform,
  type ParsedTerraform,
  parseTerraform,
  schemaFor,
} from './helpers/terraform-check.js';

const SCHEMA_6 = AWS6_CAPACITY_PROVIDER_SCHEMA;
const MERGED = schemaFor('ecs-managed-instances');

const scenarios = await loadScenarios();
const withMi = scenarios.flatMap((s) => {
  const rec = withManagedCandidate(s.rec, 'ecs-managed-instances');
  const candidate = rec?.candidates.find((c) => c.id === 'ecs-managed-instances');
  return rec === null || candidate === undefined ? [] : [{ name: s.name, rec, candidate }];
});
const cases = withMi
  .filter((c) => targetsFor(c.candidate).includes('cloudformation'))
  .map((c) => ({
    ...c,
    cfn: generateIac(c.rec, 'cloudformation', { candidate: 'ecs-managed-instances' }).files,
  }));
const tfCases = withMi
  .filter((c) => targetsFor(c.candidate).includes('terraform'))
  .map((c) => ({ ...c, tf: generateIac(c.rec, 'terraform', { candidate: 'ecs-managed-instances' }).files }));

function text(files: readonly IacFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no ${path}`);
  return file.contents;
}

/** Instance types by the busiest-hour placement: service → types its tasks were placed on. */
function placedTypes(candidate: Candidate): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const node of candidate.cost?.fleet?.placement ?? [])
    for (const task of node.tasks) {
      const set = out.get(task.service) ?? new Set<string>();
      set.add(node.instanceType);
      out.set(task.service, set);
    }
  return out;
}

function pricedTypes(candidate: Candidate): string[] {
  const fleet = candidate.cost?.fleet;
  return [...new Set([...(fleet?.peak ?? []), ...(fleet?.typical ?? [])].map((l) => l.instanceType))].sort();
}

describe('ECS Managed Instances in CloudFormation', () => {
  it('covers several examples', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: one capacity provider per priced type, services weighted over the types they were placed on',
    (_name, c) => {
      const template = parseTemplate(text(c.cfn, 'template.yaml'));
      const providers = Object.entries(template.Resources).filter(
        ([, r]) => r.Type === 'AWS::ECS::CapacityProvider',
      );
      const typeOf = new Map<string, string>();
      for (const [id, r] of providers) {
        const mip = r.Properties.ManagedInstancesProvider as {
          InstanceLaunchTemplate: {
            InstanceRequirements: { AllowedInstanceTypes: string[] };
            CapacityOptionType: string;
          };
        };
        expect(r.Properties.AutoScalingGroupProvider, id).toBeUndefined();
        const allowed = mip.InstanceLaunchTemplate.InstanceRequirements.AllowedInstanceTypes;
        expect(allowed, id).toHaveLength(1);
        typeOf.set(id, allowed[0] ?? '');
      }
      expect([...typeOf.values()].sort()).toEqual(pricedTypes(c.candidate));
      // No Auto Scaling group, launch template or AMI parameter: AWS runs the instances.
      expect(Object.values(template.Resources).map((r) => r.Type)).not.toContain(
        'AWS::AutoScaling::AutoScalingGroup',
      );
      expect(Object.keys(template.Parameters).filter((p) => p.endsWith('Ami'))).toEqual([]);
      const placed = placedTypes(c.candidate);
      for (const [id, r] of Object.entries(template.Resources)) {
        if (r.Type === 'AWS::ECS::TaskDefinition' && r.Properties.RequiresCompatibilities !== undefined) {
          const compat = r.Properties.RequiresCompatibilities as string[];
          if (compat[0] !== 'FARGATE') {
            expect(compat, id).toEqual(['MANAGED_INSTANCES']);
            expect(['awsvpc', 'host'], id).toContain(r.Properties.NetworkMode);
          }
        }
        if (r.Type !== 'AWS::ECS::Service') continue;
        const name = r.Properties.ServiceName as string;
        const strategy = r.Properties.CapacityProviderStrategy as { CapacityProvider: { Ref: string } }[];
        const types = new Set(strategy.map((s) => typeOf.get(s.CapacityProvider.Ref)));
        // Every type the service was placed on is in its strategy; a type only the median hour uses
        // may come first as its base (ecs-capacity-groups.ts), and every type is a priced one.
        for (const type of placed.get(name) ?? []) expect(types, name).toContain(type);
        for (const type of types) expect(pricedTypes(c.candidate), name).toContain(type);
      }
      const role = template.Resources.InstanceRole?.Properties.RoleName as string;
      expect(role.startsWith('ecsInstanceRole')).toBe(true);
      expect(text(c.cfn, 'template.yaml')).toContain('CAPABILITY_NAMED_IAM');
    },
  );

  it('s01: the header lists the priced fleet', () => {
    const s01 = cases.find((c) => c.name === 's01-small-web-app');
    const fleet = s01?.candidate.cost?.fleet?.peak ?? [];
    expect(fleet.length).toBeGreaterThan(0);
    const header = text(s01?.cfn ?? [], 'template.yaml')
      .split('\n')
      .slice(0, 8)
      .join('\n');
    expect(header).toContain(fleet.map((l) => `${l.count} × ${l.instanceType}`).join(' + '));
  });

  it('cfn-lint finds nothing, warnings and informational checks included', async (ctx) => {
    const why = await cfnLintUnavailable();
    if (why !== null) {
      console.warn(`\n*** SKIPPED cfn-lint of ECS Managed Instances templates: ${why}. ***\n`);
      ctx.skip();
    }
    const findings = await lintTemplates(
      cases.map((c) => ({ name: `${c.name}.yaml`, text: text(c.cfn, 'template.yaml') })),
    );
    expect(findings).toEqual([]);
  }, 300_000);

  it('refuses a Windows or dedicated pool with the reason, and lists no target for it', () => {
    const refused = scenarios
      .filter((sc) => sc.name === 's07-windows-dotnet' || sc.name === 's09-dedicated-hosts')
      .map((sc) => standIn(sc.rec, 'ecs-managed-instances'));
    expect(refused).toHaveLength(2);
    for (const rec of refused) {
      const candidate = rec?.candidates.find((c) => c.id === 'ecs-managed-instances');
      expect(candidate && targetsFor(candidate)).toEqual([]);
      expect(() =>
        generateIac(rec as never, 'cloudformation', { candidate: 'ecs-managed-instances' }),
      ).toThrow(/has no (operating system or AMI|tenancy) setting/);
    }
  });

  it('s04: a Spot pool is written in CloudFormation (CapacityOptionType SPOT) and refused in Terraform', () => {
    const s04 = scenarios.find((sc) => sc.name === 's04-nightly-batch');
    const rec = s04 === undefined ? null : withManagedCandidate(s04.rec, 'ecs-managed-instances');
    const candidate = rec?.candidates.find((c) => c.id === 'ecs-managed-instances');
    expect(candidate?.deployment?.nodePools.some((p) => p.spot)).toBe(true);
    expect(candidate && targetsFor(candidate)).toEqual(['cloudformation']);
    const template = text(
      generateIac(rec as never, 'cloudformation', { candidate: 'ecs-managed-instances' }).files,
      'template.yaml',
    );
    expect(template).toContain('CapacityOptionType: SPOT');
    expect(() => generateIac(rec as never, 'terraform', { candidate: 'ecs-managed-instances' })).toThrow(
      /no capacity option type/,
    );
  });
});

describe('ECS Managed Instances in Terraform (AWS provider 6.x)', () => {
  it('records where the 6.x schema extract comes from', () => {
    expect(SCHEMA_6.source).toEqual({
      package: '@cdktf/provider-aws@21.22.1',
      file: 'lib/ecs-capacity-provider/index.js and index.d.ts',
      provider: 'registry.terraform.io/hashicorp/aws',
      providerVersion: '6.25.0',
    });
  });

  it('covers several examples', () => {
    expect(tfCases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(tfCases.map((c) => [c.name, c] as const))(
    '%s: every block checks out against the 6.25 schema, and the 5.100 mirror lacks managed_instances_provider',
    async (_name, c) => {
      const parsed = await parseTerraform(c.tf);
      expect(checkTerraform(parsed, MERGED)).toEqual([]);
      // Why terraform validate cannot run here: provider 5.100 has no such block.
      expect(checkTerraform(parsed)).toContainEqual(
        expect.stringMatching(/managed_instances_provider: unsupported argument or block/),
      );
      const providers = resourcesOf(parsed, 'aws_ecs_capacity_provider');
      const types = Object.values(providers).map((body) => {
        // biome-ignore lint/suspicious/noExplicitAny: the parsed HCL, read by path
        const ir = (body as any).managed_instances_provider[0].instance_launch_template[0]
          .instance_requirements[0];
        expect(ir.allowed_instance_types).toHaveLength(1);
        return ir.allowed_instance_types[0] as string;
      });
      expect(types.sort()).toEqual(pricedTypes(c.candidate));
      expect(text(c.tf, 'versions.tf')).toContain(`version = "${MANAGED_INSTANCES_PROVIDER_VERSION}"`);
    },
  );

  it('asks for provider 6.x in this stack only', () => {
    expect(MANAGED_INSTANCES_PROVIDER_VERSION).toBe('>= 6.25, < 7.0');
    const others = scenarios
      .flatMap((s) => generateAll(s, 'terraform'))
      .filter((o) => o.candidate !== 'ecs-managed-instances');
    expect(others.length).toBeGreaterThan(0);
    for (const o of others)
      expect(text(o.output.files, 'versions.tf'), o.candidate).toContain(
        `version = "${AWS_PROVIDER_VERSION}"`,
      );
  });
});

function resourcesOf(parsed: Map<string, ParsedTerraform>, type: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const doc of parsed.values())
    for (const [label, bodies] of Object.entries(
      ((doc.resource ?? {}) as Record<string, Record<string, unknown[]>>)[type] ?? {},
    ))
      out[label] = bodies[0];
  return out;
}
