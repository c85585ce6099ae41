/**
 * @module recommendation-schema: the zod (and so OpenAPI) shape of a Recommendation as sent over HTTP.
 * The compile-time checks at the bottom fail when src/advisor's types drift from this schema, and the
 * contract tests fail when a real response drifts from openapi.yaml.
 */
import { z } from '@hono/zod-openapi';
import type { Recommendation } from '../advisor/recommendation.js';
import { EffectSchema } from '../rules/rule-schema.js';
import { NetworkSchema, RequirementsSchema, TeamSchema, TrafficSchema } from '../workload/schema.js';
import { IacArtifactSchema } from './iac.js';

const Decimal = z.string().openapi({ description: 'Exact decimal, USD', example: '12.4100000000' });
const CandidateIdSchema = z
  .enum(['ecs-fargate', 'ecs-ec2', 'ecs-mixed', 'eks-fargate', 'eks-ec2', 'eks-mixed'])
  .openapi('CandidateId');
/** A registered schema or null: zod-to-openapi mangles `.nullable()` on a $ref, so say it as anyOf. */
const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);
const FactValueSchema = z.union([z.number(), z.boolean()]);
const FactsSchema = z.record(z.string(), FactValueSchema);

// Used as is: a schema built in another module may predate zod-openapi's extension and lack .openapi().
export const RuleEffectSchema = EffectSchema;

export const RuleHitSchema = z
  .strictObject({
    ruleId: z.string(),
    title: z.string(),
    effect: RuleEffectSchema,
    service: z.string().nullable(),
    reason: z.string(),
    source: z.string().openapi({ description: 'Citation URL' }),
    sourceKind: z.enum(['aws-doc', 'aws-repo', 'aws-blog', 'third-party']),
    facts: FactsSchema.openapi({ description: 'The facts the condition read, with their values' }),
  })
  .openapi('RuleHit');

const ScoreContributionSchema = z.strictObject({
  ruleId: z.string(),
  dimension: z.string(),
  points: z.number(),
  service: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
});

const PriceOriginSchema = z.enum(['snapshot', 'live', 'cache']);

export const LineItemSchema = z
  .strictObject({
    category: z.enum(['compute', 'control-plane', 'load-balancing', 'network', 'storage', 'discount']),
    service: z.string().nullable(),
    description: z.string(),
    quantity: Decimal,
    unit: z.string(),
    unitPriceUsd: Decimal.nullable(),
    monthlyUsd: Decimal.nullable().openapi({ description: 'quantity × unit price, exact; null if missing' }),
    priceId: z.string().nullable(),
    priceOrigin: z.enum(['snapshot', 'live', 'cache', 'assumption']).nullable(),
    source: z.string().nullable(),
    asOf: z.string().nullable(),
    confirmed: z.boolean().nullable(),
    missing: z.boolean(),
  })
  .openapi('LineItem');

const SizeSchema = z.strictObject({ vcpu: z.number(), memoryMiB: z.number() });
const FleetEntrySchema = z.strictObject({ instanceType: z.string(), count: z.number().int() });

export const CandidateCostSchema = z
  .strictObject({
    monthlyUsd: Decimal.openapi({ description: 'Exact sum of every priced line item' }),
    lineItems: z.array(LineItemSchema),
    complete: z.boolean(),
    missingPriceIds: z.array(z.string()),
    fargate: z.array(
      z.strictObject({
        service: z.string(),
        requested: SizeSchema,
        billed: SizeSchema,
        architecture: z.enum(['x86_64', 'arm64']),
        spot: z.boolean(),
      }),
    ),
    fleet: z
      .strictObject({
        peak: z.array(FleetEntrySchema),
        typical: z.array(FleetEntrySchema),
        peakHourlyUsd: Decimal,
        peakLowerBoundHourlyUsd: Decimal,
        peakGap: z.number(),
        method: z.enum(['milp', 'heuristic']),
      })
      .nullable(),
    ec2Spot: z.boolean(),
    purchaseOptions: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .openapi('CandidateCost');

export const CandidateSchema = z
  .strictObject({
    id: CandidateIdSchema,
    label: z.string(),
    orchestrator: z.enum(['ecs', 'eks']),
    compute: z.enum(['fargate', 'ec2', 'mixed']),
    placements: z.array(z.strictObject({ service: z.string(), compute: z.enum(['fargate', 'ec2']) })),
    feasible: z.boolean(),
    redundantWith: orNull(CandidateIdSchema),
    exclusions: z.array(RuleHitSchema),
    scores: z.array(ScoreContributionSchema),
    fitScore: z.number(),
    totalScore: z.number(),
    warnings: z.array(RuleHitSchema),
    cost: orNull(CandidateCostSchema),
    costScore: z.number(),
    monthlyDeltaUsd: Decimal.nullable(),
    rank: z.number().int().nullable(),
  })
  .openapi('Candidate');

export const WarningSchema = z
  .strictObject({
    ruleId: z.string().nullable(),
    message: z.string(),
    source: z.string().nullable(),
    candidates: z.array(CandidateIdSchema),
  })
  .openapi('Warning');

export const PriceSchema = z
  .strictObject({
    id: z.string(),
    region: z.string(),
    usd: Decimal,
    unit: z.string(),
    source: z.string(),
    asOf: z.string().nullable(),
    confirmed: z.boolean(),
    origin: PriceOriginSchema,
  })
  .openapi('Price');

const pricingShape = {
  source: z.string().openapi({ description: '`snapshot` (embedded) or `live` (AWS Price List API)' }),
  origins: z.array(z.string()),
  asOf: z.strictObject({ earliest: z.string().nullable(), latest: z.string().nullable() }),
  currency: z.literal('USD'),
  hoursPerMonth: z.number(),
};
export const PricingSummarySchema = z
  .strictObject({ ...pricingShape, prices: z.array(PriceSchema) })
  .openapi('PricingSummary');
const PricingBriefSchema = z.strictObject(pricingShape).openapi('PricingBrief');

export const BreakEvenSchema = z
  .strictObject({
    orchestrator: z.enum(['ecs', 'eks']),
    fargate: CandidateIdSchema,
    ec2: CandidateIdSchema,
    breakEvenUtilisation: z.number(),
    utilisation: z.number(),
    statement: z.string(),
  })
  .openapi('BreakEven');

const NormalisedServiceSchema = z.strictObject({
  name: z.string(),
  vcpu: z.number(),
  memoryMiB: z.number(),
  requested: z.strictObject({ cpu: z.string(), memory: z.string() }),
  replicas: z.strictObject({ min: z.number(), max: z.number(), fixed: z.boolean() }),
  architecture: z.enum(['x86_64', 'arm64', 'any']),
  os: z.enum(['linux', 'windows']),
  gpus: z.strictObject({ count: z.number(), model: z.string().nullable() }),
  needs: z.strictObject({
    privileged: z.boolean(),
    hostNetworking: z.boolean(),
    daemon: z.boolean(),
    persistentVolume: z.strictObject({ sizeGiB: z.number(), durable: z.boolean() }).nullable(),
    ephemeralStorageGiB: z.number().nullable(),
    customAmi: z.boolean(),
    dedicatedTenancy: z.boolean(),
  }),
  exposure: z.enum(['public', 'internal', 'none']),
  port: z.number(),
  image: z.string().nullable(),
  interruptible: z.boolean(),
  traffic: TrafficSchema,
  profile: z.array(z.number()).openapi({ description: 'Average replicas per hour, Monday 00:00 UTC first' }),
  stats: z.strictObject({
    peak: z.number(),
    mean: z.number(),
    replicaHoursPerWeek: z.number(),
    activeHours: z.number(),
    peakReplicas: z.number(),
  }),
});

export const NormalisedWorkloadSchema = z
  .strictObject({
    name: z.string(),
    region: z.string(),
    services: z.array(NormalisedServiceSchema),
    team: TeamSchema,
    requirements: RequirementsSchema,
    launchBurst: z.strictObject({ tasksPerMinute: z.number() }),
    network: NetworkSchema,
    registryStorageGB: z.number(),
    notes: z.array(z.string()),
  })
  .openapi('NormalisedWorkload');

const summaryShape = {
  recommended: CandidateIdSchema,
  recommendedLabel: z.string(),
  candidates: z.array(CandidateSchema).openapi({ description: 'Every candidate, ranked ones first' }),
  explanation: z.array(z.string()),
  warnings: z.array(WarningSchema),
  breakEven: z.array(BreakEvenSchema),
  iac: z
    .array(IacArtifactSchema)
    .optional()
    .openapi({ description: 'Starter code per requested IaC target (only when `iac` is asked for)' }),
};

export const RecommendationSchema = z
  .strictObject({
    ...summaryShape,
    pricing: PricingSummarySchema,
    rulesFired: z.array(RuleHitSchema),
    facts: z.strictObject({ workload: FactsSchema, services: z.record(z.string(), FactsSchema) }),
    workload: NormalisedWorkloadSchema,
  })
  .openapi('Recommendation', {
    description: 'The full answer (detail=full): what advise() returns, plus `iac`',
  });

/** `detail=summary`: the trace (rules fired, facts, normalised workload, unit price list) left out. */
export const RecommendationSummarySchema = z
  .strictObject({ ...summaryShape, pricing: PricingBriefSchema })
  .openapi('RecommendationSummary');
export type RecommendationSummary = z.infer<typeof RecommendationSummarySchema>;

// Compile-time drift checks: each line fails to compile when the advisor's types and this schema part ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRecommendation: Same<z.output<typeof RecommendationSchema>, Recommendation> = true;
const sameSummary: Same<
  RecommendationSummary,
  Omit<Recommendation, 'rulesFired' | 'facts' | 'workload' | 'pricing'> & {
    pricing: Omit<Recommendation['pricing'], 'prices'>;
  }
> = true;
void sameRecommendation;
void sameSummary;
