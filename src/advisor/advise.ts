/** @module advise: the one pipeline behind the library, the CLI and the API. */
import { BerthError, type Issue } from '../errors.js';
import { describeIssues } from '../issues.js';
import type { Candidate } from '../model/candidate.js';
import type { PriceCoverage } from '../model/coverage.js';
import type { Price } from '../model/price.js';
import type { PricingSummary, Recommendation, Warning } from '../model/recommendation.js';
import { CANDIDATE_IDS } from '../model/vocabulary.js';
import { loadInstanceCatalog } from '../pricing/instance-catalog.js';
import type { InstanceType } from '../pricing/instance-type.js';
import { HOURS_PER_MONTH, toMoney } from '../pricing/money.js';
import type { PriceSource } from '../pricing/price-source.js';
import { listKnownRegions, SnapshotPriceSource } from '../pricing/snapshot-source.js';
import { evaluateRules } from '../rules/engine.js';
import { loadRules, type Rule } from '../rules/loader.js';
import type { FleetSolver } from '../sizing/ec2-fleet.js';
import { createFleetSolver } from '../sizing/fleet-solver.js';
import { normaliseWorkload } from '../workload/normalise.js';
import type { NormalisedWorkload } from '../workload/normalised-schema.js';
import { findBreakEvens } from './break-even.js';
import { buildCandidates } from './build-candidates.js';
import { differenceRange, openTotal, type PriceRanges } from './cost-bounds.js';
import { missingLinesKey, scoreCosts } from './cost-score.js';
import { excludeUnholdable } from './exclude-unholdable.js';
import { explainRecommendation } from './explain.js';
import { describePriceCoverage } from './price-coverage.js';
import { findPriceRanges } from './price-ranges.js';
import { rankCandidates } from './rank.js';
import { loadSettings } from './settings.js';
import { sizeAndPrice } from './size-and-price.js';
import { type StopWatch, watchForStop } from './stop-watch.js';

export interface AdviseOptions {
  /** Rules to apply; default: the rules/ folder shipped with Berth. */
  rules?: readonly Rule[];
  /** Instance catalog; default: the embedded snapshot in data/. */
  instanceTypes?: readonly InstanceType[];
  /** Where prices come from; default: the embedded snapshot (offline). */
  priceSource?: PriceSource;
  /** Sizes EC2 fleets; default: the fleet optimizer, bounded by work counts (the same answer on any machine). */
  fleetSolver?: FleetSolver;
  /** Stops the recommendation: advise() rejects with the signal's reason and starts no further solve. */
  signal?: AbortSignal;
  /**
   * The deadline, in milliseconds from the call: advise() rejects with BerthError SOLVE_TIMEOUT after it.
   * Synchronous work cannot be interrupted in this thread; run advise() in a worker to cut that too.
   */
  timeoutMs?: number;
}

let defaultRules: Rule[] | undefined;
const defaultSnapshot = new SnapshotPriceSource();
const defaultFleetSolver = createFleetSolver();

/** The rules shipped in rules/, loaded once per process. */
function shippedRules(): Rule[] {
  defaultRules ??= loadRules();
  return defaultRules;
}

/**
 * Recommends an orchestrator and compute for a workload (a parsed YAML/JSON value or a typed object),
 * with the monthly cost of every candidate. Throws BerthError INVALID_WORKLOAD (with every issue and its
 * path; a region that `berth regions` does not list is one) or IMPOSSIBLE_WORKLOAD.
 *
 * @example
 * const rec = await advise({ services: [{ name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2 }] });
 * rec.recommended; // 'ecs-fargate'
 */
export async function advise(input: unknown, options: AdviseOptions = {}): Promise<Recommendation> {
  const stop = watchForStop(options);
  try {
    return await stop.race(recommend(input, options, stop));
  } finally {
    stop.dispose();
  }
}

async function recommend(input: unknown, options: AdviseOptions, stop: StopWatch): Promise<Recommendation> {
  stop.check();
  // Only a region of the price data is known, whichever source prices it (docs/workload.md#regions-berth-knows).
  const workload = normaliseWorkload(input, { regions: listKnownRegions() });
  const rules = options.rules ?? shippedRules();
  const instanceTypes = options.instanceTypes ?? loadInstanceCatalog();
  const settings = loadSettings();
  const priceSource = options.priceSource ?? defaultSnapshot;
  const evaluation = evaluateRules(rules, workload, {
    instanceTypes,
    launchQueueToleranceSeconds: settings.scaling.launchQueueToleranceSeconds,
  });
  // A candidate whose EC2 nodes cannot hold some task is excluded here, before anything is sized or priced.
  const unpriced = excludeUnholdable(buildCandidates(workload, evaluation.hits), {
    workload,
    catalog: instanceTypes,
    previousGenerationFamilies: settings.fleet.previousGenerationFamilies,
  });
  if (!unpriced.some((c) => c.feasible && c.redundantWith === null)) throw impossible(workload, unpriced);

  const pricing = await sizeAndPrice(unpriced, {
    workload,
    instanceTypes,
    priceSource,
    snapshot: defaultSnapshot,
    solve: stop.guard(options.fleetSolver ?? defaultFleetSolver),
    purchaseOptions: settings.purchaseOptions,
    fleetSettings: settings.fleet,
    managementFees: settings.managementFees,
  });
  const withCosts = unpriced.map((c) => ({
    ...c,
    cost: pricing.costs.get(c.id) ?? null,
    deployment: pricing.deployments.get(c.id) ?? null,
  }));
  const ranges = await findPriceRanges(withCosts, {
    prices: priceSource,
    region: workload.region,
    snapshot: defaultSnapshot,
    floor: settings.ranking.missingPriceFloor,
    ceiling: settings.ranking.missingPriceCeiling,
    managementFees: settings.managementFees,
  });
  const costScoring = scoreCosts(withCosts, settings.ranking, ranges);
  const ranked = rankCandidates(withCosts, costScoring.scores);
  const winner = ranked.find((c) => c.rank === 1);
  if (!winner) throw impossible(workload, ranked);
  const candidates = ranked.map((c) => ({
    ...c,
    monthlyDeltaUsd: delta(c, winner),
    monthlyDeltaBoundsUsd: deltaBounds(c, winner, ranges),
  }));
  const peaks = new Map(workload.services.map((s) => [s.name, s.stats.peakReplicas]));
  const warnings = collectWarnings(workload, evaluation.hits, candidates);
  warnings.push(
    ...pricing.warnings.map((message) => ({ ruleId: null, message, source: null, candidates: [] })),
  );
  for (const n of costScoring.notComparable) {
    warnings.push({ ruleId: null, message: `${n.id}: ${n.reason}`, source: null, candidates: [n.id] });
  }
  return {
    recommended: winner.id,
    recommendedLabel: winner.label,
    candidates,
    explanation: explainRecommendation(winner, candidates, settings.ranking),
    warnings,
    pricing: summarisePricing(
      priceSource,
      pricing.prices,
      describePriceCoverage({
        region: workload.region,
        candidates,
        ec2TypesKnown: instanceTypes.length,
        filledLive: pricing.filledLive,
        fleetPriceReference: pricing.fleetPriceReference,
      }),
    ),
    breakEven: findBreakEvens(candidates, peaks),
    rulesFired: evaluation.hits,
    facts: { workload: evaluation.workloadFacts, services: evaluation.serviceFacts },
    workload,
  };
}

/**
 * The monthly difference from the winner, only where the two totals cover the same lines: both complete,
 * or both missing exactly the same prices (which then cancel). A total that leaves out a price another
 * candidate pays is never set against a complete one: it would look cheaper by exactly what is missing.
 */
function delta(c: Candidate, winner: Candidate): string | null {
  if (!c.cost || !winner.cost) return null;
  if (!sameMissingPrices(c, winner)) return null;
  return toMoney(c.cost.monthlyUsd).minus(toMoney(winner.cost.monthlyUsd)).toString();
}

/**
 * Where the difference is not exact, its range over every allowed missing price; null when it is exact, or
 * when a price without a ceiling leaves it open.
 */
function deltaBounds(
  c: Candidate,
  winner: Candidate,
  ranges: PriceRanges,
): Candidate['monthlyDeltaBoundsUsd'] {
  if (!c.cost || !winner.cost || c.id === winner.id || sameMissingPrices(c, winner)) return null;
  const { low, high } = differenceRange(openTotal(c.cost), openTotal(winner.cost), ranges);
  return low === null || high === null ? null : { low: low.toString(), high: high.toString() };
}

function sameMissingPrices(a: Candidate, b: Candidate): boolean {
  return missingLinesKey(a) === missingLinesKey(b);
}

function summarisePricing(source: PriceSource, prices: Price[], coverage: PriceCoverage): PricingSummary {
  const dates = prices
    .map((p) => p.asOf)
    .filter((d): d is string => d !== null)
    .sort();
  return {
    source: source.name,
    origins: [...new Set(prices.map((p) => p.origin))].sort(),
    asOf: { earliest: dates[0] ?? null, latest: dates[dates.length - 1] ?? null },
    prices,
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    coverage,
  };
}

function collectWarnings(
  workload: NormalisedWorkload,
  hits: Recommendation['rulesFired'],
  candidates: readonly Candidate[],
): Warning[] {
  const fromRules = hits
    .filter((h) => h.effect.type === 'warn')
    .map((h) => ({
      ruleId: h.ruleId,
      message: h.reason,
      source: h.source,
      candidates: CANDIDATE_IDS.filter((id) => candidates.find((c) => c.id === id)?.warnings.includes(h)),
    }));
  const fromNotes = workload.notes.map((message) => ({
    ruleId: null,
    message,
    source: null,
    candidates: [],
  }));
  return [...fromRules, ...fromNotes];
}

/** Several candidates' reasons as one message: each its own clause, the sentences' full stops dropped. */
function joinReasons(reasons: ReadonlySet<string>): string {
  return [...reasons].map((r) => r.trim().replace(/\.$/, '')).join('; ');
}

/** Every candidate was excluded: say, per service, what rules out each placement. */
function impossible(workload: NormalisedWorkload, candidates: readonly Candidate[]): BerthError {
  const issues: Issue[] = [];
  workload.services.forEach((service, index) => {
    const reasons = new Set<string>();
    for (const c of candidates) {
      for (const hit of c.exclusions) if (hit.service === service.name) reasons.add(hit.reason);
    }
    const placeable = candidates.some((c) => c.exclusions.every((h) => h.service !== service.name));
    if (!placeable && reasons.size > 0) {
      issues.push({ path: `services[${index}]`, code: 'no_placement', message: joinReasons(reasons) });
    }
  });
  if (issues.length === 0) {
    const reasons = new Set(candidates.flatMap((c) => c.exclusions.map((h) => h.reason)));
    issues.push({ path: '(root)', code: 'no_candidate', message: joinReasons(reasons) });
  }
  return new BerthError(
    'IMPOSSIBLE_WORKLOAD',
    `no candidate can run this workload: ${describeIssues(issues)}`,
    { issues },
  );
}
