/** @module cost-score: how monthly cost enters the ranking, per settings/ranking.yaml. */

import type { Candidate } from '../model/candidate.js';
import type { CandidateId } from '../model/vocabulary.js';
import { toMoney } from '../pricing/money.js';
import type { RankingSettings } from './settings.js';

export interface CostScoring {
  scores: Partial<Record<CandidateId, number>>;
  /** Candidates left out of the cost comparison, with why. */
  notComparable: { id: CandidateId; reason: string }[];
}

/**
 * Scores priced candidates against the cheapest: −costWeight per 100 % above it, capped. Totals are
 * only comparable when the candidates lack the same prices (a shared missing line cancels out), so the
 * comparison uses the group missing the fewest prices and leaves the others unscored, saying why.
 */
export function scoreCosts(candidates: readonly Candidate[], settings: RankingSettings): CostScoring {
  const priced = candidates.filter((c) => c.cost !== null);
  if (priced.length === 0) return { scores: {}, notComparable: [] };
  const keyOf = missingLinesKey;
  const groups = new Map<string, Candidate[]>();
  for (const c of priced) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);
  const [referenceKey] = [...groups.keys()].sort(
    (a, b) => count(a) - count(b) || (groups.get(b)?.length ?? 0) - (groups.get(a)?.length ?? 0),
  );
  const reference = groups.get(referenceKey ?? '') ?? [];
  const cheapest = reference.reduce((min, c) => {
    const total = toMoney(c.cost!.monthlyUsd);
    return total.lessThan(min) ? total : min;
  }, toMoney(reference[0]!.cost!.monthlyUsd));
  const scores: Partial<Record<CandidateId, number>> = {};
  for (const c of reference) {
    const over = cheapest.isZero() ? 0 : toMoney(c.cost!.monthlyUsd).dividedBy(cheapest).minus(1).toNumber();
    scores[c.id] = -Math.min(settings.maxCostPenalty, settings.costWeight * over);
  }
  const notComparable = priced
    .filter((c) => keyOf(c) !== referenceKey)
    .map((c) => ({
      id: c.id,
      reason: `its total lacks ${c.cost!.missingPriceIds.join(', ')}, so it is not compared on cost`,
    }));
  return { scores, notComparable };
}

function count(key: string): number {
  return key === '' ? 0 : key.split(',').length;
}

/**
 * The lines a total leaves out, as price id and quantity: two incomplete totals compare only when they
 * leave out the same lines, which then cancel. The same id alone is not enough: two candidates may lack
 * the IPv4 price for a different number of addresses.
 */
export function missingLinesKey(c: Candidate): string {
  return (c.cost?.lineItems ?? [])
    .filter((l) => l.missing)
    .map((l) => `${l.priceId} × ${l.quantity}`)
    .sort()
    .join(',');
}
