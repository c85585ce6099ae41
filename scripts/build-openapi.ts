/**
 * Writes openapi.yaml at the top of the repository from the app's zod schemas (`npm run openapi:build`),
 * and src/server/openapi-example-files.ts from examples/*.yaml, the request examples the served document
 * embeds (examples/ is not shipped). `--check` writes nothing and exits 1 when either file is out of date
 * (the tests check the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/server/app.js';
import { buildOpenApiDocument, renderOpenApiYaml } from '../src/server/openapi-document.js';
import { readExampleFiles, renderExampleFilesModule } from '../src/server/openapi-examples.js';

const EXAMPLES_DIR = fileURLToPath(new URL('../examples', import.meta.url));
const EXAMPLES_OUT = fileURLToPath(new URL('../src/server/openapi-example-files.ts', import.meta.url));
const OUT = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const check = process.argv.includes('--check');

/** Writes `text` to `file`, or with --check only reports that it differs. */
function update(file: string, text: string): void {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // A missing file is out of date too.
  }
  if (current === text) return;
  if (check) {
    process.stderr.write(`${file} is out of date: run npm run openapi:build\n`);
    process.exitCode = 1;
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}

const files = readExampleFiles(EXAMPLES_DIR);
update(EXAMPLES_OUT, renderExampleFilesModule(files));
update(OUT, renderOpenApiYaml(buildOpenApiDocument(createApp(), files)));
