/**
 * @module import-files: reads the files `berth import` and `berth recommend` import, from disk or stdin, and
 * turns the command line's import options into the importer's (import-options.ts declares them).
 */
import type { ImportOptions } from '../import/import-workload.js';
import type { ImportFile } from '../import/types.js';
import { listKnownRegions } from '../pricing/snapshot-source.js';
import { type ImportFlags, numberOrText } from './import-options.js';
import type { CliIo } from './io.js';
import { readWorkloadText, STDIN_FILE } from './read-workload.js';

/** The files' text, `-` as stdin. */
export async function readImportFiles(names: readonly string[], io: CliIo): Promise<ImportFile[]> {
  return Promise.all(
    names.map(async (name) => ({
      name: name === STDIN_FILE ? 'stdin' : name,
      text: await readWorkloadText(name, io),
    })),
  );
}

export async function toImportOptions(flags: ImportFlags, io: CliIo): Promise<ImportOptions> {
  const options: ImportOptions = { regions: listKnownRegions() };
  if (flags.from !== undefined) options.from = flags.from;
  if (flags.defaultCpu !== undefined) options.defaultCpu = numberOrText(flags.defaultCpu);
  if (flags.defaultMemory !== undefined) options.defaultMemory = numberOrText(flags.defaultMemory);
  if (flags.defaultVolumeGib !== undefined) options.defaultVolumeGiB = flags.defaultVolumeGib;
  if (flags.kubernetesApi !== undefined) options.kubernetesApi = flags.kubernetesApi === 'yes';
  if (flags.overrides !== undefined)
    options.overrides = { name: flags.overrides, text: await readWorkloadText(flags.overrides, io) };
  return options;
}
