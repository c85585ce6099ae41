/** @module render-text: the recommendation as tables for a terminal. */
import type { Candidate } from '../model/candidate.js';
import type { LineItem } from '../model/cost.js';
import type { Recommendation } from '../model/recommendation.js';
import { formatCents, toMoney } from '../pricing/money.js';

export function renderText(rec: Recommendation): string {
  const out: string[] = [];
  out.push(`Berth recommendation for ${rec.workload.name} (${rec.workload.region})`, '');
  out.push(`Recommended: ${rec.recommendedLabel}`, '');
  const rows = rec.candidates.map((c) => [
    rankCell(c),
    c.label,
    scoreCell(c),
    monthlyCell(c),
    deltaCell(c),
    statusCell(c),
  ]);
  out.push(...table(['Rank', 'Candidate', 'Score', 'Monthly', 'vs best', 'Status'], rows), '');
  out.push('Why');
  for (const line of rec.explanation) out.push(`  - ${line}`);
  for (const b of rec.breakEven) out.push(`  - ${b.statement}.`);
  for (const c of rec.candidates) {
    if (!c.cost) continue;
    out.push(
      '',
      `${c.label}: ${usd(c.cost.monthlyUsd)} a month${c.cost.complete ? '' : ' (incomplete: prices missing)'}`,
    );
    out.push(
      ...table(['Item', 'Quantity', 'Unit price', 'Monthly'], c.cost.lineItems.map(lineRow)).map(
        (l) => `  ${l}`,
      ),
    );
    for (const option of c.cost.purchaseOptions) out.push(`  * ${option}`);
  }
  out.push('', pricingLine(rec));
  if (rec.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of rec.warnings)
      out.push(`  - ${w.message}${w.source ? ` (${w.source})` : ''}${forWhom(w.candidates)}`);
  }
  return `${out.join('\n')}\n`;
}

export function pricingLine(rec: Recommendation): string {
  const { source, origins, asOf, hoursPerMonth } = rec.pricing;
  const dates =
    asOf.earliest === asOf.latest ? (asOf.latest ?? 'undated') : `${asOf.earliest} to ${asOf.latest}`;
  return `Prices: ${source} source (${origins.join(', ') || 'none used'}), as of ${dates}; USD, ${hoursPerMonth} hours a month, on-demand unless stated.`;
}

export function lineRow(l: LineItem): string[] {
  const quantity = `${toMoney(l.quantity).toDecimalPlaces(4).toString()} ${l.unit}`;
  if (l.missing) return [l.description, quantity, 'MISSING', `no price (${l.priceId})`];
  return [l.description, quantity, `$${l.unitPriceUsd}`, usd(l.monthlyUsd!)];
}

export function usd(amount: string): string {
  const value = toMoney(amount);
  return `${value.isNegative() ? '-' : ''}$${formatCents(value.abs())}`;
}

export function rankCell(c: Candidate): string {
  return c.rank === null ? '-' : String(c.rank);
}

export function scoreCell(c: Candidate): string {
  return c.feasible && c.redundantWith === null ? c.totalScore.toFixed(2) : '-';
}

export function monthlyCell(c: Candidate): string {
  if (!c.cost) return '-';
  return `${usd(c.cost.monthlyUsd)}${c.cost.complete ? '' : '*'}`;
}

export function deltaCell(c: Candidate): string {
  if (c.monthlyDeltaUsd === null) return '-';
  if (c.rank === 1) return '';
  return `${toMoney(c.monthlyDeltaUsd).isNegative() ? '' : '+'}${usd(c.monthlyDeltaUsd)}`;
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
