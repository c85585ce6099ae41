/** @module main: the `berth` command line: parses argv with the command tree and returns the exit code. */
import type { CliContext } from './cli-context.js';
import { type CliIo, processIo } from './io.js';
import { runWithArenaLimit, shouldLimitArenas } from './malloc-arenas.js';
import { CliExit } from './usage-error.js';

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const context: CliContext = { io, exitCode: 0 };
  // Loaded here rather than at the top, so that `berth serve` can start its server process (below)
  // without first loading the whole pipeline into the process that only waits for it.
  const { buildProgram } = await import('./program.js');
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
  const argv = process.argv.slice(2);
  if (argv[0] === 'serve' && shouldLimitArenas(process.env)) {
    process.exit(await runWithArenaLimit(process.env));
  }
  process.exitCode = await runCli(argv);
  // The fleet optimizer's worker thread would otherwise keep the process alive for a while.
  const { stopSolverThread } = await import('../optimizer/runtime/solver-thread.js');
  await stopSolverThread();
}
