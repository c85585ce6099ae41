/**
 * @module hcl: a small typed HCL builder (blocks, attributes, expressions) and its renderer. The output
 * follows `terraform fmt`: two-space indents, `=` aligned across runs of single-line attributes, a blank
 * line between top-level blocks.
 */

/** An expression written as HCL source (a reference, a function call): rendered as is, never quoted. */
export class HclExpression {
  constructor(readonly source: string) {}
}

/** A `<<-EOT` heredoc; its lines are a template, so `${...}` in them interpolates. */
export class HclHeredoc {
  constructor(readonly lines: readonly string[]) {}
}

export type HclValue =
  | string
  | number
  | boolean
  | null
  | HclExpression
  | HclHeredoc
  | HclCall
  | readonly HclValue[]
  | { readonly [key: string]: HclValue };

export interface HclAttribute {
  kind: 'attribute';
  name: string;
  value: HclValue;
}

export interface HclBlock {
  kind: 'block';
  type: string;
  labels: readonly string[];
  body: readonly HclItem[];
  /** Comment lines written above the block (without `#`). */
  comment: readonly string[];
}

export interface HclComment {
  kind: 'comment';
  lines: readonly string[];
}

export type HclItem = HclAttribute | HclBlock | HclComment;

/** A body entry that is left out (`false`, `null`, `undefined`), so optional parts read inline. */
type Skipped = false | null | undefined;

export function heredoc(lines: readonly string[]): HclHeredoc {
  return new HclHeredoc(lines);
}

export function expr(source: string): HclExpression {
  return new HclExpression(source);
}

/** A function call: `fn('jsonencode', value)` renders `jsonencode(value)`, its arguments indented in place. */
export class HclCall {
  constructor(
    readonly name: string,
    readonly args: readonly HclValue[],
  ) {}
}

export function fn(name: string, ...args: HclValue[]): HclCall {
  return new HclCall(name, args);
}

/** A string template: plain strings are escaped, expressions are interpolated with `${...}`. */
export function template(...parts: (string | HclExpression)[]): HclExpression {
  const body = parts.map((p) => (p instanceof HclExpression ? `\${${p.source}}` : escapeString(p))).join('');
  return new HclExpression(`"${body}"`);
}

export function attr(name: string, value: HclValue): HclAttribute {
  return { kind: 'attribute', name, value };
}

export function comment(...lines: string[]): HclComment {
  return { kind: 'comment', lines };
}

export function block(
  type: string,
  labels: readonly string[],
  body: readonly (HclItem | Skipped)[],
  commentLines: readonly string[] = [],
): HclBlock {
  return {
    kind: 'block',
    type,
    labels,
    body: body.filter((item): item is HclItem => item !== false && item !== null && item !== undefined),
    comment: commentLines,
  };
}

/** A nested block without labels (`network_configuration { ... }`). */
export function nested(type: string, body: readonly (HclItem | Skipped)[]): HclBlock {
  return block(type, [], body);
}

/** Attributes from an object, in key order; entries whose value is undefined are left out. */
export function attrs(values: Record<string, HclValue | undefined>): HclAttribute[] {
  return Object.entries(values).flatMap(([name, value]) => (value === undefined ? [] : [attr(name, value)]));
}

/** Renders top-level items as a file, a blank line between them. */
export function renderHcl(items: readonly HclItem[]): string {
  return `${items.map((item) => renderItems([item], 0)).join('\n\n')}\n`;
}

const INDENT = '  ';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_INLINE = 100;

/** The lines of a body, without a trailing newline. */
function renderItems(items: readonly HclItem[], depth: number): string {
  const pad = INDENT.repeat(depth);
  const lines: string[] = [];
  // Runs of single-line attributes share one `=` column, as `terraform fmt` aligns them.
  let run: { name: string; value: string }[] = [];
  const flush = () => {
    const width = Math.max(0, ...run.map((a) => a.name.length));
    for (const a of run) lines.push(`${pad}${a.name.padEnd(width)} = ${a.value}`);
    run = [];
  };
  let previous: HclItem | undefined;
  for (const item of items) {
    // Nested blocks stand apart from their neighbours by a blank line, as hand-written Terraform does.
    const apart =
      previous !== undefined &&
      previous.kind !== 'comment' &&
      (item.kind === 'block' || previous.kind === 'block');
    if (apart) {
      flush();
      lines.push('');
    }
    previous = item;
    if (item.kind === 'attribute') {
      const value = renderValue(item.value, depth);
      // A heredoc counts as one token for alignment; other multi-line values end the run.
      if (value.includes('\n') && !(item.value instanceof HclHeredoc)) {
        flush();
        lines.push(`${pad}${item.name} = ${value}`);
      } else run.push({ name: item.name, value });
      continue;
    }
    flush();
    const commentLines = item.kind === 'comment' ? item.lines : item.comment;
    for (const line of commentLines) lines.push(line === '' ? `${pad}#` : `${pad}# ${line}`);
    if (item.kind === 'comment') continue;
    const labels = item.labels.map((l) => ` "${escapeString(l)}"`).join('');
    if (item.body.length === 0) lines.push(`${pad}${item.type}${labels} {}`);
    else lines.push(`${pad}${item.type}${labels} {`, renderItems(item.body, depth + 1), `${pad}}`);
  }
  flush();
  return lines.join('\n');
}

function renderValue(value: HclValue, depth: number): string {
  if (value === null) return 'null';
  if (value instanceof HclExpression) return value.source;
  if (value instanceof HclCall)
    return `${value.name}(${value.args.map((a) => renderValue(a, depth)).join(', ')})`;
  if (value instanceof HclHeredoc) {
    const pad = INDENT.repeat(depth + 1);
    return `<<-EOT\n${value.lines.map((l) => (l === '' ? '' : `${pad}${l}`)).join('\n')}\n${INDENT.repeat(depth)}EOT`;
  }
  if (typeof value === 'string') return `"${escapeString(value)}"`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isList(value)) return renderList(value, depth);
  return renderObject(value, depth);
}

function isList(value: HclValue): value is readonly HclValue[] {
  return Array.isArray(value);
}

function renderList(list: readonly HclValue[], depth: number): string {
  if (list.length === 0) return '[]';
  const items = list.map((v) => renderValue(v, depth + 1));
  const inline = `[${items.join(', ')}]`;
  if (!inline.includes('\n') && inline.length <= MAX_INLINE) return inline;
  // One object alone keeps the compact `[{ ... }]` form container definitions are usually written in.
  const only = list[0];
  if (list.length === 1 && only !== undefined && isObject(only)) return `[${renderValue(only, depth)}]`;
  const pad = INDENT.repeat(depth + 1);
  return `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${INDENT.repeat(depth)}]`;
}

function isObject(value: HclValue): value is { readonly [key: string]: HclValue } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof HclExpression) &&
    !(value instanceof HclHeredoc) &&
    !(value instanceof HclCall)
  );
}

function renderObject(object: { readonly [key: string]: HclValue }, depth: number): string {
  const entries = Object.entries(object);
  if (entries.length === 0) return '{}';
  const items = entries.map(([key, v]) => attr(PLAIN_KEY.test(key) ? key : `"${escapeString(key)}"`, v));
  return `{\n${renderItems(items, depth + 1)}\n${INDENT.repeat(depth)}}`;
}

/** Escapes a string for an HCL quoted literal; `${` and `%{` would otherwise start a template. */
export function escapeString(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/** True when a name can be a block label or reference part without quoting. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}
