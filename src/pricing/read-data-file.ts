/** @module read-data-file: reads one JSON file of the snapshot and checks it against its schema. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { BerthError } from '../errors.js';
import { toIssues } from '../issues.js';

/** Parses and validates file content; a broken file is a PRICE_DATA_INVALID error naming the file. */
export function parseDataFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BerthError('PRICE_DATA_INVALID', `cannot read ${file}: not valid JSON (${String(cause)})`, {
      cause,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = toIssues(result.error);
    const first = issues[0];
    const where = first === undefined ? '' : ` at ${first.path}: ${first.message}`;
    throw new BerthError(
      'PRICE_DATA_INVALID',
      `cannot read ${file}: ${issues.length} schema problem(s)${where}`,
      { issues, details: { file } },
    );
  }
  return result.data;
}

function readFailure(file: string, cause: unknown): BerthError {
  return new BerthError('PRICE_DATA_INVALID', `cannot read ${file}: ${String(cause)}`, {
    cause,
    details: { file },
  });
}

export function readDataFileSync<T>(file: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw readFailure(file, cause);
  }
  return parseDataFile(file, text, schema);
}

export async function readDataFile<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw readFailure(file, cause);
  }
  return parseDataFile(file, text, schema);
}
