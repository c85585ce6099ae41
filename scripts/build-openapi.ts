/**
 * Writes openapi.yaml at the top of the repository from the app's zod schemas (`npm run openapi:build`).
 * `--check` writes nothing and exits 1 when the file is out of date (the test does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/server/app.js';
import { buildOpenApiDocument, renderOpenApiYaml } from '../src/server/openapi-document.js';

const OUT = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const text = renderOpenApiYaml(buildOpenApiDocument(createApp()));

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // A missing file is out of date too.
  }
  if (current !== text) {
    process.stderr.write('openapi.yaml is out of date: run npm run openapi:build\n');
    process.exitCode = 1;
  }
} else {
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT}\n`);
}
