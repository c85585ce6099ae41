/** @module ranking-table: every candidate with its rank, score, monthly total and why it was left out. */
import type { Candidate } from '../model/candidate.js';
import type { Recommendation } from '../model/recommendation.js';
import { escapeHtml, sourceLink } from './html.js';
import { formatUsd, shownDifference, toUsd, type Usd } from './money.js';

export function renderRankingTable(rec: Recommendation): string {
  const best = rec.candidates.find((c) => c.id === rec.recommended)?.cost?.monthlyUsd;
  const rows = rec.candidates
    .map((c) => {
      const monthly =
        c.cost === null ? '–' : `${formatUsd(c.cost.monthlyUsd)}${c.cost.complete ? '' : ' (incomplete)'}`;
      const delta = c.id === rec.recommended || best === undefined ? '' : deltaText(c, best);
      return `<tr class="${c.id === rec.recommended ? 'recommended' : ''}" data-candidate="${c.id}"><td class="num">${c.rank ?? '–'}</td><th scope="row">${escapeHtml(c.label)}</th><td class="num">${c.rank === null ? '–' : c.totalScore.toFixed(2)}</td><td class="num">${escapeHtml(monthly)}</td><td class="num">${escapeHtml(delta)}</td><td>${status(c)}</td></tr>`;
    })
    .join('');
  return `<table class="ranking"><caption>Every candidate</caption><thead><tr><th scope="col" class="num">Rank</th><th scope="col">Candidate</th><th scope="col" class="num">Score</th><th scope="col" class="num">Monthly</th><th scope="col" class="num">vs recommended</th><th scope="col">Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The difference from the recommended total as worked out from the two totals shown, each rounded to the
 * cent (the JSON's `monthlyDeltaUsd` stays exact); or, where missing prices leave it open, its range: the
 * JSON's `monthlyDeltaBoundsUsd`, each end rounded to the cent, so the two agree to the cent.
 */
function deltaText(c: Candidate, best: string): string {
  if (c.cost === null) return '';
  const bounds = c.monthlyDeltaBoundsUsd;
  if (c.monthlyDeltaUsd !== null) return signedUsd(shownDifference(c.cost.monthlyUsd, best));
  if (bounds === null) return '';
  return `${signedUsd(toUsd(bounds.low))} to ${signedUsd(toUsd(bounds.high))}`;
}

function signedUsd(amount: Usd): string {
  return `${amount.isNegative() ? '' : '+'}${formatUsd(amount)}`;
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
