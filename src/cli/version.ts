/** @module version: Berth's version, read from its package.json wherever the code runs from (src/ or dist/). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'berth';

/**
 * Walks up from this module's folder to the first package.json named "berth", so the answer is the same
 * from src/cli/, a built dist/cli/ or an installed node_modules/berth/.
 */
export function readVersion(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(
        `could not read Berth's version: no package.json named "${PACKAGE_NAME}" above ${from}`,
      );
    }
  }
}
