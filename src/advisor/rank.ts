/** @module rank: orders candidates; feasible first, then by total score, with the cost score as one input. */

import type { Candidate } from '../model/candidate.js';
import { CANDIDATE_IDS, type CandidateId } from '../model/vocabulary.js';
import { toMoney } from '../pricing/money.js';

/**
 * Adds each candidate's cost score (if any) to its fit score and assigns ranks. Equal scores (two costs both
 * past the penalty cap, say) put the cheaper of two comparable totals first, then the fixed candidate order.
 * Excluded and redundant candidates keep rank null and go last, in the fixed candidate order, so output is
 * deterministic.
 */
export function rankCandidates(
  candidates: readonly Candidate[],
  costScores: Partial<Record<CandidateId, number>> = {},
): Candidate[] {
  const scored = candidates.map((c) => {
    const costScore = Math.round((costScores[c.id] ?? 0) * 1000) / 1000;
    return { ...c, costScore, totalScore: Math.round((c.fitScore + costScore) * 1000) / 1000, rank: null };
  });
  const order = (c: Candidate) => CANDIDATE_IDS.indexOf(c.id);
  // Only totals the cost score compared (the same lines priced) may break a tie on price.
  const cheaper = (a: Candidate, b: Candidate) =>
    a.id in costScores && b.id in costScores && a.cost && b.cost
      ? toMoney(a.cost.monthlyUsd).comparedTo(toMoney(b.cost.monthlyUsd))
      : 0;
  const live = scored
    .filter((c) => c.feasible && c.redundantWith === null)
    .sort((a, b) => b.totalScore - a.totalScore || cheaper(a, b) || order(a) - order(b))
    .map((c, i) => ({ ...c, rank: i + 1 }));
  const rest = scored
    .filter((c) => !c.feasible || c.redundantWith !== null)
    .sort((a, b) => order(a) - order(b));
  return [...live, ...rest];
}
