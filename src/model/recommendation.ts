/** @module recommendation: the shape of Berth's answer, as advise() returns it and the API sends it. */
import { z } from 'zod';
import { NormalisedWorkloadSchema } from '../workload/normalised-schema.js';
import { CandidateSchema } from './candidate.js';
import { PriceCoverageSchema } from './coverage.js';
import { IacArtifactSchema, IacSkippedSchema } from './iac.js';
import { PriceSchema } from './price.js';
import { RuleHitSchema } from './rule-hit.js';
import { CandidateIdSchema, FactsSchema, OrchestratorSchema } from './vocabulary.js';

export const WarningSchema = z
  .strictObject({
    ruleId: z.string().nullable(),
    message: z.string(),
    source: z.string().nullable(),
    /** The candidates the warning concerns; empty for the whole recommendation. */
    candidates: z.array(CandidateIdSchema),
  })
  .meta({ id: 'Warning' });
export type Warning = z.infer<typeof WarningSchema>;

/** Where an always-on EC2 fleet and Fargate cost the same, for one orchestrator. */
export const BreakEvenSchema = z
  .strictObject({
    orchestrator: OrchestratorSchema,
    fargate: CandidateIdSchema,
    ec2: CandidateIdSchema,
    /** Average load as a share of the peak at which both cost the same (may exceed 1: Fargate always wins). */
    breakEvenUtilisation: z.number(),
    /** This workload's average load as a share of its peak, on Fargate's billing. */
    utilisation: z.number(),
    statement: z.string(),
  })
  .meta({ id: 'BreakEven' });
export type BreakEven = z.infer<typeof BreakEvenSchema>;

const pricingShape = {
  /** The price source asked: `snapshot` (embedded) or `live` (AWS Price List API, falling back to the snapshot). */
  source: z.string().meta({ description: '`snapshot` (embedded) or `live` (AWS Price List API)' }),
  /** Where the figures used really came from: `snapshot`, `live`, `cache`. */
  origins: z.array(z.string()),
  /** Oldest and newest as-of date of the figures used (undated figures are not counted). */
  asOf: z.strictObject({ earliest: z.string().nullable(), latest: z.string().nullable() }),
  currency: z.literal('USD'),
  hoursPerMonth: z.number(),
  /** What the price data covers in the region, what the totals leave out, and the statement saying so. */
  coverage: PriceCoverageSchema,
};
export const PricingSummarySchema = z
  .strictObject({
    ...pricingShape,
    /** Every unit price used, with its source, date and whether it is confirmed. */
    prices: z.array(PriceSchema),
  })
  .meta({ id: 'PricingSummary' });
export type PricingSummary = z.infer<typeof PricingSummarySchema>;
const PricingBriefSchema = z.strictObject(pricingShape).meta({ id: 'PricingBrief' });

const summaryShape = {
  recommended: CandidateIdSchema,
  recommendedLabel: z.string(),
  /** Every candidate, ranked ones first. */
  candidates: z.array(CandidateSchema).meta({ description: 'Every candidate, ranked ones first' }),
  /** Short sentences built from the rules that fired, with their sources. */
  explanation: z.array(z.string()),
  warnings: z.array(WarningSchema),
  /** Where an always-on EC2 fleet and Fargate cost the same, per orchestrator. */
  breakEven: z.array(BreakEvenSchema),
  /** Starter code per requested IaC target: only when the API or the CLI is asked for it. */
  iac: z
    .array(IacArtifactSchema)
    .optional()
    .meta({ description: 'Starter code per requested IaC target (only when `iac` is asked for)' }),
  /** Requested targets that do not fit the candidate (CloudFormation for an EKS one, ...), with the reason. */
  iacSkipped: z.array(IacSkippedSchema).optional().meta({
    description:
      'Requested IaC targets not written because they do not fit the candidate, each with the reason (only when some were)',
  }),
};

export const RecommendationSchema = z
  .strictObject({
    ...summaryShape,
    pricing: PricingSummarySchema,
    /** Every rule that fired, in rule order: the full trace. */
    rulesFired: z.array(RuleHitSchema),
    facts: z.strictObject({ workload: FactsSchema, services: z.record(z.string(), FactsSchema) }),
    workload: NormalisedWorkloadSchema,
  })
  .meta({
    id: 'Recommendation',
    description: 'The full answer (detail=full): what advise() returns, plus `iac`',
  });
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** `detail=summary`: the trace (rules fired, facts, normalised workload, unit price list) left out. */
export const RecommendationSummarySchema = z
  .strictObject({ ...summaryShape, pricing: PricingBriefSchema })
  .meta({ id: 'RecommendationSummary' });
export type RecommendationSummary = z.infer<typeof RecommendationSummarySchema>;
