/** @module advise: the one pipeline behind the library, the CLI and the API. */
import { BerthError, type Issue } from '../errors.js';
import { loadInstanceCatalog } from '../pricing/instance-catalog.js';
import type { InstanceType } from '../pricing/instance-type.js';
import { evaluateRules } from '../rules/engine.js';
import { loadRules, type Rule } from '../rules/loader.js';
import { type NormalisedWorkload, normaliseWorkload } from '../workload/normalise.js';
import { buildCandidates } from './build-candidates.js';
import { CANDIDATE_IDS, type Candidate } from './candidate.js';
import { explainRecommendation } from './explain.js';
import { rankCandidates } from './rank.js';
import type { Recommendation, Warning } from './recommendation.js';

export interface AdviseOptions {
  /** Rules to apply; default: the rules/ folder shipped with Berth. */
  rules?: readonly Rule[];
  /** Instance catalog; default: the embedded snapshot in data/. */
  instanceTypes?: readonly InstanceType[];
}

let defaultRules: Rule[] | undefined;

/** The rules shipped in rules/, loaded once per process. */
function shippedRules(): Rule[] {
  defaultRules ??= loadRules();
  return defaultRules;
}

/**
 * Recommends an orchestrator and compute for a workload (a parsed YAML/JSON value or a typed object).
 * Throws BerthError INVALID_WORKLOAD (with every issue and its path) or IMPOSSIBLE_WORKLOAD.
 *
 * @example
 * const rec = await advise({ services: [{ name: 'web', cpu: 0.25, memory: '512 MiB', replicas: 2 }] });
 * rec.recommended; // 'ecs-fargate'
 */
export async function advise(input: unknown, options: AdviseOptions = {}): Promise<Recommendation> {
  const workload = normaliseWorkload(input);
  const rules = options.rules ?? shippedRules();
  const instanceTypes = options.instanceTypes ?? loadInstanceCatalog();
  const evaluation = evaluateRules(rules, workload, { instanceTypes });
  const candidates = rankCandidates(buildCandidates(workload, evaluation.hits));
  const winner = candidates.find((c) => c.rank === 1);
  if (!winner) throw impossible(workload, candidates);
  return {
    recommended: winner.id,
    recommendedLabel: winner.label,
    candidates,
    explanation: explainRecommendation(winner, candidates),
    warnings: collectWarnings(workload, evaluation.hits, candidates),
    rulesFired: evaluation.hits,
    facts: { workload: evaluation.workloadFacts, services: evaluation.serviceFacts },
    workload,
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
      issues.push({ path: `services[${index}]`, code: 'no_placement', message: [...reasons].join(' ') });
    }
  });
  if (issues.length === 0) {
    const reasons = new Set(candidates.flatMap((c) => c.exclusions.map((h) => h.reason)));
    issues.push({ path: '(root)', code: 'no_candidate', message: [...reasons].join(' ') });
  }
  return new BerthError(
    'IMPOSSIBLE_WORKLOAD',
    `no candidate can run this workload: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}
