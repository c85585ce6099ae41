/** @module render-markdown: the recommendation as Markdown, for pull-request comments. */
import type { Recommendation } from '../model/recommendation.js';
import { formatUsd } from '../pricing/money.js';
import {
  deltaCell,
  lineRow,
  monthlyCell,
  pricingLine,
  rankCell,
  roundingNote,
  scoreCell,
  statusCell,
} from './recommendation-cells.js';

export function renderMarkdown(rec: Recommendation): string {
  const out: string[] = [];
  out.push(
    `## Berth: ${rec.recommendedLabel} for ${escapeCell(rec.workload.name)} (${rec.workload.region})`,
    '',
  );
  const coverage = rec.pricing.coverage.statement;
  if (coverage !== null) out.push(`> **Price coverage:** ${escapeCell(coverage)}`, '');
  out.push('| Rank | Candidate | Score | Monthly | vs best | Status |', '|---:|---|---:|---:|---:|---|');
  for (const c of rec.candidates) {
    out.push(
      `| ${rankCell(c)} | ${c.label} | ${scoreCell(c)} | ${monthlyCell(c)} | ${deltaCell(c, rec)} | ${escapeCell(statusCell(c))} |`,
    );
  }
  out.push('', '### Why', '');
  for (const line of rec.explanation) out.push(`- ${linkSources(escapeCell(line))}`);
  for (const b of rec.breakEven) out.push(`- ${escapeCell(b.statement)}.`);
  for (const c of rec.candidates) {
    if (!c.cost) continue;
    out.push(
      '',
      `<details><summary>${c.label}: ${formatUsd(c.cost.monthlyUsd)} a month${c.cost.complete ? '' : ' (incomplete: prices missing)'}</summary>`,
      '',
    );
    out.push('| Item | Quantity | Unit price | Monthly |', '|---|---:|---:|---:|');
    for (const row of c.cost.lineItems.map(lineRow)) out.push(`| ${row.map(escapeCell).join(' | ')} |`);
    const rounding = roundingNote(c.cost.lineItems, c.cost.monthlyUsd);
    if (rounding !== null) out.push('', `- ${escapeCell(rounding)}`);
    for (const option of c.cost.purchaseOptions) out.push('', `- ${escapeCell(option)}`);
    for (const note of c.cost.notes) out.push('', `- ${escapeCell(note)}`);
    out.push('', '</details>');
  }
  out.push('', `_${pricingLine(rec)}_`);
  if (rec.warnings.length > 0) {
    out.push('', '### Warnings', '');
    for (const w of rec.warnings) {
      out.push(`- ${escapeCell(w.message)}${w.source ? ` ([source](${w.source}))` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Turns a cited URL in parentheses into a Markdown link. */
function linkSources(text: string): string {
  return text.replace(/\((https:\/\/[^)\s]+)\)/g, '([source]($1))');
}

/** Escapes the characters that would break a table cell or start unwanted formatting. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
