/** @module ranking-table: every candidate with its rank, score, monthly total and why it was left out. */
import type { Candidate } from '../model/candidate.js';
import type { Recommendation } from '../model/recommendation.js';
import { escapeHtml, sourceLink } from './html.js';
import { formatUsd } from './money.js';

export function renderRankingTable(rec: Recommendation): string {
  const rows = rec.candidates
    .map((c) => {
      const monthly =
        c.cost === null ? '–' : `${formatUsd(c.cost.monthlyUsd)}${c.cost.complete ? '' : ' (incomplete)'}`;
      const bounds = c.monthlyDeltaBoundsUsd;
      const delta =
        c.id === rec.recommended
          ? ''
          : c.monthlyDeltaUsd !== null
            ? signedUsd(c.monthlyDeltaUsd)
            : bounds !== null
              ? `${signedUsd(bounds.low)} to ${signedUsd(bounds.high)}`
              : '';
      return `<tr class="${c.id === rec.recommended ? 'recommended' : ''}" data-candidate="${c.id}"><td class="num">${c.rank ?? '–'}</td><th scope="row">${escapeHtml(c.label)}</th><td class="num">${c.rank === null ? '–' : c.totalScore.toFixed(2)}</td><td class="num">${escapeHtml(monthly)}</td><td class="num">${escapeHtml(delta)}</td><td>${status(c)}</td></tr>`;
    })
    .join('');
  return `<table class="ranking"><caption>Every candidate</caption><thead><tr><th scope="col" class="num">Rank</th><th scope="col">Candidate</th><th scope="col" class="num">Score</th><th scope="col" class="num">Monthly</th><th scope="col" class="num">vs recommended</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function signedUsd(amount: string): string {
  return `${amount.startsWith('-') ? '' : '+'}${formatUsd(amount)}`;
}

function status(c: Candidate): string {
  if (c.redundantWith !== null) return `same placements as ${escapeHtml(c.redundantWith)}`;
  if (!c.feasible) {
    const seen = new Set<string>();
    const reasons = c.exclusions.filter((h) => {
      const key = `${h.ruleId}:${h.service ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return `excluded: ${reasons
      .slice(0, 3)
      .map((h) => sourceLink(h.source, h.service ? `${h.ruleId} (${h.service})` : h.ruleId))
      .join(', ')}${reasons.length > 3 ? `, +${reasons.length - 3} more` : ''}`;
  }
  if (c.compute === 'mixed') {
    const ec2 = c.placements.filter((p) => p.compute === 'ec2').length;
    return `${ec2} on EC2, ${c.placements.length - ec2} on Fargate`;
  }
  return '';
}
