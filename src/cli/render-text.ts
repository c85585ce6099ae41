/** @module render-text: the recommendation as a table for a terminal. */
import type { Candidate } from '../advisor/candidate.js';
import type { Recommendation } from '../advisor/recommendation.js';

export function renderText(rec: Recommendation): string {
  const out: string[] = [];
  out.push(`Berth recommendation for ${rec.workload.name} (${rec.workload.region})`, '');
  out.push(`Recommended: ${rec.recommendedLabel}`, '');
  const rows = rec.candidates.map((c) => [rankCell(c), c.label, scoreCell(c), statusCell(c)]);
  out.push(...table(['Rank', 'Candidate', 'Score', 'Status'], rows), '');
  out.push('Why');
  for (const line of rec.explanation) out.push(`  - ${line}`);
  if (rec.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of rec.warnings)
      out.push(`  - ${w.message}${w.source ? ` (${w.source})` : ''}${forWhom(w.candidates)}`);
  }
  return `${out.join('\n')}\n`;
}

export function rankCell(c: Candidate): string {
  return c.rank === null ? '-' : String(c.rank);
}

export function scoreCell(c: Candidate): string {
  return c.feasible && c.redundantWith === null ? c.totalScore.toFixed(2) : '-';
}

export function statusCell(c: Candidate): string {
  if (c.redundantWith !== null) return `same placements as ${c.redundantWith}`;
  if (!c.feasible) {
    const ids = [...new Set(c.exclusions.map((h) => (h.service ? `${h.ruleId} (${h.service})` : h.ruleId)))];
    return `excluded: ${ids.slice(0, 3).join(', ')}${ids.length > 3 ? `, +${ids.length - 3} more` : ''}`;
  }
  if (c.compute === 'mixed') {
    const ec2 = c.placements.filter((p) => p.compute === 'ec2').length;
    return `${ec2} on EC2, ${c.placements.length - ec2} on Fargate`;
  }
  return '';
}

function forWhom(ids: readonly string[]): string {
  return ids.length === 0 ? '' : ` [${ids.join(', ')}]`;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
