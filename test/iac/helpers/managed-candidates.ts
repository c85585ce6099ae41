/**
 * @module managed-candidates: recommendations that hold an EKS Auto Mode or ECS Managed Instances candidate.
 * advise() builds both; `standIn` also makes one from the EC2 candidate of the same orchestrator (same
 * fleet, node pools and load balancers, no EKS system node group), for fleets the rules exclude the
 * candidate from (Windows, dedicated hosts), so the generators' own refusals can be tested.
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
  return c?.feasible === true && c.cost !== null && c.deployment !== null;
}

/** The recommendation when advise() made candidate `id` feasible and priced, else null. */
export function withManagedCandidate(rec: Recommendation, id: ManagedId): Recommendation | null {
  return usable(rec.candidates.find((c) => c.id === id)) ? rec : null;
}

/** The recommendation with the EC2 candidate copied under `id`, or null when that candidate is not usable. */
export function standIn(rec: Recommendation, id: ManagedId): Recommendation | null {
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
