/** @module terminal: how wide text output may be and whether it may be coloured, decided once per run. */
import type { CliIo } from './io.js';

/** The width text output wraps to when stdout is not a terminal (a file, a pipe, a CI log). */
export const DEFAULT_WIDTH = 100;

/** Narrower than this, tables cannot keep their numbers on one line; COLUMNS below it is ignored. */
const MIN_WIDTH = 40;

/** COLUMNS wins (as in ls and the GitHub CLI), then the terminal's own width, then DEFAULT_WIDTH. */
export function resolveWidth(io: CliIo): number {
  const fromEnv = Number(io.env?.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= MIN_WIDTH) return fromEnv;
  if (io.stdoutIsTty && io.columns !== undefined && io.columns >= MIN_WIDTH) return io.columns;
  return DEFAULT_WIDTH;
}

/**
 * Colour only for a person at a terminal: never when stdout is redirected, when NO_COLOR has any
 * non-empty value (https://no-color.org), or when --no-color was given.
 */
export function decideColour(io: CliIo, colourFlag: boolean): boolean {
  if (!colourFlag || !io.stdoutIsTty) return false;
  const noColor = io.env?.NO_COLOR;
  return noColor === undefined || noColor === '';
}
