/** @module build-candidates: turns rule hits into the six candidates, with exclusions, scores and warnings. */

import type { Candidate, Placement, ScoreContribution } from '../model/candidate.js';
import type { RuleHit } from '../model/rule-hit.js';
import { matchesTarget } from '../model/rule-hit.js';
import {
  CANDIDATE_IDS,
  CANDIDATE_LABELS,
  type CandidateId,
  type Compute,
  type Orchestrator,
} from '../model/vocabulary.js';
import type { NormalisedWorkload } from '../workload/normalised-schema.js';

/** Builds every candidate; none is dropped, so the output can say why each lost. */
export function buildCandidates(workload: NormalisedWorkload, hits: readonly RuleHit[]): Candidate[] {
  const exclusions = hits.filter((h) => h.effect.type === 'exclude');
  const excludedBy = (service: string, orchestrator: Orchestrator, compute: Compute): RuleHit[] =>
    exclusions.filter(
      (h) =>
        (h.service === null || h.service === service) &&
        h.effect.type === 'exclude' &&
        matchesTarget(h.effect.target, orchestrator, compute),
    );

  // Until helper (D)'s branch builds ECS Managed Instances and EKS Auto Mode, only the ids of the form
  // {orchestrator}-{fargate|ec2|mixed} are candidates here.
  const built = CANDIDATE_IDS.filter((id) => /^(ecs|eks)-(fargate|ec2|mixed)$/.test(id));
  return built.map((id) => {
    const [orchestrator, kind] = id.split('-') as [Orchestrator, Compute | 'mixed'];
    const found: RuleHit[] = [];
    const placements: Placement[] = workload.services.map((s) => {
      if (kind !== 'mixed') {
        found.push(...excludedBy(s.name, orchestrator, kind));
        return { service: s.name, compute: kind };
      }
      const onFargate = excludedBy(s.name, orchestrator, 'fargate');
      if (onFargate.length === 0) return { service: s.name, compute: 'fargate' };
      const onEc2 = excludedBy(s.name, orchestrator, 'ec2');
      if (onEc2.length > 0) found.push(...onFargate, ...onEc2);
      return { service: s.name, compute: 'ec2' };
    });
    const unique = [...new Set(found)];
    const scores = scoreCandidate(orchestrator, placements, hits, workload.services.length);
    const fitScore = roundScore(scores.reduce((acc, s) => acc + s.points, 0));
    const candidate: Candidate = {
      id,
      label: CANDIDATE_LABELS[id],
      orchestrator,
      compute: kind,
      placements,
      feasible: unique.length === 0,
      redundantWith: kind === 'mixed' ? redundancy(orchestrator, placements) : null,
      exclusions: unique,
      scores,
      fitScore,
      totalScore: fitScore,
      warnings: warningsFor(orchestrator, placements, hits),
      cost: null,
      deployment: null,
      costScore: 0,
      monthlyDeltaUsd: null,
      rank: null,
    };
    return candidate;
  });
}

function scoreCandidate(
  orchestrator: Orchestrator,
  placements: readonly Placement[],
  hits: readonly RuleHit[],
  serviceCount: number,
): ScoreContribution[] {
  const out: ScoreContribution[] = [];
  for (const hit of hits) {
    if (hit.effect.type !== 'score') continue;
    const target = hit.effect.target;
    // A workload rule counts by the share of services placed where it points; a service rule counts
    // 1/serviceCount when that service is placed there, so many services do not drown the workload rules.
    const matching = placements.filter(
      (p) =>
        (hit.service === null || p.service === hit.service) && matchesTarget(target, orchestrator, p.compute),
    ).length;
    const share = hit.service === null ? matching / placements.length : matching / serviceCount;
    if (share === 0) continue;
    out.push({
      ruleId: hit.ruleId,
      dimension: hit.effect.dimension,
      points: roundScore(hit.effect.weight * share),
      service: hit.service,
      reason: hit.reason,
      source: hit.source,
    });
  }
  return out;
}

function warningsFor(
  orchestrator: Orchestrator,
  placements: readonly Placement[],
  hits: readonly RuleHit[],
): RuleHit[] {
  return hits.filter((hit) => {
    if (hit.effect.type !== 'warn' || hit.effect.target === undefined) return false;
    const target = hit.effect.target;
    return placements.some(
      (p) =>
        (hit.service === null || p.service === hit.service) && matchesTarget(target, orchestrator, p.compute),
    );
  });
}

function redundancy(orchestrator: Orchestrator, placements: readonly Placement[]): CandidateId | null {
  const kinds = new Set(placements.map((p) => p.compute));
  if (kinds.size !== 1) return null;
  return `${orchestrator}-${[...kinds][0]}` as CandidateId;
}

function roundScore(value: number): number {
  return Math.round(value * 1000) / 1000;
}
