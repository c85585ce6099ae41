/** @module snapshot-json: the one deterministic JSON layout of the files under data/. */

/**
 * Expands the first two levels (the file's sections and their entries) and writes each entry on one
 * line: the files stay small, diff line by line, and the same value always gives the same bytes.
 * Object keys keep their insertion order, so callers sort what needs sorting.
 */
export function formatSnapshotJson(value: unknown): string {
  return `${format(value, 0, '')}\n`;
}

const EXPANDED_DEPTH = 2;

function format(value: unknown, depth: number, indent: string): string {
  if (depth >= EXPANDED_DEPTH || value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => `${inner}${format(item, depth + 1, inner)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, depth + 1, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** A copy of the record with its keys in code-unit order (locale-independent, so byte-stable). */
export function sortByKey<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const keys = Object.keys(record).sort(compareCodeUnits);
  return Object.fromEntries(keys.map((k) => [k, record[k] as T]));
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
