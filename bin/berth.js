#!/usr/bin/env node
// The `berth` command. An installed package runs the compiled CLI in dist/ (built by `npm pack` through
// `prepack`). A clone of the repository that has not been built runs the TypeScript sources through tsx,
// one of its devDependencies, so `npm ci` then `npx berth ...` works with no build step.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error(
      'berth: cannot start: dist/ is not built and tsx is not installed (run `npm run build`, or `npm ci` in a clone)',
    );
    process.exit(1);
  }
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
