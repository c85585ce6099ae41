/**
 * @module usage-error: turns commander's parse failures into Berth's `{what}: {why}` lines and exit codes:
 * 0 after --help or --version, 2 for any mistake on the command line.
 */
import type { CommanderError } from 'commander';
import { EXIT_USAGE } from './report-error.js';

/** Thrown out of commander's parse to end the run with `code`, after writing `message` (if any) to stderr. */
export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}

/**
 * The exit for one commander failure in `commandPath` ("berth recommend"). Commander's messages are
 * parsed only for the names they quote; an unforeseen one still reads `{path}: {message}`.
 */
export function toCliExit(
  error: CommanderError,
  commandPath: string,
  commandNames: readonly string[],
): CliExit {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
    return new CliExit(0, '');
  // `berth help X` exits 0; help shown because no command was given went to stderr and is a usage error.
  if (error.code === 'commander.help') return new CliExit(error.exitCode === 0 ? 0 : EXIT_USAGE, '');
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  // Commander's "(Did you mean --format?)" takes the place of the pointer to --help.
  const suggestion = /Did you mean (.*)\?/.exec(rest.join(' '))?.[1];
  const quoted = [...first.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  const help = suggestion === undefined ? `see ${commandPath} --help` : `did you mean ${suggestion}?`;
  let line: string;
  switch (error.code) {
    case 'commander.unknownCommand':
      line = `unknown command "${quoted[0]}": expected one of ${commandNames.join(', ')}${suggestion === undefined ? '' : ` (${help})`}`;
      break;
    case 'commander.unknownOption':
      line = `unknown option "${quoted[0]}": ${commandPath} has no such option; ${help}`;
      break;
    case 'commander.missingArgument':
      // Berth's only required arguments are file lists (`<files...>` of recommend and import).
      line = `missing ${quoted[0]?.toUpperCase()}: ${commandPath} needs at least one file, or - for stdin; ${help}`;
      break;
    case 'commander.optionMissingArgument':
      line = `option ${longFlag(quoted[0])} needs a value: none was given; ${help}`;
      break;
    case 'commander.excessArguments':
      line = `too many arguments: ${first
        .replace(/^.*\. /, '')
        .replace(/\.$/, '')
        .toLowerCase()}`;
      break;
    case 'commander.invalidArgument':
      line = describeInvalidChoice(first, quoted);
      break;
    default:
      line = first;
  }
  return new CliExit(EXIT_USAGE, `${commandPath}: ${line}\n`);
}

/** "unknown --format "xml": expected one of table, json, markdown", for a flag or its environment variable. */
function describeInvalidChoice(message: string, quoted: string[]): string {
  const choices = /Allowed choices are (.*)\.$/.exec(message)?.[1];
  const fromEnv = / from env '/.test(message);
  const name = fromEnv ? quoted[2] : longFlag(quoted[0]);
  const value = quoted[1];
  return choices === undefined
    ? `invalid ${name} "${value}": ${message.replace(/^.* is invalid\.\s*/, '')}`
    : `unknown ${name} "${value}": expected one of ${choices}`;
}

/** "--format" from commander's "-f, --format <format>". */
function longFlag(flags = ''): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags;
}
