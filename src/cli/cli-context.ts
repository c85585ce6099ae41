/** @module cli-context: what every command's action is given: the io and a place to leave its exit code. */
import type { CliIo } from './io.js';

export interface CliContext {
  io: CliIo;
  /** The exit code of the command that ran; commander's actions return nothing, so they leave it here. */
  exitCode: number;
}
