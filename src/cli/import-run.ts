/**
 * @module import-run: what `berth import` runs (import-command.ts declares it): reads the files, imports
 * them and prints the workload, as YAML with comments on where each value came from, or as JSON.
 */
import { importWorkload } from '../import/import-workload.js';
import { renderImportYaml } from '../import/render-yaml.js';
import type { ImportResult } from '../import/types.js';
import { readImportFiles, toImportOptions } from './import-files.js';
import type { ImportFlags } from './import-options.js';
import type { CliIo } from './io.js';
import { reportError } from './report-error.js';

export interface ImportCommandFlags extends ImportFlags {
  format: 'yaml' | 'json';
}

export async function runImport(
  files: readonly string[],
  flags: ImportCommandFlags,
  io: CliIo,
): Promise<number> {
  try {
    const result = importWorkload(await readImportFiles(files, io), await toImportOptions(flags, io));
    io.stdout(flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderImportYaml(result));
    io.stderr(`berth: ${describeImport(result)}\n`);
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
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
