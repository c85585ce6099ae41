/** @module recommendation-cells: the cells of a recommendation's tables, shared by the text and Markdown output. */
import type { Candidate } from '../model/candidate.js';
import type { LineItem } from '../model/cost.js';
import type { Recommendation } from '../model/recommendation.js';
import {
  formatUsd,
  groupThousands,
  type Money,
  roundCents,
  shownDifference,
  sumAsShown,
  toMoney,
} from '../pricing/money.js';

export function pricingLine(rec: Recommendation): string {
  const { source, origins, asOf, hoursPerMonth } = rec.pricing;
  const dates =
    asOf.earliest === asOf.latest ? (asOf.latest ?? 'undated') : `${asOf.earliest} to ${asOf.latest}`;
  return `Prices: ${source} source (${origins.join(', ') || 'none used'}), as of ${dates}; USD, ${hoursPerMonth} hours a month, on-demand unless stated.`;
}

/**
 * Item, quantity, unit price (every digit the price list gives) and the month's amount in cents. A price
 * that no source confirms (an assumed management fee, a rate from a secondary source) is marked on its item,
 * so an assumption never reads as a published price.
 */
export function lineRow(l: LineItem): string[] {
  const quantity = `${toMoney(l.quantity).toDecimalPlaces(4).toString()} ${l.unit}`;
  if (l.missing) return [l.description, quantity, 'MISSING', `no price (${l.priceId})`];
  const description = l.confirmed === false ? `${l.description} (unconfirmed price)` : l.description;
  return [description, quantity, `$${groupThousands(l.unitPriceUsd!)}`, formatUsd(l.monthlyUsd!)];
}

export function rankCell(c: Candidate): string {
  return c.rank === null ? '-' : String(c.rank);
}

export function scoreCell(c: Candidate): string {
  return c.feasible && c.redundantWith === null ? c.totalScore.toFixed(2) : '-';
}

export function monthlyCell(c: Candidate): string {
  if (!c.cost) return '-';
  return `${formatUsd(c.cost.monthlyUsd)}${c.cost.complete ? '' : '*'}`;
}

/**
 * The difference from the recommended total as worked out from the two totals shown, each rounded to the
 * cent (the JSON's `monthlyDeltaUsd` stays exact); or, where missing prices leave it open, its range: the
 * JSON's `monthlyDeltaBoundsUsd`, each end rounded to the cent, so the two agree to the cent.
 */
export function deltaCell(c: Candidate, rec: Recommendation): string {
  if (c.rank === 1) return '';
  const best = rec.candidates.find((w) => w.id === rec.recommended)?.cost?.monthlyUsd;
  if (c.cost === null || best === undefined) return '-';
  if (c.monthlyDeltaUsd !== null) return signedUsd(shownDifference(c.cost.monthlyUsd, best));
  const bounds = c.monthlyDeltaBoundsUsd;
  if (bounds === null) return '-';
  return `${signedUsd(toMoney(bounds.low))}…${signedUsd(toMoney(bounds.high))}`;
}

function signedUsd(amount: Money): string {
  return `${amount.isNegative() ? '' : '+'}${formatUsd(amount)}`;
}

/**
 * Each line is rounded to the cent on its own and the total once, from the exact sum: where the rounded lines
 * add up to a different figure, say so, so nobody takes the cents for an error. Null when they agree.
 */
export function roundingNote(lines: readonly LineItem[], totalUsd: string): string | null {
  const shown = sumAsShown(lines.map((l) => l.monthlyUsd));
  if (shown.equals(roundCents(totalUsd))) return null;
  return `Each line is rounded to the cent; the total is the exact sum of the unrounded lines, rounded once, so the lines as shown add up to ${formatUsd(shown)}.`;
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

export function forWhom(ids: readonly string[]): string {
  return ids.length === 0 ? '' : ` [${ids.join(', ')}]`;
}
