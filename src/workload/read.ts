/** @module read: decodes workload text (YAML or JSON) into a plain value, with line and column on errors. */
import { parseDocument } from 'yaml';
import { BerthError } from '../errors.js';
import { describeIssues } from '../issues.js';

/**
 * Parses YAML (a superset of JSON, so JSON files work too). Duplicate keys are errors, since a silently
 * overwritten key is as bad as a typo.
 */
export function parseWorkloadText(text: string, origin = 'workload'): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      return {
        path: at ? `line ${at.line}, column ${at.col}` : '(document)',
        code: e.code,
        message: e.message.split('\n')[0] ?? e.message,
      };
    });
    throw new BerthError('INPUT_UNREADABLE', `could not read ${origin}: ${describeIssues(issues)}`, {
      issues,
    });
  }
  try {
    return doc.toJS();
  } catch (error) {
    // The yaml package can fail while resolving a document it parsed (an alias to a missing anchor).
    throw new BerthError('INPUT_UNREADABLE', `could not read ${origin}: ${(error as Error).message}`, {
      cause: error,
      issues: [{ path: '(document)', code: 'invalid_yaml', message: (error as Error).message }],
    });
  }
}
