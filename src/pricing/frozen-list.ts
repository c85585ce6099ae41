/**
 * @module frozen-list: whether a list and every entry in it are frozen. Only such a list may key a cache by
 * its identity: a caller can change an unfrozen list (or an entry) in place between two calls, and a cache
 * keyed by the same array would then answer for the old contents.
 */
export function isFrozenList(list: readonly object[]): boolean {
  if (!Object.isFrozen(list)) return false;
  for (const entry of list) if (!Object.isFrozen(entry)) return false;
  return true;
}
