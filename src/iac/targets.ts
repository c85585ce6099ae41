/** @module targets: the kinds of starter code Berth writes, and which candidates each one fits. */

import { BerthError } from '../errors.js';
import type { Candidate } from '../model/candidate.js';
import { IAC_TARGETS, type IacTarget, isIacTarget } from '../model/iac.js';
import type { Recommendation } from '../model/recommendation.js';
import { CANDIDATE_IDS, type CandidateId } from '../model/vocabulary.js';
import { managedInstancesPoolProblem, managedInstancesTerraformProblem } from './managed-instances.js';
import { MANAGED_INSTANCES_CANDIDATE } from './stack-plan.js';

type TargetCandidate = Pick<Candidate, 'orchestrator'> & Partial<Pick<Candidate, 'id' | 'deployment'>>;

/**
 * Terraform fits every candidate; CloudFormation the ECS ones; Kubernetes manifests the EKS ones; less the
 * targets that cannot launch a candidate's node pools (targetProblem).
 */
export function targetsFor(candidate: TargetCandidate): IacTarget[] {
  const targets: IacTarget[] =
    candidate.orchestrator === 'ecs' ? ['terraform', 'cloudformation'] : ['terraform', 'kubernetes'];
  return targets.filter((t) => targetProblem(candidate, t) === null);
}

/** Why a target that fits the orchestrator cannot launch the candidate's node pools, or null. */
export function targetProblem(candidate: TargetCandidate, target: IacTarget): string | null {
  if (candidate.id !== MANAGED_INSTANCES_CANDIDATE) return null;
  for (const pool of candidate.deployment?.nodePools ?? []) {
    const problem =
      managedInstancesPoolProblem(pool) ??
      (target === 'terraform' ? managedInstancesTerraformProblem(pool) : null);
    if (problem !== null) return problem;
  }
  return null;
}

/** Why a target does not fit an orchestrator, for error messages. */
const TARGET_NEEDS: Record<IacTarget, string> = {
  terraform: 'Terraform fits every candidate',
  cloudformation:
    'Berth writes CloudFormation for the ECS candidates only; use terraform for the EKS cluster and kubernetes for the workloads on it',
  kubernetes: 'Kubernetes manifests need an EKS candidate; ECS does not run them',
};

/** Candidates code can be generated for: feasible, priced and not a duplicate of another. */
export function generatableCandidates(rec: Recommendation): CandidateId[] {
  return rec.candidates
    .filter((c) => c.feasible && c.redundantWith === null && c.cost !== null)
    .map((c) => c.id);
}

/**
 * Finds the candidate and checks the target fits it; throws UNSUPPORTED_IAC_TARGET with the targets
 * (or candidates) that do fit.
 */
export function resolveRequest(
  rec: Recommendation,
  target: string,
  candidateId: string = rec.recommended,
): { target: IacTarget; candidate: Candidate } {
  const usable = generatableCandidates(rec);
  const candidate = rec.candidates.find((c) => c.id === candidateId);
  if (candidate === undefined) {
    const known = CANDIDATE_IDS.includes(candidateId as CandidateId);
    throw unsupported(
      `cannot generate ${target} for candidate "${candidateId}": ${known ? 'the recommendation does not contain it' : `no such candidate (expected one of ${CANDIDATE_IDS.join(', ')})`}; candidates with starter code: ${usable.join(', ')}`,
      { target, candidate: candidateId, candidates: usable },
    );
  }
  const fitting = targetsFor(candidate);
  if (!isIacTarget(target)) {
    throw unsupported(
      `cannot generate "${target}" for ${candidate.label}: Berth has no such target (it writes ${IAC_TARGETS.join(', ')}); targets that fit this candidate: ${fitting.join(', ')}`,
      { target, candidate: candidate.id, targets: fitting },
    );
  }
  if (!fitting.includes(target)) {
    throw unsupported(
      `cannot generate ${target} for ${candidate.label}: ${targetProblem(candidate, target) ?? TARGET_NEEDS[target]}; targets that fit this candidate: ${fitting.join(', ') || 'none'}`,
      { target, candidate: candidate.id, targets: fitting },
    );
  }
  if (!candidate.feasible || candidate.redundantWith !== null || candidate.cost === null) {
    const why = !candidate.feasible
      ? `the rules excluded it (${[...new Set(candidate.exclusions.map((e) => e.ruleId))].join(', ')})`
      : candidate.redundantWith !== null
        ? `it places every service as ${candidate.redundantWith} does, so generate that one`
        : 'it has no priced sizing to generate from';
    throw unsupported(
      `cannot generate ${target} for ${candidate.label}: ${why}; candidates with starter code: ${usable.join(', ')}`,
      { target, candidate: candidate.id, candidates: usable },
    );
  }
  return { target, candidate };
}

function unsupported(message: string, details: Record<string, unknown>): BerthError {
  return new BerthError('UNSUPPORTED_IAC_TARGET', message, { details });
}
