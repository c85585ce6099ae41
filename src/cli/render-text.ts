/** @module render-text: the recommendation as tables and wrapped prose for a terminal, within a width. */

import type { LineItem } from '../model/cost.js';
import type { Recommendation } from '../model/recommendation.js';
import { formatUsd } from '../pricing/money.js';
import {
  deltaCell,
  forWhom,
  lineRow,
  monthlyCell,
  pricingLine,
  rankCell,
  roundingNote,
  scoreCell,
  statusCell,
} from './recommendation-cells.js';
import { PLAIN_STYLE, type Style } from './style.js';
import { DEFAULT_WIDTH } from './terminal.js';
import { layoutTableParts, type TableColumn } from './text-table.js';
import { wrapHanging, wrapText } from './wrap-text.js';

export interface TextOptions {
  /** Lines are at most this long, unless the numbers of a table alone are wider. */
  width?: number;
  style?: Style;
}

const CANDIDATE_COLUMNS: TableColumn[] = [
  { header: 'Rank', align: 'right' },
  { header: 'Candidate', wrap: true },
  { header: 'Score', align: 'right' },
  { header: 'Monthly', align: 'right' },
  { header: 'vs best', align: 'right' },
  { header: 'Status', wrap: true },
];

const LINE_ITEM_COLUMNS: TableColumn[] = [
  { header: 'Item', wrap: true },
  { header: 'Quantity' },
  { header: 'Unit price', align: 'right' },
  { header: 'Monthly', align: 'right' },
];

/** Line items sit under their candidate's heading, indented by this much. */
const ITEM_INDENT = '  ';

export function renderText(rec: Recommendation, options: TextOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const style = options.style ?? PLAIN_STYLE;
  const out: string[] = [];
  out.push(...wrapText(`Berth recommendation for ${rec.workload.name} (${rec.workload.region})`, width), '');
  // Before anything priced: a reader should know the totals are lower bounds before reading one.
  const coverage = rec.pricing.coverage.statement;
  if (coverage !== null) out.push(...wrapText(`Price coverage: ${coverage}`, width).map(style.bold), '');
  out.push(`${style.bold('Recommended:')} ${style.bold(style.green(rec.recommendedLabel))}`, '');
  out.push(...candidateTable(rec, width, style), '');
  out.push(style.bold('Why'));
  for (const line of rec.explanation) out.push(...wrapHanging('  - ', line, width));
  for (const b of rec.breakEven) out.push(...wrapHanging('  - ', `${b.statement}.`, width));
  for (const c of rec.candidates) {
    if (!c.cost) continue;
    const heading = `${c.label}: ${formatUsd(c.cost.monthlyUsd)} a month${c.cost.complete ? '' : ' (incomplete: prices missing)'}`;
    out.push('', ...wrapText(heading, width).map(style.bold));
    const { header, rule, body } = layoutTableParts(
      LINE_ITEM_COLUMNS,
      c.cost.lineItems.map(textLineRow),
      width - ITEM_INDENT.length,
    );
    const lines = [...header.map(style.bold), rule, ...body.flat()];
    out.push(...lines.map((l) => `${ITEM_INDENT}${l}`));
    const rounding = roundingNote(c.cost.lineItems, c.cost.monthlyUsd);
    if (rounding !== null) out.push(...wrapHanging(`${ITEM_INDENT}* `, rounding, width));
    for (const option of c.cost.purchaseOptions) out.push(...wrapHanging(`${ITEM_INDENT}* `, option, width));
    for (const note of c.cost.notes) out.push(...wrapHanging(`${ITEM_INDENT}* `, note, width));
  }
  out.push('', ...wrapText(pricingLine(rec), width));
  if (rec.warnings.length > 0) {
    out.push('', style.bold(style.yellow('Warnings')));
    for (const w of rec.warnings) {
      const text = `${w.message}${w.source ? ` (${w.source})` : ''}${forWhom(w.candidates)}`;
      out.push(...wrapHanging('  - ', text, width).map(style.yellow));
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * A line item's row; a missing price is said in the item's words, so the money column stays narrow
 * and holds only amounts.
 */
function textLineRow(l: LineItem): string[] {
  const [description = '', quantity = '', unitPrice = '', monthly = ''] = lineRow(l);
  return l.missing
    ? [`${description} (no price: ${l.priceId})`, quantity, unitPrice, '-']
    : [description, quantity, unitPrice, monthly];
}

/** The ranking: the recommended row in green, excluded and redundant ones dimmed. */
function candidateTable(rec: Recommendation, width: number, style: Style): string[] {
  const candidates = rec.candidates;
  const rows = candidates.map((c) => [
    rankCell(c),
    c.label,
    scoreCell(c),
    monthlyCell(c),
    deltaCell(c, rec),
    statusCell(c),
  ]);
  const { header, rule, body } = layoutTableParts(CANDIDATE_COLUMNS, rows, width);
  const painted = body.flatMap((lines, i) => {
    const c = candidates[i];
    const paint = c?.rank === 1 ? style.green : c?.rank === null ? style.dim : (l: string) => l;
    return lines.map(paint);
  });
  return [...header.map(style.bold), rule, ...painted];
}
