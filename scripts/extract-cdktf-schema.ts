/**
 * Writes test/fixtures/terraform-aws6-ecs-capacity-provider.json: the schema of `aws_ecs_capacity_provider`
 * in AWS provider 6.x (its `managed_instances_provider` block does not exist in the 5.x mirror here), read
 * from the bindings @cdktf/provider-aws generates from that provider, in the shape of
 * test/fixtures/terraform-aws-schema.json so the IaC tests check ECS Managed Instances Terraform with it.
 *
 *   cd /tmp && npm pack @cdktf/provider-aws@21.22.1 && tar xzf cdktf-provider-aws-21.22.1.tgz
 *   npx tsx scripts/extract-cdktf-schema.ts /tmp/package
 *
 * The bindings say, per argument, its Terraform name, whether it is a nested block (list or set) and its
 * value type (index.js), and whether it is required (index.d.ts, no `?`). They do not carry min/max
 * items, computed-only attributes or deprecation, so the extract has none of those.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODULE = 'lib/ecs-capacity-provider';

interface Attribute {
  type: unknown;
  required?: boolean;
  optional?: boolean;
}
interface Block {
  attributes: Record<string, Attribute>;
  blocks: Record<string, { nesting: string; block: Block }>;
}

const TYPES: Record<string, unknown> = {
  string: 'string',
  number: 'number',
  boolean: 'bool',
  stringList: ['list', 'string'],
  numberList: ['list', 'number'],
  stringMap: ['map', 'string'],
};

function main(packageDir: string): void {
  const js = readFileSync(path.join(packageDir, MODULE, 'index.js'), 'utf8');
  const dts = readFileSync(path.join(packageDir, MODULE, 'index.d.ts'), 'utf8');
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const provider = (pkg.cdktf?.provider ?? {}) as { name?: string; version?: string };
  const functions = new Map<string, string>();
  for (const m of js.matchAll(/function (\w+)ToHclTerraform\(struct\) \{([\s\S]*?)\n\}/g))
    functions.set(m[1] ?? '', m[2] ?? '');
  const top = /synthesizeHclAttributes\(\) \{([\s\S]*?)\n {4}\}/.exec(js)?.[1];
  if (top === undefined) throw new Error(`extract schema: no synthesizeHclAttributes in ${MODULE}/index.js`);
  const schema = {
    source: {
      package: `${pkg.name}@${pkg.version}`,
      file: `${MODULE}/index.js and index.d.ts`,
      provider: provider.name,
      providerVersion: provider.version,
    },
    version: provider.version,
    resources: { aws_ecs_capacity_provider: readBlock(top, 'EcsCapacityProviderConfig', functions, dts) },
    dataSources: {},
  };
  const out = fileURLToPath(
    new URL('../test/fixtures/terraform-aws6-ecs-capacity-provider.json', import.meta.url),
  );
  writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${out} (${schema.source.package}, ${provider.name} ${provider.version})`);
}

/** One block: its `const attrs = {...}` entries, required where the TypeScript interface has no `?`. */
function readBlock(body: string, iface: string, functions: Map<string, string>, dts: string): Block {
  const required = requiredProperties(dts, iface);
  const block: Block = { attributes: {}, blocks: {} };
  const entry =
    /(\w+): \{\s*value: (.+?)\((?:struct|this)\.(?:_)?(\w+)(?:\.internalValue)?\),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",?\s*\}/g;
  for (const m of body.matchAll(entry)) {
    const [, name = '', converter = '', property = '', isBlock, nesting = '', storage = ''] = m;
    if (isBlock === 'true') {
      const fn = converter.replace(/ToHclTerraform$/, '');
      const nestedBody = functions.get(fn);
      if (nestedBody === undefined) throw new Error(`extract schema: no ${fn}ToHclTerraform for ${name}`);
      const nestedIface = fn.charAt(0).toUpperCase() + fn.slice(1);
      block.blocks[name] = { nesting, block: readBlock(nestedBody, nestedIface, functions, dts) };
    } else {
      const type = TYPES[storage];
      if (type === undefined) throw new Error(`extract schema: unknown value type ${storage} of ${name}`);
      block.attributes[name] = required.has(property) ? { type, required: true } : { type, optional: true };
    }
  }
  return block;
}

function requiredProperties(dts: string, iface: string): Set<string> {
  const body = new RegExp(`export interface ${iface} (?:extends [\\w.]+ )?\\{([\\s\\S]*?)\\n\\}`).exec(
    dts,
  )?.[1];
  if (body === undefined) throw new Error(`extract schema: no interface ${iface} in index.d.ts`);
  return new Set([...body.matchAll(/readonly (\w+): /g)].map((m) => m[1] ?? ''));
}

main(process.argv[2] ?? '/tmp/package');
