/**
 * @module import-command: `berth import FILE... [--from FORMAT]` prints a Berth workload read from
 * Compose, Kubernetes, ECS or Copilot files, as YAML whose comments say where each value came from.
 */
import { type Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { addImportOptions } from './import-options.js';
import type { ImportCommandFlags } from './import-run.js';
import { STDIN_FILE } from './read-workload.js';

export function addImportCommand(program: Command, context: CliContext): void {
  const command = program
    .command('import')
    .description('print a Berth workload read from Compose, Kubernetes, ECS or Copilot files')
    .argument('<files...>', `the files to read, or ${STDIN_FILE} for stdin`)
    .addOption(
      new Option('-f, --format <format>', 'yaml (with comments on where each value came from) or json')
        .choices(['yaml', 'json'])
        .default('yaml'),
    );
  addImportOptions(command).action(async (files: string[], flags: ImportCommandFlags) => {
    // The importers load only when the command runs (docs/ARCHITECTURE.md#start-up-time).
    const { runImport } = await import('./import-run.js');
    context.exitCode = await runImport(files, flags, context.io);
  });
}
