/**
 * @module issues: turns zod's validation issues into Berth's `Issue`s, with paths written the way users
 * write them (`services[2].memory`). The one place a zod error becomes something a person reads.
 */
import type { z } from 'zod';
import type { Issue } from './errors.js';

/** A path the way users write it: `services[2].memory`; `(root)` for the whole value. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export interface ToIssuesOptions {
  /** Written before every path, e.g. `query` → `query.detail`. */
  prefix?: string;
  /**
   * Also say what was expected and echo (capped) what was received, and name unknown keys. For inputs
   * parsed with `reportInput: true`.
   */
  withValues?: boolean;
  /** What the input is, for the unknown-key message (`workload` → "not part of the workload schema"). */
  schemaName?: string;
}

export function toIssues(error: z.ZodError, options: ToIssuesOptions = {}): Issue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    const base: Issue = {
      path: options.prefix === undefined ? path : `${options.prefix}.${path}`,
      code: issue.code,
      message: issue.message,
    };
    if (!options.withValues) return base;
    if (issue.code === 'invalid_type') base.expected = String(issue.expected);
    if (issue.input !== undefined && issue.code !== 'unrecognized_keys')
      base.received = describeValue(issue.input);
    if (issue.code === 'unrecognized_keys') {
      base.message = `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}: not part of the ${options.schemaName ?? 'input'} schema (check the spelling)`;
    }
    return base;
  });
}

/** `path: message; path: message`, for one-line error messages. */
export function describeIssues(issues: readonly Pick<Issue, 'path' | 'message'>[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** A short, safe rendering of what was given: values are echoed, capped, never whole documents. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
