/** @module read: decodes workload text (YAML or JSON) into a plain value, with line and column on errors. */
import { parseDocument } from 'yaml';
import { BerthError } from '../errors.js';
import { describeIssues, MAX_LISTED_ISSUES } from '../issues.js';

/**
 * Parses YAML (a superset of JSON, so JSON files work too). Duplicate keys are errors, since a silently
 * overwritten key is as bad as a typo.
 */
export function parseWorkloadText(text: string, origin = 'workload'): unknown {
  refuseNulBytes(text, origin);
  // A document separator with nothing after it ends the one document; it does not start a second.
  const doc = parseDocument(text.replace(/\n---[ \t]*\r?\n?\s*$/, '\n'), {
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    const issues = doc.errors.slice(0, MAX_LISTED_ISSUES).map((e) => {
      const at = e.linePos?.[0];
      return {
        path: at ? `line ${at.line}, column ${at.col}` : '(document)',
        code: e.code,
        message: explainYamlError(e.code, e.message.split('\n')[0] ?? e.message),
      };
    });
    throw new BerthError(
      'INPUT_UNREADABLE',
      `could not read ${origin}: ${describeIssues(issues, doc.errors.length)}`,
      { issues },
    );
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

/**
 * UTF-16 read as UTF-8 leaves a NUL byte beside every ASCII character (and U+FFFD where its mark was),
 * which a parser takes for one long string or a bad token: say what it is instead. JSON bodies too.
 */
export function refuseNulBytes(text: string, origin: string): void {
  if (!text.slice(0, 200).includes('\u0000')) return;
  const message = 'the text holds NUL bytes: it looks like UTF-16 or a binary file; save it as UTF-8';
  throw new BerthError('INPUT_UNREADABLE', `could not read ${origin}: ${message}`, {
    issues: [{ path: '(document)', code: 'not_utf8', message }],
  });
}

/**
 * The yaml package's message, without the position it appends (the issue's path already has it), and
 * with the reason where its wording has none or is the engine's own.
 */
function explainYamlError(code: string, message: string): string {
  const text = message.replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY')
    return `${text}: a key may appear once in a map (a repeated one would overwrite the first)`;
  if (code === 'MULTIPLE_DOCS')
    return 'a second YAML document starts here (---): a workload is one document; put each workload in a file of its own, and give Kubernetes manifests to berth import or POST /import';
  if (/maximum call stack size exceeded/i.test(text))
    return 'nested too deeply to read: no workload needs this depth';
  return text;
}
