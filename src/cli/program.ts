/** @module program: the `berth` command tree, declared with commander: help, version and parse errors for free. */
import { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { addImportCommand } from './import-command.js';
import { addPricesCommand } from './prices-command.js';
import { addRecommendCommand } from './recommend-command.js';
import { addRegionsCommand } from './regions-command.js';
import { addRulesCommand } from './rules-command.js';
import { addSchemaCommand } from './schema-command.js';
import { addServeCommand } from './serve-command.js';
import { resolveWidth } from './terminal.js';
import { toCliExit } from './usage-error.js';
import { readVersion } from './version.js';

const ENVIRONMENT_HELP = `
Environment:
  NO_COLOR       any non-empty value turns colour off, as --no-color does
  COLUMNS        the width text output wraps to (default: the terminal's, or 100 when not one)
  BERTH_PRICES   snapshot (default) or live, for berth recommend and berth serve
  BERTH_DEBUG    any value adds the stack trace to an unexpected failure

Exit codes: 0 done, 1 the workload or the run failed, 2 the command line is wrong.`;

export function buildProgram(context: CliContext): Command {
  const { io } = context;
  const program = new Command('berth')
    .description('Decides where containers run on AWS (ECS or EKS, Fargate or EC2) and what it costs.')
    .version(readVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .option(
      '--no-color',
      'never colour the output (colour is used only on a terminal; NO_COLOR=1 does the same)',
    )
    .addHelpText('after', ENVIRONMENT_HELP)
    // Commander's own error lines are replaced by toCliExit's; help and version still print through io.
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: () => undefined,
      getOutHelpWidth: () => resolveWidth(io),
      getErrHelpWidth: () => Math.min(resolveWidth(io), 100),
    });
  addRecommendCommand(program, context);
  addImportCommand(program, context);
  addRulesCommand(program, context);
  addSchemaCommand(program, context);
  addPricesCommand(program, context);
  addRegionsCommand(program, context);
  addServeCommand(program, context);
  const names = program.commands.map((c) => c.name());
  for (const command of [program, ...program.commands]) {
    const path = command === program ? 'berth' : `berth ${command.name()}`;
    command.exitOverride((error) => {
      throw toCliExit(error, path, names);
    });
  }
  return program;
}
