/** @module main: the `berth` command line: parses argv with the command tree and returns the exit code. */
import { stopSolverThread } from '../optimizer/runtime/solver-thread.js';
import type { CliContext } from './cli-context.js';
import { type CliIo, processIo } from './io.js';
import { buildProgram } from './program.js';
import { CliExit } from './usage-error.js';

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const context: CliContext = { io, exitCode: 0 };
  try {
    await buildProgram(context).parseAsync(argv, { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (!(error instanceof CliExit)) throw error;
    if (error.message !== '') io.stderr(error.message);
    return error.code;
  }
}

// Run when executed as the CLI entry point (bin/berth.js or `tsx src/cli/main.ts`), not when imported.
const invokedAs = process.argv[1] ?? '';
if (invokedAs.endsWith('main.ts') || invokedAs.endsWith('berth.js') || invokedAs.endsWith('berth')) {
  process.exitCode = await runCli(process.argv.slice(2));
  // The fleet optimizer's worker thread would otherwise keep the process alive for a while.
  await stopSolverThread();
}
