/** @module csv-fields: typed readers for one CSV cell; each throws a RowError saying what is wrong. */
import { isRegionCode } from '../../src/pricing/region-code.js';
import type { CsvRow } from './csv-table.js';
import { RowError } from './csv-table.js';

function cell(row: CsvRow, column: string): string {
  const value = row.values[column];
  if (value === undefined) throw new RowError(`column ${column} is missing`);
  return value;
}

export function readText(row: CsvRow, column: string): string {
  const value = cell(row, column);
  if (value.trim() === '') throw new RowError(`${column} is empty`);
  if (value !== value.trim()) throw new RowError(`${column} "${value}" has surrounding spaces`);
  return value;
}

export function readOptionalText(row: CsvRow, column: string): string | null {
  return cell(row, column) === '' ? null : readText(row, column);
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** Prices stay the exact strings of the CSV; only their shape is checked. */
export function readDecimal(row: CsvRow, column: string): string {
  const value = readText(row, column);
  if (!DECIMAL.test(value)) throw new RowError(`${column} "${value}" is not a non-negative decimal`);
  return value;
}

export function readOptionalDecimal(row: CsvRow, column: string): string | null {
  return cell(row, column) === '' ? null : readDecimal(row, column);
}

export function readPositiveNumber(row: CsvRow, column: string): number {
  const value = readDecimal(row, column);
  const n = Number(value);
  if (!(n > 0)) throw new RowError(`${column} "${value}" is not positive`);
  return n;
}

export function readCount(row: CsvRow, column: string): number {
  const value = readText(row, column);
  if (!/^\d+$/.test(value)) throw new RowError(`${column} "${value}" is not a whole number`);
  return Number(value);
}

export function readOptionalCount(row: CsvRow, column: string): number | null {
  return cell(row, column) === '' ? null : readCount(row, column);
}

export function readChoice<T extends string>(row: CsvRow, column: string, choices: readonly T[]): T {
  const value = readText(row, column);
  if (!(choices as readonly string[]).includes(value)) {
    throw new RowError(`${column} "${value}" is not one of ${choices.join(', ')}`);
  }
  return value as T;
}

export function readBoolean(row: CsvRow, column: string, yes: string, no: string): boolean {
  return readChoice(row, column, [yes, no]) === yes;
}

/** An empty cell is unknown (null); otherwise `yes`/`no` as given. */
export function readOptionalBoolean(row: CsvRow, column: string, yes: string, no: string): boolean | null {
  return cell(row, column) === '' ? null : readBoolean(row, column, yes, no);
}

export function readOptionalDate(row: CsvRow, column: string): string | null {
  const value = cell(row, column);
  if (value === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new RowError(`${column} "${value}" is not an ISO date`);
  }
  return value;
}

export function readRegion(row: CsvRow, column: string): string {
  const value = readText(row, column);
  if (!isRegionCode(value)) throw new RowError(`${column} "${value}" is not a region code`);
  return value;
}
