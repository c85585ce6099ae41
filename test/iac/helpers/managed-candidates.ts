/**
 * @module managed-candidates: recommendations that hold an EKS Auto Mode or ECS Managed Instances candidate.
 * Where advise() builds the candidate, it is used as is; where it does not yet, the EC2 candidate of the
 * same orchestrator stands in for it under the new id (same fleet, node pools and load balancers, and no
 * EKS system node group, which Auto Mode does not have).
 */
import type { Candidate } from '../../../src/model/candidate.js';
import type { Recommendation } from '../../../src/model/recommendation.js';
import { CANDIDATE_LABELS } from '../../../src/model/vocabulary.js';

export type ManagedId = 'eks-auto-mode' | 'ecs-managed-instances';

const STAND_IN: Record<ManagedId, 'eks-ec2' | 'ecs-ec2'> = {
  'eks-auto-mode': 'eks-ec2',
  'ecs-managed-instances': 'ecs-ec2',
};

function usable(c: Candidate | undefined): c is Candidate {
  return c !== undefined && c.feasible && c.cost !== null && c.deployment !== null;
}

/** The recommendation with a usable candidate `id`, or null when neither it nor its stand-in is usable. */
export function withManagedCandidate(rec: Recommendation, id: ManagedId): Recommendation | null {
  const own = rec.candidates.find((c) => c.id === id);
  if (usable(own)) return rec;
  const from = rec.candidates.find((c) => c.id === STAND_IN[id]);
  if (!usable(from) || from.deployment === null) return null;
  const copy: Candidate = {
    ...from,
    id,
    label: CANDIDATE_LABELS[id],
    deployment: { ...from.deployment, systemNodes: null },
  };
  return { ...rec, candidates: [...rec.candidates.filter((c) => c.id !== id), copy] };
}
