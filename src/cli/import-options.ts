/**
 * @module import-options: the options `berth import` and `berth recommend` share for reading Compose,
 * Kubernetes, ECS or Copilot files (import-files.ts reads the files and passes the options on).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { IMPORT_FORMATS, type ImportFormat } from '../import/types.js';
import type { ParseResult } from '../workload/units.js';

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
    .addOption(new Option('--default-cpu <vcpu>', 'CPU of services the files give none (default: 0.5 vCPU)'))
    .addOption(
      new Option('--default-memory <memory>', 'memory of services the files give none (default: "1 GiB")'),
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
    .option('--overrides <file>', 'a YAML file of defaults, fields per service and workload fields')
    .hook('preAction', checkDefaults);
}

/** `--default-volume-gib`: refused on the command line, where the value is still as typed (Number("abc") is NaN). */
function positiveGiB(text: string): number {
  const value = Number(text);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !(value > 0))
    throw new InvalidArgumentError('expected a positive number of GiB');
  return value;
}

/**
 * `--default-cpu` and `--default-memory`: refused on the command line (exit 2, naming the flag) as the
 * workload's own units parser would refuse them, before any file is read; the text is kept for the import
 * to parse again. Checked before the action rather than as the option is parsed, so that the units parser
 * (and the mathjs it uses) loads only when a command runs with one of them (docs/ARCHITECTURE.md#start-up-time).
 */
async function checkDefaults(_command: Command, action: Command): Promise<void> {
  const flags = action.opts<ImportFlags>();
  if (flags.defaultCpu === undefined && flags.defaultMemory === undefined) return;
  const { parseCpu, parseMemoryMiB } = await import('../workload/units.js');
  const checks: [string, string | undefined, (input: number | string) => ParseResult][] = [
    ['--default-cpu <vcpu>', flags.defaultCpu, parseCpu],
    ['--default-memory <memory>', flags.defaultMemory, parseMemoryMiB],
  ];
  for (const [option, text, parse] of checks) {
    if (text === undefined) continue;
    const result = parse(numberOrText(text));
    // Commander's own wording for an option argument it refuses, which usage-error.ts turns into Berth's.
    if (!result.ok)
      action.error(`error: option '${option}' argument '${text}' is invalid. ${result.message}`, {
        exitCode: 2,
        code: 'commander.invalidArgument',
      });
  }
}

/** "0.5" is a number, as in a workload file; "500m" and "1 GiB" stay text for the unit parsers. */
export function numberOrText(text: string): number | string {
  return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}
