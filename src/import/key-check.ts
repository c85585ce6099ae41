/**
 * @module key-check: refuses keys a format does not have, at their line, with the nearest valid key when it
 * is a likely typo. Every importer checks the maps it reads sizes, replicas, placement and scaling from, so
 * that `mem_limt: 4g`, `requets: { cpu: "2" }` or `"memroy": 4096` never leaves a service at a default
 * without a word (docs/import.md).
 */
import { type FieldReader, isFields } from './field-reader.js';
import type { PathKey } from './source-file.js';

/** The keys one map may hold, and the shapes of the maps below it that are checked too. */
export interface KeyShape {
  keys: ReadonlySet<string>;
  /** The map, as messages name it: `a service attribute`, `ResourceRequirements (v1)`. */
  what: string;
  /** A key that is valid though not listed (an extension, a free-form name), or undefined. */
  allows?: (key: string) => boolean;
  /** Shapes below, by key: of the map at that key, or of each item of the list at that key. */
  below?: Readonly<Record<string, KeyShape | { each: KeyShape }>>;
  /** Words an unknown key here, instead of the format's message (a Kubernetes resource name). */
  message?: UnknownKeyMessage;
}

/** How a format words an unknown key: given the key, the map's `what` and the nearest valid key. */
export type UnknownKeyMessage = (key: string, what: string, near: string | undefined) => string;

/** A problem for each key of the map at `path`, and of the maps below it, that `shape` does not allow. */
export function checkShape(
  reader: FieldReader,
  path: readonly PathKey[],
  shape: KeyShape,
  message: UnknownKeyMessage,
): void {
  const value = reader.get(path);
  if (!isFields(value)) return;
  for (const key of Object.keys(value)) {
    if (shape.keys.has(key) || shape.allows?.(key) === true) continue;
    const say = shape.message ?? message;
    reader.problem([...path, key], say(key, shape.what, closestKey(key, shape.keys)));
  }
  for (const [key, below] of Object.entries(shape.below ?? {})) {
    if (!shape.keys.has(key) || value[key] === undefined) continue;
    if ('each' in below) {
      const list = value[key];
      if (Array.isArray(list))
        list.forEach((_, i) => {
          checkShape(reader, [...path, key, i], below.each, message);
        });
    } else checkShape(reader, [...path, key], below, message);
  }
}

/**
 * The allowed key nearest `key`, if it is a likely typo of it: one edit away for a key of up to four
 * letters (`cpu` → `cpus`, but not `gpu` → `cpus`), two for a longer one; none when two are as near.
 */
export function closestKey(key: string, allowed: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = key.length <= 4 ? 2 : 3;
  let tied = false;
  for (const candidate of allowed) {
    const d = editDistance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance) tied = true;
  }
  return tied ? undefined : best;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): an insertion, a deletion, a
 * substitution or two neighbouring letters swapped count one edit each, so `sepc` is one edit from `spec`.
 */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    const previous = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}
