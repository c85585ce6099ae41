#!/usr/bin/env node
// The `berth` command. An installed package runs the compiled CLI in dist/ (built by `npm pack` through
// `prepack`). A clone of the repository that has not been built runs the TypeScript sources through tsx,
// one of its devDependencies, so `npm ci` then `npx berth ...` works with no build step. A clone whose
// dist/ is older than a file under src/ (left by `npm run bench`, `bench:budgets` or `bench:http`, which
// build it) runs the sources too, and says so: the compiled code would be another version than the
// checkout. The choice is passed on in BERTH_BIN_RUNS, so the child process `berth serve` starts
// (cli/malloc-arenas.ts) runs the same code without deciding, or saying so, again.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const sources = fileURLToPath(new URL('../src/', import.meta.url));

/** The newest modification time (ms) of a file under `dir`. */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is older than the sources next to it (only a clone has src/; the package has none). */
function staleInClone() {
  return existsSync(sources) && newestUnder(sources) > statSync(compiled).mtimeMs;
}

const built = existsSync(compiled);
const inherited = process.env.BERTH_BIN_RUNS;
const runsDist = inherited ? inherited === 'dist' : built && !staleInClone();
process.env.BERTH_BIN_RUNS = runsDist ? 'dist' : 'sources';
if (runsDist) {
  await import(compiled.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error(
      built
        ? 'berth: cannot start: dist/ is older than src/ and tsx is not installed (run `npm run build`)'
        : 'berth: cannot start: dist/ is not built and tsx is not installed (run `npm run build`, or `npm ci` in a clone)',
    );
    process.exit(1);
  }
  if (built && !inherited)
    console.error('berth: dist/ is older than src/, so the sources run (`npm run build` to run dist/)');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
