/** @module write-output: writes generated files to a folder (the CLI's --out); the generators stay pure. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IacArtifact } from '../model/iac.js';

/** Writes every file under `dir` (created if missing, files overwritten); returns the paths written. */
export async function writeIacOutput(output: IacArtifact, dir: string): Promise<string[]> {
  const root = path.resolve(dir);
  const written: string[] = [];
  for (const file of output.files) {
    const target = path.resolve(root, file.path);
    // Generated paths are relative and plain; refuse anything that would leave the folder.
    if (!target.startsWith(`${root}${path.sep}`))
      throw new Error(`refusing to write outside ${root}: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents);
    written.push(target);
  }
  return written;
}
