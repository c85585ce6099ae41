/**
 * @module import-options: the options `berth import` and `berth recommend` share for reading Compose,
 * Kubernetes, ECS or Copilot files, and the files themselves, read from disk or stdin.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ImportOptions } from '../import/import-workload.js';
import { IMPORT_FORMATS, type ImportFile, type ImportFormat } from '../import/types.js';
import { listKnownRegions } from '../pricing/snapshot-source.js';
import { type ParseResult, parseCpu, parseMemoryMiB } from '../workload/units.js';
import type { CliIo } from './io.js';
import { readWorkloadText, STDIN_FILE } from './read-workload.js';

export interface ImportFlags {
  from?: ImportFormat;
  defaultCpu?: string;
  defaultMemory?: string;
  defaultVolumeGib?: number;
  kubernetesApi?: 'yes' | 'no';
  overrides?: string;
}

export function addImportOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--from <format>', 'the format of the files (default: detected)').choices(IMPORT_FORMATS),
    )
    .addOption(
      new Option('--default-cpu <vcpu>', 'CPU of services the files give none (default: 0.5 vCPU)').argParser(
        checked(parseCpu),
      ),
    )
    .addOption(
      new Option(
        '--default-memory <memory>',
        'memory of services the files give none (default: "1 GiB")',
      ).argParser(checked(parseMemoryMiB)),
    )
    .addOption(
      new Option(
        '--default-volume-gib <gib>',
        'size of volumes the files do not size (default: 20)',
      ).argParser(positiveGiB),
    )
    .addOption(
      new Option(
        '--kubernetes-api <yes|no>',
        'Kubernetes input: does the workload require the Kubernetes API, so only EKS qualifies (default: no)',
      ).choices(['yes', 'no']),
    )
    .option('--overrides <file>', 'a YAML file of defaults, fields per service and workload fields');
}

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

/** `--default-volume-gib`: refused on the command line, where the value is still as typed (Number("abc") is NaN). */
function positiveGiB(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(value > 0))
    throw new InvalidArgumentError('expected a positive number of GiB');
  return value;
}

/**
 * `--default-cpu` and `--default-memory`: refused on the command line as the workload's own units parser
 * would refuse them, before any file is read; the text is kept for the import to parse again.
 */
function checked(parse: (input: number | string) => ParseResult): (text: string) => string {
  return (text) => {
    const result = parse(numberOrText(text));
    if (!result.ok) throw new InvalidArgumentError(result.message);
    return text;
  };
}

/** "0.5" is a number, as in a workload file; "500m" and "1 GiB" stay text for the unit parsers. */
function numberOrText(text: string): number | string {
  return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}
