/**
 * Offline Terraform checks: parse with @cdktf/hcl2json, then check every argument and block against the
 * trimmed AWS provider schema (test/fixtures/terraform-aws-schema.json), and every reference against what
 * the files declare. Catches what `terraform validate` catches for arguments (unknown, read-only,
 * deprecated, missing required, list vs scalar) without a terraform binary.
 */
import { readFileSync } from 'node:fs';
import { parse } from '@cdktf/hcl2json';
import type { IacFile } from '../../../src/model/iac.js';

interface SchemaAttribute {
  type: unknown;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  deprecated?: boolean;
}
interface SchemaBlock {
  attributes: Record<string, SchemaAttribute>;
  blocks: Record<string, { nesting: string; minItems?: number; maxItems?: number; block: SchemaBlock }>;
}
export interface ProviderSchema {
  version: string;
  resources: Record<string, SchemaBlock>;
  dataSources: Record<string, SchemaBlock>;
}

export const PROVIDER_SCHEMA: ProviderSchema = JSON.parse(
  readFileSync(new URL('../../fixtures/terraform-aws-schema.json', import.meta.url), 'utf8'),
);

/**
 * aws_ecs_capacity_provider as AWS provider 6.25 has it (from @cdktf/provider-aws 21.22.1, see
 * scripts/extract-cdktf-schema.ts), for the ECS Managed Instances stack, which needs provider 6.
 */
export const AWS6_CAPACITY_PROVIDER_SCHEMA: ProviderSchema & { source: Record<string, string> } = JSON.parse(
  readFileSync(new URL('../../fixtures/terraform-aws6-ecs-capacity-provider.json', import.meta.url), 'utf8'),
);

/** The schema a generated stack is checked against: 5.100's, with 6.25's capacity provider for Managed Instances. */
export function schemaFor(candidate: string): ProviderSchema {
  if (candidate !== 'ecs-managed-instances') return PROVIDER_SCHEMA;
  return {
    ...PROVIDER_SCHEMA,
    resources: { ...PROVIDER_SCHEMA.resources, ...AWS6_CAPACITY_PROVIDER_SCHEMA.resources },
  };
}

const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type ParsedTerraform = Record<string, Json>;

/** Parses each file; throws with file, line and column on a syntax error. */
export async function parseTerraform(files: readonly IacFile[]): Promise<Map<string, ParsedTerraform>> {
  const parsed = new Map<string, ParsedTerraform>();
  for (const file of files) {
    if (!file.path.endsWith('.tf')) continue;
    parsed.set(file.path, (await parse(file.path, file.contents)) as ParsedTerraform);
  }
  return parsed;
}

/** Every problem found, as `file: resource.type.name.path: what`; empty when the files check out. */
export function checkTerraform(
  parsed: Map<string, ParsedTerraform>,
  schema: ProviderSchema = PROVIDER_SCHEMA,
): string[] {
  const problems: string[] = [];
  const declared = new Set<string>();
  const texts: [string, string][] = [];
  for (const [file, doc] of parsed) {
    texts.push([file, JSON.stringify(doc)]);
    for (const [kind, label] of [
      ['resource', ''],
      ['data', 'data.'],
    ] as const) {
      const section = (doc[kind] ?? {}) as Record<string, Record<string, Json[]>>;
      for (const [type, byName] of Object.entries(section)) {
        const typeSchema = kind === 'resource' ? schema.resources[type] : schema.dataSources[type];
        for (const [name, bodies] of Object.entries(byName)) {
          const where = `${file}: ${label}${type}.${name}`;
          if (declared.has(`${label}${type}.${name}`)) problems.push(`${where}: declared twice`);
          declared.add(`${label}${type}.${name}`);
          if (typeSchema === undefined) {
            problems.push(`${where}: type not in the schema extract (run scripts/dump-terraform-schema.ts)`);
            continue;
          }
          for (const body of bodies) checkBody(body, typeSchema, where, problems, true);
        }
      }
    }
    for (const name of Object.keys((doc.variable ?? {}) as object)) declared.add(`var.${name}`);
    for (const locals of (doc.locals ?? []) as Record<string, Json>[])
      for (const name of Object.keys(locals)) declared.add(`local.${name}`);
  }
  for (const [file, text] of texts) {
    for (const ref of references(text))
      if (!declared.has(ref)) problems.push(`${file}: reference to undeclared ${ref}`);
  }
  return problems;
}

/** The resources, data sources, variables and locals an expression text refers to. */
function references(text: string): Set<string> {
  const found = new Set<string>();
  const withoutData = text.replace(/\bdata\.(aws_[a-z0-9_]+)\.([a-z0-9_-]+)/g, (_m, type, name) => {
    found.add(`data.${type}.${name}`);
    return '';
  });
  for (const m of withoutData.matchAll(/(?<![\w./-])(aws_[a-z0-9_]+)\.([a-z0-9_-]+)/g))
    found.add(`${m[1]}.${m[2]}`);
  for (const m of withoutData.matchAll(/\b(var|local)\.([a-z0-9_]+)/g)) found.add(`${m[1]}.${m[2]}`);
  return found;
}

function checkBody(
  body: Json,
  schema: SchemaBlock,
  where: string,
  problems: string[],
  topLevel: boolean,
): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    problems.push(`${where}: expected a block body`);
    return;
  }
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    const attribute = schema.attributes[key];
    const nested = schema.blocks[key];
    if (attribute !== undefined) {
      if (attribute.computed && !attribute.optional && !attribute.required)
        problems.push(`${where}.${key}: read-only attribute set`);
      if (attribute.deprecated) problems.push(`${where}.${key}: deprecated argument`);
      const typeProblem = checkType(value, attribute.type);
      if (typeProblem) problems.push(`${where}.${key}: ${typeProblem}`);
    } else if (nested !== undefined) {
      if (!Array.isArray(value)) {
        problems.push(`${where}.${key}: is a block, written as an attribute`);
        continue;
      }
      if (nested.maxItems !== undefined && value.length > nested.maxItems)
        problems.push(`${where}.${key}: at most ${nested.maxItems} block(s), found ${value.length}`);
      for (const item of value) checkBody(item, nested.block, `${where}.${key}`, problems, false);
    } else problems.push(`${where}.${key}: unsupported argument or block`);
  }
  for (const [key, attribute] of Object.entries(schema.attributes))
    if (attribute.required && !(key in body)) problems.push(`${where}: missing required argument ${key}`);
  for (const [key, nested] of Object.entries(schema.blocks)) {
    const count = Array.isArray(body[key]) ? (body[key] as Json[]).length : 0;
    if (nested.minItems !== undefined && count < nested.minItems)
      problems.push(`${where}: needs at least ${nested.minItems} ${key} block(s)`);
  }
}

/** A literal of the wrong shape (a scalar for a list, a list for a string); expressions are not judged. */
function checkType(value: Json, type: unknown): string | null {
  if (typeof value === 'string' && value.startsWith('${')) return null;
  const kind = Array.isArray(type) ? type[0] : type;
  if (kind === 'list' || kind === 'set') return Array.isArray(value) ? null : `expected a ${kind}`;
  if (kind === 'map' || kind === 'object') return isObject(value) ? null : `expected a ${kind}`;
  if (kind === 'string' || kind === 'number' || kind === 'bool')
    return Array.isArray(value) || isObject(value) ? `expected a ${kind}` : null;
  return null;
}

function isObject(value: Json): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The resource and data source types the files use: `resource.aws_lb`, `data.aws_vpc`. */
export function usedTypes(parsed: Map<string, ParsedTerraform>): string[] {
  const types = new Set<string>();
  for (const doc of parsed.values()) {
    for (const type of Object.keys((doc.resource ?? {}) as object)) types.add(`resource.${type}`);
    for (const type of Object.keys((doc.data ?? {}) as object)) types.add(`data.${type}`);
  }
  return [...types].sort();
}

/** The first body of `resource.type.name`, or undefined. */
export function findResource(
  parsed: Map<string, ParsedTerraform>,
  type: string,
  name: string,
): Record<string, Json> | undefined {
  for (const doc of parsed.values()) {
    const bodies = (doc.resource as Record<string, Record<string, Json[]>> | undefined)?.[type]?.[name] as
      | Record<string, Json>[]
      | undefined;
    if (bodies?.[0] !== undefined) return bodies[0];
  }
  return undefined;
}
