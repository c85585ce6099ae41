/** @module explain: short sentences about the recommendation, built only from the rules that fired. */

import type { Candidate } from '../model/candidate.js';
import { formatUsd, type Money, shownDifference, toMoney } from '../pricing/money.js';
import { explainManagedNodes } from './explain-managed-nodes.js';
import { RANGE_REFERENCE_REGION } from './price-ranges.js';
import type { RankingSettings } from './settings.js';

/** Explains why `winner` ranks first and why every other candidate does not. */
export function explainRecommendation(
  winner: Candidate,
  candidates: readonly Candidate[],
  ranking: Pick<RankingSettings, 'missingPriceFloor' | 'missingPriceCeiling'> | null = null,
): string[] {
  const lines: string[] = [];
  const runnerUp = candidates.find((c) => c.rank === 2);
  lines.push(
    `${winner.label} is recommended with a score of ${fmt(winner.totalScore)}` +
      (runnerUp
        ? `; next is ${runnerUp.label} at ${fmt(runnerUp.totalScore)}.`
        : '; no other candidate is feasible.'),
  );
  if (winner.cost) lines.push(...explainCost(winner, candidates, ranking));
  if (winner.compute === 'mixed') {
    const onEc2 = winner.placements.filter((p) => p.compute === 'ec2').map((p) => p.service);
    const onFargate = winner.placements.filter((p) => p.compute === 'fargate').map((p) => p.service);
    lines.push(`On EC2: ${onEc2.join(', ')}. On Fargate: ${onFargate.join(', ')}.`);
  }
  for (const s of aggregate(winner).filter((s) => s.points !== 0)) {
    lines.push(`${s.points > 0 ? '+' : ''}${fmt(s.points)} ${s.dimension}: ${s.reason} (${s.source})`);
  }
  for (const c of candidates) {
    if (c.id === winner.id) continue;
    if (c.redundantWith !== null) continue;
    const first = c.exclusions[0];
    if (!c.feasible && first) {
      const more = c.exclusions.length > 1 ? ` (+${c.exclusions.length - 1} more)` : '';
      lines.push(`${c.label} is excluded: ${first.reason} (${first.source})${more}`);
    }
  }
  lines.push(...explainManagedNodes(candidates));
  return lines;
}

/**
 * The winner's cost against the others, like with like only. A total that leaves out a price is compared
 * only by what the missing price may be (between its floor and its ceiling): it is called cheaper or dearer only
 * when it is so at every allowed price, and the sentence gives the range and says what is missing.
 */
function explainCost(
  winner: Candidate,
  candidates: readonly Candidate[],
  ranking: Pick<RankingSettings, 'missingPriceFloor' | 'missingPriceCeiling'> | null,
): string[] {
  const cost = winner.cost!;
  // An exact difference is worked out from the totals as shown, each rounded to the cent, so a reader who
  // subtracts them gets the same figure; the JSON's monthlyDeltaUsd stays exact. A range is the JSON's
  // monthlyDeltaBoundsUsd, each end rounded to the cent when shown, so it agrees with the JSON to the cent.
  const shown = (c: Candidate) => shownDifference(c.cost!.monthlyUsd, cost.monthlyUsd);
  const shownRange = (c: Candidate) => {
    const { low, high } = c.monthlyDeltaBoundsUsd!;
    return { low: toMoney(low), high: toMoney(high) };
  };
  const others = candidates.filter((c) => c.id !== winner.id && c.cost !== null && c.rank !== null);
  const exact = others.filter((c) => c.monthlyDeltaUsd !== null);
  const bounded = others.filter((c) => c.monthlyDeltaUsd === null && c.monthlyDeltaBoundsUsd !== null);
  const incomparable = others.filter((c) => c.monthlyDeltaUsd === null && c.monthlyDeltaBoundsUsd === null);
  const cheaper = [
    ...exact
      .filter((c) => toMoney(c.monthlyDeltaUsd!).isNegative())
      .map((c) => `${c.label} would cost ${money(shown(c).abs())} less`),
    ...bounded
      .filter((c) => toMoney(c.monthlyDeltaBoundsUsd!.high).isNegative())
      .map((c) => {
        const { low, high } = shownRange(c);
        return `${c.label} would cost ${money(high.abs())} to ${money(low.abs())} less`;
      }),
  ];
  const straddling = bounded.filter(
    (c) =>
      !toMoney(c.monthlyDeltaBoundsUsd!.high).isNegative() &&
      toMoney(c.monthlyDeltaBoundsUsd!.low).isNegative(),
  );
  const missing = cost.complete ? '' : ` without ${cost.missingPriceIds.join(', ')} (no price in the data)`;
  const costLine = `It costs ${money(cost.monthlyUsd)} a month${missing}`;
  const lines = [
    cheaper.length > 0
      ? `${costLine}; ${cheaper.join(', ')}, but scores lower on the rules below.`
      : exact.length + bounded.length === 0
        ? `${costLine}.`
        : incomparable.length + straddling.length === 0
          ? `${costLine}, the least of the feasible candidates.`
          : straddling.length === 0
            ? `${costLine}, the least of the candidates whose totals compare.`
            : `${costLine}.`,
  ];
  for (const c of straddling) {
    const { low, high } = shownRange(c);
    const lacking = [...new Set([...c.cost!.missingPriceIds, ...cost.missingPriceIds])];
    lines.push(
      `${c.label} would cost between ${money(low.abs())} less and ${money(high)} more: the totals leave out ` +
        `${lacking.join(', ')} (no price in the data) in different quantities, so the missing prices decide.`,
    );
  }
  if (bounded.length > 0 && ranking !== null)
    lines.push(
      `Totals that leave out prices in different quantities are compared with each missing price between ` +
        `${ranking.missingPriceFloor}× and ${ranking.missingPriceCeiling}× its ${RANGE_REFERENCE_REGION} price ` +
        `(docs/ranking.md#incomplete-totals).`,
    );
  for (const c of incomparable) {
    const lacks = c.cost!.missingPriceIds.filter((id) => !cost.missingPriceIds.includes(id));
    const has = cost.missingPriceIds.filter((id) => !c.cost!.missingPriceIds.includes(id));
    // Neither lacks an id the other has: both leave out the same prices, for different quantities.
    const why =
      lacks.length > 0
        ? `its ${money(c.cost!.monthlyUsd)} leaves out ${lacks.join(', ')} (no price in the data)`
        : has.length > 0
          ? `the recommended total leaves out ${has.join(', ')}, which this one includes`
          : `both totals leave out ${cost.missingPriceIds.join(', ')} (no price in the data), for different quantities, so their difference is unknown`;
    lines.push(`${c.label} is not compared on cost: ${why}.`);
  }
  return lines;
}

interface Aggregated {
  ruleId: string;
  dimension: string;
  points: number;
  reason: string;
  source: string;
}

/** Service rules that fired for several services collapse into one line with their summed points. */
function aggregate(candidate: Candidate): Aggregated[] {
  const byRule = new Map<string, Aggregated & { count: number }>();
  for (const s of candidate.scores) {
    const seen = byRule.get(s.ruleId);
    if (seen) {
      seen.points += s.points;
      seen.count++;
    } else byRule.set(s.ruleId, { ...s, count: 1 });
  }
  return [...byRule.values()]
    .map((a) => ({ ...a, reason: a.count > 1 ? `${a.reason} (and ${a.count - 1} more services)` : a.reason }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}

function money(amount: Money | string): string {
  return formatUsd(amount);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
