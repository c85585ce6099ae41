/**
 * @module lists: lists made so V8 always gives them the same elements kind. Its optimized
 * `Array.prototype.map` returns a holey list where the interpreter's returns a packed one, and
 * `new Array(n)` is always holey, filled or not; code that meets both kinds of the same list deoptimizes and is
 * compiled again, which cost a quarter to a third of the solver's CPU in a process's first calls
 * (docs/optimizer.md#jit-in-steady-state). Every list made in model/, search/ and knapsack/ is packed.
 */

/** `f(x, i)` of each element, as a packed list (in place of `list.map(f)`). */
export function mapPacked<T, U>(list: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out.push(f(list[i]!, i));
  return out;
}

/** `n` copies of `value`, as a packed list (in place of `new Array(n).fill(value)`). */
export function filled<T>(n: number, value: T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(value);
  return out;
}
