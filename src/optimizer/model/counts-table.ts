/**
 * @module counts-table: a map keyed by vectors of task counts, compared element by element. The exact
 * searches look up a vector at every step; a string key cost a join and an allocation each time, where a
 * numeric hash and a comparison cost neither until a new vector is stored.
 */

/** A stored vector (a copy) and its value. */
export interface CountsEntry<V> {
  counts: number[];
  value: V;
}

function hashOf(counts: ArrayLike<number>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < counts.length; i++) h = Math.imul(h ^ (counts[i]! | 0), 0x01000193);
  return h;
}

function equal(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class CountsTable<V> {
  readonly #buckets = new Map<number, CountsEntry<V>[]>();

  /** The entry stored for these counts, or undefined. */
  find(counts: ArrayLike<number>): CountsEntry<V> | undefined {
    const bucket = this.#buckets.get(hashOf(counts));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (equal(entry.counts, counts)) return entry;
    return undefined;
  }

  /** Stores a copy of `counts` with `value` (counts not yet in the table) and returns its entry. */
  add(counts: ArrayLike<number>, value: V): CountsEntry<V> {
    const hash = hashOf(counts);
    const entry = { counts: Array.from(counts), value };
    const bucket = this.#buckets.get(hash);
    if (bucket === undefined) this.#buckets.set(hash, [entry]);
    else bucket.push(entry);
    return entry;
  }
}
