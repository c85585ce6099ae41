/**
 * @module text-table: lays out a table in columns for a terminal, within a width: label columns wrap,
 * number columns never do, and money columns are right-aligned.
 */
import { wrapText } from './wrap-text.js';

export interface TableColumn {
  header: string;
  /** Right for numbers and money, so the digits line up. Default left. */
  align?: 'left' | 'right';
  /** Whether the column may wrap onto more lines to fit the width (labels and prose; never numbers). */
  wrap?: boolean;
}

/** The narrowest a wrapping column is squeezed to; narrower, words would be cut into fragments. */
const MIN_WRAP_WIDTH = 12;
const GAP = '  ';
/** A wrapped cell's later lines are indented by this, so they do not read as a new row. */
const CONTINUATION = '  ';

/**
 * The table's lines: a header, a rule and the rows, columns two spaces apart, no trailing spaces. When the
 * natural layout is wider than `width`, the widest wrapping column gives way first, one column at a time.
 * If the columns that may not wrap are wider than `width` on their own, the lines stay longer than it.
 */
export function layoutTable(
  columns: readonly TableColumn[],
  rows: readonly string[][],
  width = Infinity,
): string[] {
  const { header, rule, body } = layoutTableParts(columns, rows, width);
  return [...header, rule, ...body.flat()];
}

/** The same layout in parts, each row's lines apart, so a caller can colour the header or a row. */
export function layoutTableParts(
  columns: readonly TableColumn[],
  rows: readonly string[][],
  width = Infinity,
): { header: string[]; rule: string; body: string[][] } {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  let excess = widths.reduce((sum, w) => sum + w, 0) + GAP.length * (columns.length - 1) - width;
  // First squeeze the wrapping columns no narrower than their longest word, so words stay whole; only
  // if that is not enough, down to MIN_WRAP_WIDTH, cutting the longest words.
  const floors = [
    columns.map((c, i) =>
      Math.max(
        MIN_WRAP_WIDTH,
        c.header.length,
        ...rows.map((r) => longestWord(r[i] ?? '') + CONTINUATION.length),
      ),
    ),
    columns.map((c) => Math.max(MIN_WRAP_WIDTH, c.header.length)),
  ];
  for (const floor of floors) {
    while (excess > 0) {
      const widest = pickWidestWrapping(columns, widths, floor);
      if (widest === -1) break;
      widths[widest]! -= 1;
      excess -= 1;
    }
  }
  const render = (cells: readonly string[]) => renderRow(columns, widths, cells);
  return {
    header: render(columns.map((c) => c.header)),
    rule: widths.map((w) => '-'.repeat(w)).join(GAP),
    body: rows.map(render),
  };
}

function pickWidestWrapping(
  columns: readonly TableColumn[],
  widths: readonly number[],
  floor: readonly number[],
): number {
  let widest = -1;
  columns.forEach((c, i) => {
    const w = widths[i] ?? 0;
    if (c.wrap && w > (floor[i] ?? 0) && (widest === -1 || w > (widths[widest] ?? 0))) widest = i;
  });
  return widest;
}

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => w.length));
}

function renderRow(
  columns: readonly TableColumn[],
  widths: readonly number[],
  cells: readonly string[],
): string[] {
  const stacks = columns.map((c, i) => {
    const cell = cells[i] ?? '';
    const w = widths[i] ?? 0;
    if (!c.wrap || cell.length <= w) return [cell];
    return wrapText(cell, w, w - CONTINUATION.length).map((l, n) => (n === 0 ? l : `${CONTINUATION}${l}`));
  });
  const height = Math.max(...stacks.map((s) => s.length));
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    const parts = columns.map((c, i) => {
      const text = stacks[i]?.[row] ?? '';
      const w = widths[i] ?? 0;
      return c.align === 'right' ? text.padStart(w) : text.padEnd(w);
    });
    lines.push(parts.join(GAP).trimEnd());
  }
  return lines;
}
