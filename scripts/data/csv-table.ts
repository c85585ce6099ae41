/** @module csv-table: reads one input CSV of ../shared/aws-data and reports bad rows by file and line. */
import { readFileSync } from 'node:fs';

export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  values: Readonly<Record<string, string>>;
}

export interface CsvTable {
  file: string;
  rows: CsvRow[];
}

/** Every problem found in the input, as `file:line: reason`; thrown once all rows were checked. */
export class InputDataError extends Error {
  override name = 'InputDataError';
  constructor(readonly problems: readonly string[]) {
    super(`input data is invalid: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  }
}

/** A problem with one row; converters throw it and `convertRows` adds the file and line. */
export class RowError extends Error {
  override name = 'RowError';
}

/**
 * The inputs are plain CSV without quoting (see ../shared/aws-data/SOURCES.md), so a quote is
 * rejected rather than half-parsed, and the header must be exactly the expected columns.
 */
export function readCsvTable(file: string, columns: readonly string[]): CsvTable {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = lines[0] ?? '';
  if (header !== columns.join(',')) {
    throw new InputDataError([`${file}:1: unexpected header "${header}": expected "${columns.join(',')}"`]);
  }
  const problems: string[] = [];
  const rows: CsvRow[] = [];
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    const cells = text.split(',');
    if (text.includes('"') || text.includes('\r')) {
      problems.push(`${file}:${line}: quotes and carriage returns are not supported`);
    } else if (cells.length !== columns.length) {
      problems.push(`${file}:${line}: expected ${columns.length} fields, found ${cells.length}`);
    } else {
      rows.push({ line, values: Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])) });
    }
  });
  if (problems.length > 0) throw new InputDataError(problems);
  return { file, rows };
}

/** Converts every row, collecting every row's problem before failing, so one run shows them all. */
export function convertRows<T>(table: CsvTable, convert: (row: CsvRow) => T): T[] {
  const problems: string[] = [];
  const out: T[] = [];
  for (const row of table.rows) {
    try {
      out.push(convert(row));
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      problems.push(`${table.file}:${row.line}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new InputDataError(problems);
  return out;
}

/** Fails when two rows give the same key; `items` are convertRows' output, one per row in order. */
export function rejectDuplicates<T>(
  table: CsvTable,
  items: readonly T[],
  keyOf: (item: T) => string,
  what: string,
): void {
  const firstLine = new Map<string, number>();
  const problems: string[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    const line = table.rows[i]?.line ?? 0;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, line);
    else problems.push(`${table.file}:${line}: duplicate ${what} ${key} (first on line ${first})`);
  });
  if (problems.length > 0) throw new InputDataError(problems);
}
