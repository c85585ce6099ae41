/**
 * @module import-command: `berth import FILE... [--from FORMAT]` prints a Berth workload read from
 * Compose, Kubernetes, ECS or Copilot files, as YAML whose comments say where each value came from.
 */
import { type Command, Option } from 'commander';
import { importWorkload } from '../import/import-workload.js';
import { renderImportYaml } from '../import/render-yaml.js';
import type { ImportResult } from '../import/types.js';
import type { CliContext } from './cli-context.js';
import { addImportOptions, type ImportFlags, readImportFiles, toImportOptions } from './import-options.js';
import { STDIN_FILE } from './read-workload.js';
import { reportError } from './report-error.js';

interface ImportCommandFlags extends ImportFlags {
  format: 'yaml' | 'json';
}

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
    const { io } = context;
    try {
      const result = importWorkload(await readImportFiles(files, io), await toImportOptions(flags, io));
      io.stdout(flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderImportYaml(result));
      io.stderr(`berth: ${describeImport(result)}\n`);
      context.exitCode = 0;
    } catch (error) {
      context.exitCode = reportError(error, io);
    }
  });
}

/** "imported 14 services from kubernetes input (1 with default resources: x; 3 objects skipped)". */
export function describeImport(result: ImportResult): string {
  const count = result.workload.services.length;
  const details: string[] = [];
  if (result.defaulted.length > 0)
    details.push(`${result.defaulted.length} with default resources: ${result.defaulted.join(', ')}`);
  if (result.skipped.length > 0) details.push(`${result.skipped.length} object(s) skipped`);
  const warnings = result.notes.filter((n) => n.kind === 'warning').length;
  if (warnings > 0) details.push(`${warnings} warning(s)`);
  return `imported ${count} service${count === 1 ? '' : 's'} from ${result.format} input${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
}
