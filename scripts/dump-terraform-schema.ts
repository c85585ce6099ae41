/**
 * Writes test/fixtures/terraform-aws-schema.json: the AWS provider's schema (`terraform providers schema
 * -json`) trimmed to the resource and data source types Berth's Terraform generators emit. The IaC tests
 * check every generated argument against it where no terraform binary is installed.
 *
 *   npx tsx scripts/dump-terraform-schema.ts
 *
 * Needs `terraform` and a provider mirror (default /opt/tf-plugins; set TF_PLUGIN_DIR, or TF_PLUGIN_DIR=
 * to download from the registry). Regenerate when the provider version or the emitted types change.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AWS_PROVIDER_VERSION } from '../src/iac/terraform/terraform-blocks.js';

/** Every resource type the generators emit; a test fails when a generator emits one not listed here. */
export const RESOURCE_TYPES = [
  'aws_appautoscaling_policy',
  'aws_appautoscaling_target',
  'aws_autoscaling_group',
  'aws_autoscaling_group_tag',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_cloudwatch_log_group',
  'aws_cloudwatch_metric_alarm',
  'aws_ec2_tag',
  'aws_ecs_capacity_provider',
  'aws_ecs_cluster',
  'aws_ecs_cluster_capacity_providers',
  'aws_ecs_service',
  'aws_ecs_task_definition',
  'aws_eks_access_entry',
  'aws_eks_access_policy_association',
  'aws_eks_addon',
  'aws_eks_cluster',
  'aws_eks_fargate_profile',
  'aws_eks_node_group',
  'aws_eks_pod_identity_association',
  'aws_iam_instance_profile',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_kms_key',
  'aws_launch_template',
  'aws_lb',
  'aws_lb_listener',
  'aws_lb_listener_rule',
  'aws_lb_target_group',
  'aws_scheduler_schedule',
  'aws_security_group',
  'aws_sqs_queue',
  'aws_sqs_queue_policy',
  'aws_vpc_security_group_egress_rule',
  'aws_vpc_security_group_ingress_rule',
];

export const DATA_SOURCE_TYPES = ['aws_ssm_parameter', 'aws_vpc'];

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const OUT = fileURLToPath(new URL('../test/fixtures/terraform-aws-schema.json', import.meta.url));

interface RawAttribute {
  type?: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  deprecated?: boolean;
}
interface RawBlock {
  attributes?: Record<string, RawAttribute>;
  block_types?: Record<
    string,
    { nesting_mode: string; min_items?: number; max_items?: number; block: RawBlock }
  >;
}

/** Keeps what a checker needs: attribute type and flags; nested blocks with their nesting and item limits. */
function trimBlock(block: RawBlock): unknown {
  const attributes = Object.fromEntries(
    Object.entries(block.attributes ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, a]) => [
        name,
        {
          type: a.type,
          ...(a.required ? { required: true } : {}),
          ...(a.optional ? { optional: true } : {}),
          ...(a.computed ? { computed: true } : {}),
          ...(a.deprecated ? { deprecated: true } : {}),
        },
      ]),
  );
  const blocks = Object.fromEntries(
    Object.entries(block.block_types ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, b]) => [
        name,
        {
          nesting: b.nesting_mode,
          ...(b.min_items ? { minItems: b.min_items } : {}),
          ...(b.max_items ? { maxItems: b.max_items } : {}),
          block: trimBlock(b.block),
        },
      ]),
  );
  return { attributes, blocks };
}

function main(): void {
  const terraform = process.env.TERRAFORM ?? 'terraform';
  const pluginDir = process.env.TF_PLUGIN_DIR ?? '/opt/tf-plugins';
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-tf-schema-'));
  try {
    writeFileSync(
      path.join(dir, 'versions.tf'),
      `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${AWS_PROVIDER_VERSION}"\n    }\n  }\n}\n`,
    );
    const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
    const init = [
      'init',
      '-backend=false',
      '-input=false',
      ...(pluginDir === '' ? [] : [`-plugin-dir=${pluginDir}`]),
    ];
    execFileSync(terraform, init, { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const raw = execFileSync(terraform, ['providers', 'schema', '-json'], {
      cwd: dir,
      env,
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    const lock = readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8');
    const version = /version\s*=\s*"([^"]+)"/.exec(lock)?.[1] ?? 'unknown';
    const schema = JSON.parse(raw).provider_schemas[PROVIDER];
    const pick = (all: Record<string, { block: RawBlock }>, types: readonly string[]) =>
      Object.fromEntries(
        [...types].sort().map((type) => {
          const entry = all[type];
          if (entry === undefined) throw new Error(`${type}: not in ${PROVIDER} ${version}`);
          return [type, trimBlock(entry.block)];
        }),
      );
    const trimmed = {
      source: `terraform providers schema -json, ${PROVIDER} ${version}, trimmed by scripts/dump-terraform-schema.ts`,
      provider: PROVIDER,
      version,
      resources: pick(schema.resource_schemas, RESOURCE_TYPES),
      dataSources: pick(schema.data_source_schemas, DATA_SOURCE_TYPES),
    };
    writeFileSync(OUT, `${JSON.stringify(trimmed, null, 2)}\n`);
    // The project's formatter owns JSON layout, so a regenerated file diffs only where the schema changed.
    execFileSync('npx', ['biome', 'format', '--write', OUT], { stdio: 'ignore' });
    console.log(
      `wrote ${OUT} (${PROVIDER} ${version}, ${RESOURCE_TYPES.length} resources, ${DATA_SOURCE_TYPES.length} data sources)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
