/** @module serve-command: `berth serve [--port N] [--host H]`, configured by the environment (config.ts). */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { SERVE_USAGE } from './serve-usage.js';

/**
 * `berth serve`: its arguments go through untouched to startServeCommand, which has its own usage (with
 * the environment variables) and is tested on its own.
 */
export function addServeCommand(program: Command, context: CliContext): void {
  const command = program
    .command('serve')
    .description('serve the REST API (see berth serve --help)')
    .usage('[--port N] [--host H]')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (_args: string[], _options: unknown, self: Command) => {
      // The server, its price source and the AWS SDK load only when it runs (docs/ARCHITECTURE.md#start-up-time).
      const { runServeCommand } = await import('./serve-run.js');
      const code = await runServeCommand(self.args, context.io);
      // Drained (or the grace ran out): exit now. A worker thread still being torn down, or a timer of the
      // price source, must not keep the process past its grace period (a trial measured 4.4 s for 2 s).
      if (code === 0) process.exit(0);
      context.exitCode = code;
    });
  // `berth help serve` shows the command's own usage, as its --help does.
  command.helpInformation = () => SERVE_USAGE;
}
