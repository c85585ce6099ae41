/**
 * @module counts-table: a map keyed by vectors of task counts, compared element by element. The exact
 * searches look up a vector at every step; a string key cost a join and an allocation each time, where a
 * numeric hash and a comparison cost neither until a new vector is stored.
 */

/** A stored vector (a copy), its hash, how many of its counts are nonzero, and its value. */
export interface CountsEntry<V> {
  counts: number[];
  hash: number;
  nonzero: number;
  value: V;
  /** The next entry in the same bucket. */
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

/** Buckets a new table starts with (a power of two). */
const FIRST_BUCKETS = 16;

/**
 * Entries chained in a power-of-two array of buckets, by the low bits of their hashes; the buckets double
 * when there are as many entries. With a JavaScript `Map` keyed by the hash instead, `Map.set` alone took
 * a sixth of the column search's time in a CPU profile (docs/optimizer.md#speed-without-other-fleets).
 */
export class CountsTable<V> {
  #buckets: (CountsEntry<V> | null)[] = filledNulls(FIRST_BUCKETS);
  #mask = FIRST_BUCKETS - 1;
  #size = 0;

  /** The entry stored for these counts, or undefined; `hash` saves hashing them again (countsHash). */
  find(counts: ArrayLike<number>, hash: number = countsHash(counts)): CountsEntry<V> | undefined {
    for (
      let entry: CountsEntry<V> | null = this.#buckets[hash & this.#mask]!;
      entry !== null;
      entry = entry.next
    )
      if (entry.hash === hash && equal(entry.counts, counts)) return entry;
    return undefined;
  }

  /**
   * The entry stored for a vector given sparsely: `cut[k]` at index `items[k]` and zero elsewhere, with
   * `nonzero` of the cut counts nonzero and `hash` its countsHash. Compares only those indices: an entry
   * equal there, with as many nonzero counts in all, has no others. Saves writing the vector out.
   */
  findSparse(items: Int32Array, cut: Int32Array, nonzero: number, hash: number): CountsEntry<V> | undefined {
    search: for (
      let entry: CountsEntry<V> | null = this.#buckets[hash & this.#mask]!;
      entry !== null;
      entry = entry.next
    ) {
      if (entry.hash !== hash || entry.nonzero !== nonzero) continue;
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
   * for a list the caller made for the table and no longer changes. `nonzero`, where the caller knows it,
   * saves counting.
   */
  adopt(counts: number[], value: V, hash: number = countsHash(counts), nonzero = -1): CountsEntry<V> {
    if (nonzero < 0) {
      nonzero = 0;
      for (let i = 0; i < counts.length; i++) if (counts[i] !== 0) nonzero++;
    }
    if (this.#size >= this.#buckets.length) this.#grow();
    const bucket = hash & this.#mask;
    const entry: CountsEntry<V> = { counts, hash, nonzero, value, next: this.#buckets[bucket]! };
    this.#buckets[bucket] = entry;
    this.#size++;
    return entry;
  }

  #grow(): void {
    const old = this.#buckets;
    const buckets = filledNulls<V>(old.length * 2);
    const mask = buckets.length - 1;
    for (let b = 0; b < old.length; b++) {
      let entry: CountsEntry<V> | null = old[b]!;
      while (entry !== null) {
        const next: CountsEntry<V> | null = entry.next;
        const to = entry.hash & mask;
        entry.next = buckets[to]!;
        buckets[to] = entry;
        entry = next;
      }
    }
    this.#buckets = buckets;
    this.#mask = mask;
  }
}

/** A packed list of `n` nulls (lists.ts says why packed). */
function filledNulls<V>(n: number): (CountsEntry<V> | null)[] {
  const list: (CountsEntry<V> | null)[] = [];
  for (let i = 0; i < n; i++) list.push(null);
  return list;
}
