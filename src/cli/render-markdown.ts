/** @module render-markdown: the recommendation as Markdown, for pull-request comments. */
import type { Recommendation } from '../advisor/recommendation.js';
import { rankCell, scoreCell, statusCell } from './render-text.js';

export function renderMarkdown(rec: Recommendation): string {
  const out: string[] = [];
  out.push(
    `## Berth: ${rec.recommendedLabel} for ${escapeCell(rec.workload.name)} (${rec.workload.region})`,
    '',
  );
  out.push('| Rank | Candidate | Score | Status |', '|---:|---|---:|---|');
  for (const c of rec.candidates) {
    out.push(`| ${rankCell(c)} | ${c.label} | ${scoreCell(c)} | ${escapeCell(statusCell(c))} |`);
  }
  out.push('', '### Why', '');
  for (const line of rec.explanation) out.push(`- ${linkSources(escapeCell(line))}`);
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
