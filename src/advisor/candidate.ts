/** @module candidate: the options Berth weighs (orchestrator × compute, or a per-service mix). */
import type { RuleHit } from '../rules/engine.js';
import type { Target } from '../rules/rule-schema.js';
import type { CandidateCost } from './candidate-cost.js';

export type Orchestrator = 'ecs' | 'eks';
export type Compute = 'fargate' | 'ec2';
export type CandidateId = 'ecs-fargate' | 'ecs-ec2' | 'ecs-mixed' | 'eks-fargate' | 'eks-ec2' | 'eks-mixed';

export const CANDIDATE_IDS: readonly CandidateId[] = [
  'ecs-fargate',
  'ecs-ec2',
  'ecs-mixed',
  'eks-fargate',
  'eks-ec2',
  'eks-mixed',
];

export const CANDIDATE_LABELS: Record<CandidateId, string> = {
  'ecs-fargate': 'ECS on Fargate',
  'ecs-ec2': 'ECS on EC2',
  'ecs-mixed': 'ECS, mixed Fargate and EC2',
  'eks-fargate': 'EKS on Fargate',
  'eks-ec2': 'EKS on EC2',
  'eks-mixed': 'EKS, mixed Fargate and EC2',
};

export interface Placement {
  service: string;
  compute: Compute;
}

export interface ScoreContribution {
  ruleId: string;
  dimension: string;
  /** The weight as applied to this candidate (a service rule counts 1/serviceCount per service). */
  points: number;
  service: string | null;
  reason: string;
  source: string;
}

export interface Candidate {
  id: CandidateId;
  label: string;
  orchestrator: Orchestrator;
  compute: Compute | 'mixed';
  placements: Placement[];
  /** False when a rule excluded it; it stays in the output with the rules that did. */
  feasible: boolean;
  /** A mixed candidate that places every service the same way as a pure one duplicates it. */
  redundantWith: CandidateId | null;
  exclusions: RuleHit[];
  scores: ScoreContribution[];
  /** Sum of the rule scores. */
  fitScore: number;
  /** What the ranking sorts by: the fit score plus, once priced, the cost score. */
  totalScore: number;
  warnings: RuleHit[];
  /** The monthly cost line by line; null for excluded and redundant candidates. */
  cost: CandidateCost | null;
  /** Points from the cost ranking (0 when the cost could not be compared). */
  costScore: number;
  /** Monthly total minus the recommended candidate's, exact USD; null when either is unknown. */
  monthlyDeltaUsd: string | null;
  /** 1 for the recommended candidate; null for excluded or redundant ones. */
  rank: number | null;
}

export function matchesTarget(
  target: Target | undefined,
  orchestrator: Orchestrator,
  compute: Compute,
): boolean {
  if (target === undefined) return true;
  return (
    (target.orchestrator === undefined || target.orchestrator === orchestrator) &&
    (target.compute === undefined || target.compute === compute)
  );
}
