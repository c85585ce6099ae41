/**
 * @module memo: what the results Berth keeps between and within recommendations share: a store's value for
 * a key, made on first use, and which objects may key such a store by their identity.
 */

/** A Map or WeakMap: anything that gets and sets values by key. */
interface Store<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value `store` keeps for `key`, made by `make` and kept the first time it is asked for. */
export function keptIn<K, V>(store: Store<K, V>, key: K, make: () => V): V {
  let value = store.get(key);
  if (value === undefined) {
    value = make();
    store.set(key, value);
  }
  return value;
}

/**
 * Lists found frozen, entries and all. Freezing cannot be undone and a frozen list's entries cannot be
 * replaced, so the answer stays true: the rules ask it of the ~1,400-type catalog once per service, which
 * cost about 11 ms of a 200-service recommendation when each call walked the whole list.
 */
const frozenLists = new WeakSet<readonly object[]>();

/**
 * Whether a list and every entry in it are frozen. Only such a list may key a store by its identity: a
 * caller can change an unfrozen list (or an entry) in place between two calls, and a store keyed by the
 * same array would then answer for the old contents.
 */
export function isFrozenList(list: readonly object[]): boolean {
  if (frozenLists.has(list)) return true;
  if (!Object.isFrozen(list)) return false;
  for (const entry of list) if (!Object.isFrozen(entry)) return false;
  frozenLists.add(list);
  return true;
}
