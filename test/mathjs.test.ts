import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMathInstance, MATHJS_VERSION } from '../src/mathjs.js';
import { moduleLoads } from './helpers/module-loads.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const require = createRequire(import.meta.url);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const MATHJS = /^mathjs(\/|$)/;

/** Where a file loads mathjs at run time, of any kind (test/helpers/module-loads.ts). */
function runtimeLoads(fileName: string, text: string): string[] {
  return moduleLoads(fileName, text, MATHJS).map((load) => load.where);
}

describe('mathjs', () => {
  it('is the installed version, from its one-file build', () => {
    const pkg = JSON.parse(readFileSync(require.resolve('mathjs/package.json'), 'utf8')) as {
      version: string;
    };
    expect(MATHJS_VERSION).toBe(pkg.version);
    expect(require.cache[require.resolve('mathjs/lib/browser/math.js')]).toBeDefined();
  });

  it('gives each caller its own instance, with every function and the config asked for', () => {
    const a = createMathInstance();
    const b = createMathInstance();
    expect(a).not.toBe(b);
    expect(a.evaluate('0.1 + 0.2')).toBe(0.30000000000000004);
    expect(a.unit('1.5 GiB').toNumber('MiB')).toBe(1536);
    a.import({ max: () => 'replaced' }, { override: true });
    expect(b.max(1, 2)).toBe(2);
    expect(String(createMathInstance({ number: 'BigNumber' }).evaluate('0.1 + 0.2'))).toBe('0.3');
  });

  it('is loaded at run time only by src/mathjs.ts: the ES module tree costs every start about 0.8 s', () => {
    const loads = sourceFiles(SRC)
      .filter((file) => file !== join(SRC, 'mathjs.ts'))
      .flatMap((file) =>
        runtimeLoads(file, readFileSync(file, 'utf8')).map((load) => `${file.slice(SRC.length + 1)} ${load}`),
      );
    expect(loads).toEqual([]);
  });

  it('tells a run-time load of mathjs from a type-only one', () => {
    const text = [
      "import type {\n  MathNode,\n} from 'mathjs';",
      "export type { MathNode } from 'mathjs';",
      "type M = typeof import('mathjs');",
      "import 'mathjs';",
      "import { type MathNode, all } from 'mathjs';",
      "import * as m from 'mathjs/number';",
      "export * from 'mathjs';",
      "const lazy = () => import('mathjs');",
      "const bundle = createRequire(import.meta.url)('mathjs/lib/browser/math.js');",
      'const old = require("mathjs");',
    ].join('\n');
    expect(runtimeLoads('probe.ts', text).map((load) => load.split(':')[0])).toEqual([
      'line 6',
      'line 7',
      'line 8',
      'line 9',
      'line 10',
      'line 11',
      'line 12',
    ]);
  });
});
