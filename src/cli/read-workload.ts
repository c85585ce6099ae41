/** @module read-workload: the text of a workload file, or of stdin when the file is `-`. */
import { readFile } from 'node:fs/promises';
import { BerthError } from '../errors.js';
import type { CliIo } from './io.js';

/** The conventional name for "read standard input" (as in cat, kubectl apply -f -, infracost). */
export const STDIN_FILE = '-';

export async function readWorkloadText(file: string, io: CliIo): Promise<string> {
  if (file === STDIN_FILE) {
    if (io.readStdin === undefined) {
      throw new BerthError('INPUT_UNREADABLE', 'could not read stdin: this caller gave the CLI no stdin');
    }
    return io.readStdin();
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new BerthError('INPUT_UNREADABLE', `could not read ${file}: ${why}`, { cause: error });
  }
}
