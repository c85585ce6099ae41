/** @module cost-score: how monthly cost enters the ranking, per settings/ranking.yaml. */

import type { Candidate } from '../model/candidate.js';
import type { CandidateId } from '../model/vocabulary.js';
import { type OpenTotal, openTotal, type PriceRanges, worstRatio } from './cost-bounds.js';
import type { RankingSettings } from './settings.js';

export interface CostScoring {
  scores: Partial<Record<CandidateId, number>>;
  /** Candidates left out of the cost comparison, with why. */
  notComparable: { id: CandidateId; reason: string }[];
}

/**
 * Scores priced candidates against the cheapest: −costWeight per 100 % above it, capped. A total that leaves
 * out prices is scored at the worst its missing prices allow, each between its floor and its ceiling (see
 * docs/ranking.md#incomplete-totals), so what is missing never makes a candidate look cheaper. Prices with no
 * range compare only where the candidates lack them in the same quantities, which then cancel: the group
 * that lacks the fewest such prices is compared, and every other candidate takes the largest penalty, since
 * its total could be any amount higher.
 */
export function scoreCosts(
  candidates: readonly Candidate[],
  settings: RankingSettings,
  ranges: PriceRanges = new Map(),
): CostScoring {
  const priced = candidates.filter((c) => c.cost !== null);
  if (priced.length === 0) return { scores: {}, notComparable: [] };
  const keyOf = (c: Candidate) => openLinesKey(c, ranges);
  const groups = new Map<string, Candidate[]>();
  for (const c of priced) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);
  const [referenceKey] = [...groups.keys()].sort(
    (a, b) => count(a) - count(b) || (groups.get(b)?.length ?? 0) - (groups.get(a)?.length ?? 0),
  );
  const reference = groups.get(referenceKey ?? '') ?? [];
  const totals = new Map<CandidateId, OpenTotal>(reference.map((c) => [c.id, openTotal(c.cost!)]));
  const scores: Partial<Record<CandidateId, number>> = {};
  for (const c of reference) {
    const own = totals.get(c.id)!;
    const ratio = Math.max(...reference.map((d) => worstRatio(own, totals.get(d.id)!, ranges)));
    scores[c.id] = -Math.min(settings.maxCostPenalty, settings.costWeight * (ratio - 1));
  }
  const notComparable = priced
    .filter((c) => keyOf(c) !== referenceKey)
    .map((c) => {
      scores[c.id] = -settings.maxCostPenalty;
      return {
        id: c.id,
        reason:
          `its total lacks ${c.cost!.missingPriceIds.join(', ')}, so it is not compared on cost and takes ` +
          `the largest cost penalty (${settings.maxCostPenalty} points)`,
      };
    });
  return { scores, notComparable };
}

function count(key: string): number {
  return key === '' ? 0 : key.split(',').length;
}

/**
 * The lines a total leaves out, as price id and quantity: two incomplete totals compare exactly only when
 * they leave out the same lines, which then cancel. The same id alone is not enough: two candidates may lack
 * the IPv4 price for a different number of addresses.
 */
export function missingLinesKey(c: Candidate): string {
  return linesKey(c, () => true);
}

/** The missing lines whose price has no range: candidates compare on cost only where these agree. */
function openLinesKey(c: Candidate, ranges: PriceRanges): string {
  return linesKey(c, (id) => !ranges.has(id));
}

function linesKey(c: Candidate, keep: (priceId: string) => boolean): string {
  if (!c.cost) return '';
  return [...openTotal(c.cost).missing]
    .filter(([id]) => keep(id))
    .map(([id, quantity]) => `${id} × ${quantity.toString()}`)
    .sort()
    .join(',');
}
