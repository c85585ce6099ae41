/** @module main: the `berth` command line. */

import { stopSolverThread } from '../optimizer/runtime/solver-thread.js';
import { workloadJsonSchema } from '../workload/json-schema.js';
import { type CliIo, processIo } from './io.js';
import { runPricesCommand } from './prices-command.js';
import { runRecommendCommand } from './recommend-command.js';
import { EXIT_USAGE } from './report-error.js';
import { runRulesCommand } from './rules-command.js';
import { runServeCommand } from './serve-command.js';

const USAGE = `Usage: berth <command> [options]

Commands:
  recommend FILE [--format table|json|markdown]   recommend where a workload (YAML or JSON) should run
    [--iac terraform|cloudformation|kubernetes --out DIR] [--prices snapshot|live]
  rules [--format table|json]                     list the decision rules with their sources
  schema                                          print the JSON Schema of workload files
  prices refresh --region R [--out DIR]           rebuild a region's price snapshot from the AWS Price List API
  serve [--port N] [--host H]                     serve the REST API (see berth serve --help)
`;

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'recommend':
      return runRecommendCommand(rest, io);
    case 'rules':
      return runRulesCommand(rest, io);
    case 'prices':
      return runPricesCommand(rest, io);
    case 'serve':
      return runServeCommand(rest, io);
    case 'schema':
      io.stdout(`${JSON.stringify(workloadJsonSchema(), null, 2)}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return command === undefined ? EXIT_USAGE : 0;
    default:
      io.stderr(`berth: unknown command "${command}"\n${USAGE}`);
      return EXIT_USAGE;
  }
}

// Run when executed as the CLI entry point (bin/berth.js or `tsx src/cli/main.ts`), not when imported.
const invokedAs = process.argv[1] ?? '';
if (invokedAs.endsWith('main.ts') || invokedAs.endsWith('berth.js') || invokedAs.endsWith('berth')) {
  process.exitCode = await runCli(process.argv.slice(2));
  // The fleet optimizer's worker thread would otherwise keep the process alive for a while.
  await stopSolverThread();
}
