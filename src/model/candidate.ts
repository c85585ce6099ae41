/** @module candidate: one option Berth weighs (orchestrator × compute, or a per-service mix), scored and priced. */
import { z } from 'zod';
import { CandidateCostSchema } from './cost.js';
import { DeploymentSchema } from './deployment.js';
import { RuleHitSchema } from './rule-hit.js';
import { CandidateIdSchema, ComputeSchema, OrchestratorSchema, orNull, UsdSchema } from './vocabulary.js';

export const PlacementSchema = z.strictObject({ service: z.string(), compute: ComputeSchema });
export type Placement = z.infer<typeof PlacementSchema>;

export const ScoreContributionSchema = z.strictObject({
  ruleId: z.string(),
  dimension: z.string(),
  /** The weight as applied to this candidate (a service rule counts 1/serviceCount per service). */
  points: z.number(),
  service: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
});
export type ScoreContribution = z.infer<typeof ScoreContributionSchema>;

export const CandidateSchema = z
  .strictObject({
    id: CandidateIdSchema,
    label: z.string(),
    orchestrator: OrchestratorSchema,
    compute: z.enum(['fargate', 'ec2', 'mixed']),
    placements: z.array(PlacementSchema),
    /** False when a rule excluded it; it stays in the output with the rules that did. */
    feasible: z.boolean(),
    /** A mixed candidate that places every service the same way as a pure one duplicates it. */
    redundantWith: orNull(CandidateIdSchema),
    exclusions: z.array(RuleHitSchema),
    scores: z.array(ScoreContributionSchema),
    /** Sum of the rule scores. */
    fitScore: z.number(),
    /** What the ranking sorts by: the fit score plus, once priced, the cost score. */
    totalScore: z.number(),
    warnings: z.array(RuleHitSchema),
    /** The monthly cost line by line; null for excluded and redundant candidates. */
    cost: orNull(CandidateCostSchema),
    /** Load balancers and node pools, decided once and read by the cost and the starter code; null when unpriced. */
    deployment: orNull(DeploymentSchema),
    /** Points from the cost ranking (0 when the cost could not be compared). */
    costScore: z.number(),
    /** Monthly total minus the recommended candidate's, exact USD; null when either is unknown. */
    monthlyDeltaUsd: UsdSchema.nullable(),
    /**
     * When the difference is not exact because the two totals lack prices in different quantities: its lowest
     * and highest, with every missing price between zero and its ceiling (docs/ranking.md#incomplete-totals);
     * null when the difference is exact or unbounded.
     */
    monthlyDeltaBoundsUsd: z.strictObject({ low: UsdSchema, high: UsdSchema }).nullable(),
    /** 1 for the recommended candidate; null for excluded or redundant ones. */
    rank: z.number().int().nullable(),
  })
  .meta({ id: 'Candidate' });
export type Candidate = z.infer<typeof CandidateSchema>;
