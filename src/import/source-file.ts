/**
 * @module source-file: decodes an input file (YAML, multi-document YAML or JSON) into documents that
 * remember where each value was written, so every note and problem can say `file:line`.
 */
import { isCollection, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { ProblemList } from './problems.js';
import type { ImportFile } from './types.js';

export type PathKey = string | number;

/** One YAML document (or one item of a Kubernetes `List`), with the line of any path inside it. */
export interface SourceDocument {
  file: string;
  value: unknown;
  /** `file:line` of the value at `path` (relative to this document), or of the nearest parent written. */
  at(path?: readonly PathKey[]): string;
  /** The same document seen from a path inside it (a `List` item, a pod template). */
  child(path: readonly PathKey[]): SourceDocument;
}

/**
 * The documents of one file; decoding problems go to `problems` and the file then gives none. Aliases
 * are resolved within the file only, and nothing a document names is read or fetched.
 */
export function readSourceDocuments(file: ImportFile, problems: ProblemList): SourceDocument[] {
  const lineCounter = new LineCounter();
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  const list = Array.isArray(docs) ? docs : [];
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  let bad = false;
  for (const doc of list) {
    for (const error of doc.errors) {
      bad = true;
      const reason =
        error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
      problems.add(
        `${file.name}:${lineOf(error.pos[0])}`,
        'not readable as YAML or JSON',
        reason,
        'unreadable',
      );
    }
  }
  if (bad) return [];
  const out: SourceDocument[] = [];
  for (const doc of list) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.add(`${file.name}:1`, 'not readable', (error as Error).message, 'unreadable');
      continue;
    }
    // An empty document between two `---` is allowed and holds nothing.
    if (value === null || value === undefined) continue;
    const at = (path: readonly PathKey[]): string => {
      for (let n = path.length; n >= 0; n -= 1) {
        const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
        if (node && (isCollection(node) || 'range' in node) && node.range)
          return `${file.name}:${lineOf(node.range[0])}`;
      }
      return `${file.name}:1`;
    };
    out.push(makeDocument(file.name, value, [], at));
  }
  return out;
}

function makeDocument(
  file: string,
  value: unknown,
  base: readonly PathKey[],
  lineAt: (path: readonly PathKey[]) => string,
): SourceDocument {
  return {
    file,
    value,
    at: (path = []) => lineAt([...base, ...path]),
    child: (path) => makeDocument(file, getPath(value, path), [...base, ...path], lineAt),
  };
}

/** The value at `path` inside `value`, or undefined. */
export function getPath(value: unknown, path: readonly PathKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}
