/**
 * The optimizer's lists keep one elements kind (src/optimizer/model/lists.ts): V8's optimized
 * Array.prototype.map returns a holey list where the interpreter's returns a packed one, and code that
 * meets both deoptimizes (docs/optimizer.md#jit-in-steady-state). The first test shows that in a child
 * Node with V8's natives syntax; the second keeps `.map` and `new Array(n).fill` out of the solver.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filled, mapPacked } from '../../src/optimizer/model/lists.js';

const LISTS = new URL('../../src/optimizer/model/lists.ts', import.meta.url).pathname;

/** Runs in a child Node: the elements kind of each way of making a list, before and after optimization. */
const PROBE = `
const { mapPacked, filled } = await import(${JSON.stringify(LISTS)});
const kind = (x) => (%HasHoleyElements(x) ? 'holey' : 'packed');
const makers = {
  map: (a) => a.map((x, i) => x + i),
  mapPacked: (a) => mapPacked(a, (x, i) => x + i),
  fill: (a) => new Array(a.length).fill(0),
  filled: (a) => filled(a.length, 0),
};
const out = {};
for (const [name, make] of Object.entries(makers)) {
  const list = [1, 2, 3];
  const before = kind(make(list));
  %PrepareFunctionForOptimization(make);
  make(list);
  make(list);
  %OptimizeFunctionOnNextCall(make);
  const after = kind(make(list));
  out[name] = before + '/' + after;
}
console.log(JSON.stringify(out));
`;

describe('optimizer lists', () => {
  it('map into a new list as .map does, and fill one', () => {
    expect(mapPacked([3, 5, 7], (x, i) => x * 10 + i)).toEqual([30, 51, 72]);
    expect(mapPacked([], () => 1)).toEqual([]);
    expect(filled(3, 0)).toEqual([0, 0, 0]);
    expect(filled(0, false)).toEqual([]);
  });

  it('stay packed once optimized, where .map and new Array(n).fill do not', () => {
    const output = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', PROBE],
      { encoding: 'utf8' },
    );
    const kinds = JSON.parse(output.trim().split('\n').at(-1)!);
    // Interpreted / optimized. The helpers must give packed lists in both tiers, on any V8.
    expect(kinds.mapPacked).toBe('packed/packed');
    expect(kinds.filled).toBe('packed/packed');
    // What they replace, as Node 20's V8 (11.3) gives it: `.map` changes kind once optimized. A later V8
    // may not; the helpers then cost nothing, so only the major version this was checked on asserts it.
    if (process.versions.node.startsWith('20.')) expect(kinds.map).toBe('packed/holey');
    expect(kinds.fill).toBe('holey/holey');
  });

  it('are the only way the solver maps or fills a list', () => {
    const root = new URL('../../src/optimizer/', import.meta.url).pathname;
    const offenders: string[] = [];
    for (const dir of ['model', 'search', 'knapsack']) {
      for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts') || file === 'lists.ts') continue;
        const lines = readFileSync(join(root, dir, file), 'utf8').split('\n');
        lines.forEach((line, n) => {
          const code = line.replace(/\/\/.*$/, '');
          if (/^\s*\*/.test(code)) return;
          // `.map(`, and `Array(n)` or `new Array<T>(n)` (holey, filled or not); typed arrays and
          // Array.from / Array.isArray are fine.
          if (/\.map\(/.test(code) || /(^|[^.\w])Array\s*(<[^>]*>)?\(/.test(code))
            offenders.push(`${dir}/${file}:${n + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
