/** @module priced-candidates: the candidates that have a cost, and their cost split by line category. */
import type { Candidate } from '../model/candidate.js';
import type { CandidateCost, LineCategory } from '../model/cost.js';
import type { Recommendation } from '../model/recommendation.js';
import { CATEGORY_ORDER } from './categories.js';
import { sumUsd, type Usd } from './money.js';

export type PricedCandidate = Candidate & { cost: CandidateCost };

/** Candidates with a cost, in the recommendation's order (ranked first). */
export function pricedCandidates(rec: Recommendation): PricedCandidate[] {
  return rec.candidates.filter((c): c is PricedCandidate => c.cost !== null);
}

export interface CategoryAmount {
  category: LineCategory;
  usd: Usd;
}

/** The known (priced) amount of each category that has lines, in the fixed category order. */
export function amountsByCategory(cost: CandidateCost): CategoryAmount[] {
  const out: CategoryAmount[] = [];
  for (const category of CATEGORY_ORDER) {
    const lines = cost.lineItems.filter((l) => l.category === category);
    if (lines.length === 0) continue;
    out.push({ category, usd: sumUsd(lines.flatMap((l) => (l.monthlyUsd === null ? [] : [l.monthlyUsd]))) });
  }
  return out;
}
