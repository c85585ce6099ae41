/**
 * @module counts-table: a map keyed by vectors of task counts, compared element by element. The exact
 * searches look up a vector at every step; a string key cost a join and an allocation each time, where a
 * numeric hash and a comparison cost neither until a new vector is stored.
 */

/** A stored vector (a copy), how many of its counts are nonzero, and its value. */
export interface CountsEntry<V> {
  counts: number[];
  nonzero: number;
  value: V;
  /** The next entry with the same hash (a chain, so a new hash costs no bucket array). */
  next: CountsEntry<V> | null;
}

/** One nonzero count's share of a vector's hash (murmur3's finaliser over the index and the count). */
export function termOf(i: number, count: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1) ^ count;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A vector's hash: the sum of its nonzero counts' terms. Zeros add nothing, so a vector known to be zero
 * outside a few indices is hashed over those alone (`sparseHash`) and gets the same hash.
 */
export function countsHash(counts: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]! | 0;
    if (count !== 0) h = (h + termOf(i, count)) | 0;
  }
  return h;
}

/** The hash of a vector that is zero everywhere but (at most) at `indices`. */
export function sparseHash(counts: ArrayLike<number>, indices: readonly number[]): number {
  let h = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const count = counts[i]! | 0;
    if (count !== 0) h = (h + termOf(i, count)) | 0;
  }
  return h;
}

function equal(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class CountsTable<V> {
  /** By hash: the last entry stored with it, which chains to the others. */
  readonly #heads = new Map<number, CountsEntry<V>>();

  /** The entry stored for these counts, or undefined; `hash` saves hashing them again (countsHash). */
  find(counts: ArrayLike<number>, hash: number = countsHash(counts)): CountsEntry<V> | undefined {
    for (let entry = this.#heads.get(hash) ?? null; entry !== null; entry = entry.next)
      if (equal(entry.counts, counts)) return entry;
    return undefined;
  }

  /**
   * The entry stored for a vector given sparsely: `cut[k]` at index `items[k]` and zero elsewhere, with
   * `nonzero` of the cut counts nonzero and `hash` its countsHash. Compares only those indices: an entry
   * equal there, with as many nonzero counts in all, has no others. Saves writing the vector out.
   */
  findSparse(items: Int32Array, cut: Int32Array, nonzero: number, hash: number): CountsEntry<V> | undefined {
    search: for (let entry = this.#heads.get(hash) ?? null; entry !== null; entry = entry.next) {
      if (entry.nonzero !== nonzero) continue;
      const counts = entry.counts;
      for (let k = 0; k < items.length; k++) if (counts[items[k]!] !== cut[k]) continue search;
      return entry;
    }
    return undefined;
  }

  /** Stores a copy of `counts` with `value` (counts not yet in the table) and returns its entry. */
  add(counts: ArrayLike<number>, value: V, hash: number = countsHash(counts)): CountsEntry<V> {
    let copy: number[];
    if (Array.isArray(counts)) copy = (counts as number[]).slice();
    else {
      copy = [];
      for (let i = 0; i < counts.length; i++) copy.push(counts[i]!);
    }
    return this.adopt(copy, value, hash);
  }

  /**
   * Stores `counts` itself, not a copy, with `value` (counts not yet in the table) and returns its entry:
   * for a list the caller made for the table and no longer changes.
   */
  adopt(counts: number[], value: V, hash: number = countsHash(counts)): CountsEntry<V> {
    let nonzero = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) nonzero++;
    const entry: CountsEntry<V> = { counts, nonzero, value, next: this.#heads.get(hash) ?? null };
    this.#heads.set(hash, entry);
    return entry;
  }
}
