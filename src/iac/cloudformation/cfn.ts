/**
 * @module cfn: CloudFormation templates as typed objects, their intrinsic functions, and their YAML form
 * (short-form tags such as `!Ref` and `!Sub`, comments above resources).
 */
import { Document, isNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** An intrinsic function written in short form: `!Ref Cluster`, `!GetAtt Role.Arn`, `!Sub '...'`. */
export class Intrinsic {
  constructor(
    readonly tag: '!Ref' | '!GetAtt' | '!Sub' | '!Join' | '!Select' | '!GetAZs',
    readonly value: CfnValue,
  ) {}
}

export type CfnValue = string | number | boolean | Intrinsic | CfnValue[] | { [key: string]: CfnValue };

export const ref = (logicalId: string): Intrinsic => new Intrinsic('!Ref', logicalId);
export const getAtt = (logicalId: string, attribute: string): Intrinsic =>
  new Intrinsic('!GetAtt', `${logicalId}.${attribute}`);
export const sub = (text: string): Intrinsic => new Intrinsic('!Sub', text);
/** `Fn::Base64` in long form: CloudFormation does not allow two short-form tags in a row (`!Base64 !Sub`). */
export const base64 = (value: CfnValue): { 'Fn::Base64': CfnValue } => ({ 'Fn::Base64': value });

export interface CfnResource {
  Type: string;
  Properties?: { [key: string]: CfnValue };
  DependsOn?: string[];
  DeletionPolicy?: 'Delete' | 'Retain' | 'Snapshot';
  UpdateReplacePolicy?: 'Delete' | 'Retain' | 'Snapshot';
  /** Written as a comment above the resource. */
  comment?: string[];
}

export interface CfnParameter {
  Type: string;
  Description: string;
  Default?: string | number;
  AllowedValues?: (string | number)[];
  AllowedPattern?: string;
  ConstraintDescription?: string;
  MinLength?: number;
}

export interface CfnTemplate {
  Description: string;
  Parameters: Record<string, CfnParameter>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, { Description: string; Value: CfnValue; Export?: { Name: CfnValue } }>;
}

/** YAML for a template: sections in the usual order, a comment above each resource that has one. */
export function renderTemplate(template: CfnTemplate, header: readonly string[]): string {
  // YAML 1.1 rules quote strings such as "yes", "on" or dates, so every YAML reader keeps them strings.
  const doc = new Document(undefined, { version: '1.1' });
  const root = new YAMLMap();
  root.items.push(new Pair(new Scalar('AWSTemplateFormatVersion'), toNode(doc, '2010-09-09')));
  for (const section of ['Description', 'Parameters'] as const)
    root.items.push(new Pair(new Scalar(section), toNode(doc, template[section] as CfnValue)));
  const resources = new YAMLMap();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const { comment, ...body } = resource;
    const key = new Scalar(id);
    if (comment !== undefined && comment.length > 0)
      key.commentBefore = comment.map((l) => ` ${l}`).join('\n');
    resources.items.push(new Pair(key, toNode(doc, body as unknown as CfnValue)));
  }
  root.items.push(new Pair(new Scalar('Resources'), resources));
  root.items.push(new Pair(new Scalar('Outputs'), toNode(doc, template.Outputs as unknown as CfnValue)));
  doc.contents = root as unknown as typeof doc.contents;
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0 });
}

function toNode(doc: Document, value: CfnValue): unknown {
  if (value instanceof Intrinsic) {
    const inner = toNode(doc, value.value);
    const node = isNode(inner) ? inner : doc.createNode(inner);
    if (node instanceof Scalar && typeof node.value === 'string' && node.value.includes('\n'))
      node.type = Scalar.BLOCK_LITERAL;
    node.tag = value.tag;
    return node;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map((v) => toNode(doc, v));
    return seq;
  }
  if (typeof value === 'object') {
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) map.items.push(new Pair(new Scalar(k), toNode(doc, v)));
    return map;
  }
  const scalar = doc.createNode(value) as Scalar;
  if (typeof value === 'string' && value.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
  return scalar;
}

/** The ECS API's camelCase keys as CloudFormation's PascalCase; free-form maps (log options) keep theirs. */
export function toPascalCase(value: CfnValue): CfnValue {
  if (value instanceof Intrinsic || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPascalCase);
  const out: { [key: string]: CfnValue } = {};
  for (const [k, v] of Object.entries(value))
    out[k.charAt(0).toUpperCase() + k.slice(1)] = FREE_FORM_KEYS.has(k) ? v : toPascalCase(v);
  return out;
}

const FREE_FORM_KEYS = new Set(['options', 'dockerLabels']);
