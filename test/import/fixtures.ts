/** Reads the import examples (examples/import/) as the library takes them: name and text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportFile } from '../../src/import/types.js';
import { EXAMPLES_DIR } from '../helpers/workloads.js';

export const IMPORT_DIR = join(EXAMPLES_DIR, 'import');

export function readImportFixture(...relative: string[]): ImportFile[] {
  return relative.map((name) => ({ name, text: readFileSync(join(IMPORT_DIR, name), 'utf8') }));
}
