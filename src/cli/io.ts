/**
 * @module io: what a CLI command reads from and writes to, and what it knows of the terminal; injected so
 * commands are testable without a process.
 */
import { text } from 'node:stream/consumers';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal: colour and the terminal's width apply only then. Default false. */
  stdoutIsTty?: boolean;
  /** Whether stderr is a terminal: the progress line is drawn only then. Default false. */
  stderrIsTty?: boolean;
  /** The terminal's width in columns, when stdout is one. */
  columns?: number;
  /** NO_COLOR and COLUMNS are read from here; tests give their own so the caller's shell cannot leak in. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The whole of stdin, for `-` as a file name. */
  readStdin?: () => Promise<string>;
}

/**
 * Whether the reader of stdout has gone (`berth recommend ... | head`). Node then emits EPIPE on the stream,
 * which unhandled ends the process with a stack trace, before the command could write its starter code.
 * Stdout is then dropped and the command runs to its end, with its own exit code.
 */
let stdoutGone = false;
let watchingStdout = false;

function writeStdout(chunk: string): void {
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stdoutGone = true;
    });
  }
  if (!stdoutGone) process.stdout.write(chunk);
}

export const processIo: CliIo = {
  stdout: writeStdout,
  stderr: (chunk) => process.stderr.write(chunk),
  get stdoutIsTty() {
    return process.stdout.isTTY === true;
  },
  get stderrIsTty() {
    return process.stderr.isTTY === true;
  },
  get columns() {
    return process.stdout.columns;
  },
  env: process.env,
  readStdin: () => text(process.stdin),
};
