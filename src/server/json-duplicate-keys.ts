/**
 * @module json-duplicate-keys: finds a key given twice in one JSON object. JSON.parse keeps the last one
 * silently; a workload with two `services` keys is as wrong as a YAML file with two, which the YAML
 * parser refuses, so JSON bodies are held to the same rule.
 */
import { describeValue, formatPath } from '../issues.js';

export interface DuplicateKey {
  /** Path of the object holding the key twice, users' style (`services[0]`, `(root)`). */
  path: string;
  key: string;
  line: number;
  column: number;
}

interface Frame {
  /** Keys seen so far; null for an array. */
  keys: Set<string> | null;
  /** The array index or the last key, for paths. */
  at: string | number;
}

/**
 * Scans text that JSON.parse has already accepted and returns the first duplicate key, or null. It walks
 * the text once with an explicit stack (no recursion, so nesting depth cannot overflow it).
 */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  // True right after `{` or a `,` inside an object: the next string is a key.
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const end = endOfString(text, i);
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) {
          const { line, column } = position(text, i);
          // The object's path: the key or index each enclosing container is at.
          const path = formatPath(stack.slice(0, -1).map((f) => f.at));
          return { path, key, line, column };
        }
        top.keys.add(key);
        top.at = key;
        expectKey = false;
      }
      i = end;
    } else if (ch === 0x7b /* { */) {
      stack.push({ keys: new Set(), at: '' });
      expectKey = true;
    } else if (ch === 0x5b /* [ */) {
      stack.push({ keys: null, at: 0 });
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
    } else if (ch === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return null;
}

/** Index of the closing quote of the string starting at `start` (the text is valid JSON). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c /* \ */) i++;
    else if (ch === 0x22) return i;
  }
  return text.length - 1;
}

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/** The issue message for a duplicate key, with the key capped like every echo of input. */
export function describeDuplicateKey(duplicate: DuplicateKey): string {
  return `duplicate key ${describeValue(duplicate.key)} in ${duplicate.path}: a key may appear once per object`;
}
