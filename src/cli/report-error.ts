/** @module report-error: turns any error into lines for stderr and an exit code; never a stack trace. */
import { isBerthError } from '../errors.js';
import type { CliIo } from './io.js';

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function reportError(error: unknown, io: CliIo): number {
  if (isBerthError(error)) {
    const head = error.issues.length > 0 ? error.message.split(': ')[0] : error.message;
    io.stderr(`berth: ${head}\n`);
    for (const issue of error.issues) io.stderr(`  ${issue.path}: ${issue.message}\n`);
    return EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`berth: unexpected failure: ${message}\n`);
  if (process.env.BERTH_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_FAILURE;
}
