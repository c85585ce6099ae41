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

/**
 * Issues listed in one error at most. A body just under the size limit can hold a hundred thousand bad
 * values; listing each made a 21.7 MB answer that took the request thread seconds to write. The message
 * still counts them all, and the first ones are the ones to fix first.
 */
export const MAX_LISTED_ISSUES = 100;

export function toIssues(error: z.ZodError, options: ToIssuesOptions = {}): Issue[] {
  const listed = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = formatPath(issue.path);
    const base: Issue = {
      path: options.prefix === undefined ? path : `${options.prefix}.${path}`,
      code: issue.code,
      message: plainMessage(issue),
    };
    if (!options.withValues) return base;
    if (issue.code === 'invalid_type') base.expected = String(issue.expected);
    if (issue.input !== undefined && issue.code !== 'unrecognized_keys')
      base.received = describeValue(issue.input);
    if (issue.code === 'unrecognized_keys') {
      const named = issue.keys.slice(0, MAX_DESCRIBED_ISSUES).map((k) => describeValue(k));
      if (issue.keys.length > named.length) named.push(`and ${issue.keys.length - named.length} more`);
      base.message = `unknown key${issue.keys.length === 1 ? '' : 's'} ${named.join(', ')}: not part of the ${options.schemaName ?? 'input'} schema (check the spelling)`;
    }
    return base;
  });
  const unlisted = error.issues.length - listed.length;
  if (unlisted > 0) {
    listed.push({
      path: options.prefix ?? '(root)',
      code: 'too_many_issues',
      message: `${unlisted} more problem${unlisted === 1 ? '' : 's'} not listed: only the first ${MAX_LISTED_ISSUES} are`,
    });
  }
  return listed;
}

/** zod's own wording for these codes: "Too small: expected number to be >=1" and the like. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid option|Invalid input|Invalid discriminator value)([:.] |$)/;

/**
 * zod's default message for a bound or a choice, said as `expected …, got …` with the value as given
 * ("expected at least 1, got 0" for "Too small: expected number to be >=1"). Messages a schema wrote itself
 * are kept as they are.
 */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? '' : `, got ${describeValue(input)}`;
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const than = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      const plural = (word: string) => `${word}${Number(bound) === 1 ? '' : 's'}`;
      if (issue.origin === 'string' && typeof input === 'string')
        return `expected ${than} ${bound} ${plural('character')}, got ${input.length}`;
      if (issue.origin === 'array' && Array.isArray(input))
        return `expected ${than} ${bound} ${plural('item')}, got ${input.length}`;
      return `expected ${than} ${bound}${got}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => describeValue(v)).join(', ')}${got}`;
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'a whole number' : issue.expected;
      return input === undefined && issue.message.endsWith('received undefined')
        ? `missing: expected ${expected}`
        : `expected ${expected}${got}`;
    }
    case 'invalid_union': {
      // A discriminated union names its tags; the value is the tag's (pattern: "bogus"), not the object.
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length > 0)
        return `expected one of ${options.map((o) => describeValue(o)).join(', ')}`;
      return `expected one of the forms this field takes (the README's workload reference lists them)${got}`;
    }
    default:
      return issue.message;
  }
}

/** Issues named in a one-line message; the rest are counted (all of them stay in `issues`). */
export const MAX_DESCRIBED_ISSUES = 10;

/** `path: message; path: message`, for one-line error messages; at most 10 issues, then a count. */
export function describeIssues(
  issues: readonly Pick<Issue, 'path' | 'message'>[],
  total = issues.length,
): string {
  const shown = issues.slice(0, MAX_DESCRIBED_ISSUES).map((i) => `${i.path}: ${i.message}`);
  const more = total - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}

/** How much of a given value an error may echo: enough to recognise it, never a whole document. */
export const MAX_ECHO_LENGTH = 60;

/**
 * A short, safe rendering of what was given (strings quoted): values are echoed, capped at `max`
 * characters, never whole documents. Every error message that quotes input goes through here.
 */
export function describeValue(value: unknown, max = MAX_ECHO_LENGTH): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Words as a message lists them: "a", "a and b", "a, b and c" (or "or"). */
export function listWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
