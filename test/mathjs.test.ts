import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mathjs } from '../src/mathjs.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('mathjs', () => {
  it('is the installed package, from its one-file build', () => {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(readFileSync(require.resolve('mathjs/package.json'), 'utf8')) as {
      version: string;
    };
    expect(mathjs.version).toBe(pkg.version);
    expect(require.cache[require.resolve('mathjs/lib/browser/math.js')]).toBeDefined();
  });

  it('is loaded at run time only through src/mathjs.ts: a value import of its ES modules costs every start 0.8 s', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.endsWith(`${join('src', 'mathjs.ts')}`))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /from 'mathjs|import\('mathjs/.test(line) && !/^\s*import type /.test(line))
          .map((line) => `${file.slice(SRC.length + 1)}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
