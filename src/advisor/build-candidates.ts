/**
 * @module build-candidates: turns rule hits into the candidates (ECS or EKS on Fargate, EC2 or a mix, and on
 * AWS-managed nodes), with exclusions, scores and warnings.
 */

import type { Candidate, Placement, ScoreContribution } from '../model/candidate.js';
import type { RuleHit } from '../model/rule-hit.js';
import { matchesTarget } from '../model/rule-hit.js';
import {
  CANDIDATE_IDS,
  CANDIDATE_LABELS,
  CANDIDATE_SHAPES,
  type CandidateId,
  type Compute,
  type NodeManagement,
  type Orchestrator,
} from '../model/vocabulary.js';
import type { NormalisedWorkload } from '../workload/normalised-schema.js';

/** Builds every candidate; none is dropped, so the output can say why each lost. */
export function buildCandidates(workload: NormalisedWorkload, hits: readonly RuleHit[]): Candidate[] {
  const exclusions = hits.filter((h) => h.effect.type === 'exclude');
  const excludedBy = (
    service: string,
    orchestrator: Orchestrator,
    compute: Compute,
    nodes: NodeManagement,
  ): RuleHit[] =>
    exclusions.filter(
      (h) =>
        (h.service === null || h.service === service) &&
        h.effect.type === 'exclude' &&
        matchesTarget(h.effect.target, orchestrator, compute, nodes),
    );

  return CANDIDATE_IDS.map((id) => {
    const { orchestrator, compute: kind, nodes } = CANDIDATE_SHAPES[id];
    const found: RuleHit[] = [];
    const placements: Placement[] = workload.services.map((s) => {
      if (kind !== 'mixed') {
        found.push(...excludedBy(s.name, orchestrator, kind, nodes));
        return { service: s.name, compute: kind };
      }
      const onFargate = excludedBy(s.name, orchestrator, 'fargate', nodes);
      if (onFargate.length === 0) return { service: s.name, compute: 'fargate' };
      const onEc2 = excludedBy(s.name, orchestrator, 'ec2', nodes);
      if (onEc2.length > 0) found.push(...onFargate, ...onEc2);
      return { service: s.name, compute: 'ec2' };
    });
    const unique = [...new Set(found)];
    const scores = scoreCandidate(orchestrator, nodes, placements, hits, workload.services.length);
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
      warnings: warningsFor(orchestrator, nodes, placements, hits),
      cost: null,
      deployment: null,
      costScore: 0,
      monthlyDeltaUsd: null,
      monthlyDeltaBoundsUsd: null,
      rank: null,
    };
    return candidate;
  });
}

function scoreCandidate(
  orchestrator: Orchestrator,
  nodes: NodeManagement,
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
        (hit.service === null || p.service === hit.service) &&
        matchesTarget(target, orchestrator, p.compute, nodes),
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
  nodes: NodeManagement,
  placements: readonly Placement[],
  hits: readonly RuleHit[],
): RuleHit[] {
  return hits.filter((hit) => {
    if (hit.effect.type !== 'warn' || hit.effect.target === undefined) return false;
    const target = hit.effect.target;
    return placements.some(
      (p) =>
        (hit.service === null || p.service === hit.service) &&
        matchesTarget(target, orchestrator, p.compute, nodes),
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
