/** @module settings: the ranking weights and purchase-option assumptions kept as data in settings/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BerthError } from '../errors.js';
import { describeIssues, toIssues } from '../issues.js';
import { SETTINGS_DIR } from '../paths.js';

const DiscountSchema = z.number().min(0).max(1);

export const RankingSettingsSchema = z.strictObject({
  costWeight: z.number().min(0),
  maxCostPenalty: z.number().min(0),
  /** A missing price is assumed to lie between these multiples of the same price in us-east-1's snapshot. */
  missingPriceFloor: z.number().min(0).max(1),
  missingPriceCeiling: z.number().min(1),
});
export type RankingSettings = z.infer<typeof RankingSettingsSchema>;

const CommitmentSchema = z.strictObject({
  ec2: DiscountSchema,
  fargate: DiscountSchema,
  assumption: z.string().min(1),
  source: z.url(),
});

export const PurchaseOptionsSchema = z.strictObject({
  ec2Spot: z.strictObject({ discount: DiscountSchema, assumption: z.string().min(1), source: z.url() }),
  savingsPlans: z.strictObject({ '1yr': CommitmentSchema, '3yr': CommitmentSchema }),
});
export type PurchaseOptions = z.infer<typeof PurchaseOptionsSchema>;

export const FleetSettingsSchema = z.strictObject({
  previousGenerationFamilies: z.array(z.string().regex(/^[a-z0-9-]+$/)),
  source: z.url(),
  scaleOutLeadMinutes: z.number().int().min(0).max(60),
  scaleOutLeadSource: z.url(),
  secondArchitectureMinSaving: z.number().min(0).max(1),
});
export type FleetSettings = z.infer<typeof FleetSettingsSchema>;

export const ScalingSettingsSchema = z.strictObject({
  launchQueueToleranceSeconds: z.number().min(0),
  source: z.url(),
});
export type ScalingSettings = z.infer<typeof ScalingSettingsSchema>;

const AssumedFeeSchema = z.strictObject({ shareOfOnDemand: DiscountSchema, source: z.url() });

/** The fee each AWS-managed node option is assumed to charge where no price source has it. */
export const ManagementFeeSettingsSchema = z.strictObject({
  'eks-auto-mode': AssumedFeeSchema,
  'ecs-managed-instances': AssumedFeeSchema,
});
export type ManagementFeeSettings = z.infer<typeof ManagementFeeSettingsSchema>;

export interface Settings {
  ranking: RankingSettings;
  purchaseOptions: PurchaseOptions;
  fleet: FleetSettings;
  scaling: ScalingSettings;
  managementFees: ManagementFeeSettings;
}

const cache = new Map<string, Settings>();

/**
 * Reads settings/ranking.yaml, purchase-options.yaml, fleet.yaml, scaling.yaml and management-fees.yaml once
 * per folder.
 */
export function loadSettings(dir: string = SETTINGS_DIR): Settings {
  const cached = cache.get(dir);
  if (cached) return cached;
  const settings = {
    ranking: readSettingsFile(join(dir, 'ranking.yaml'), RankingSettingsSchema),
    purchaseOptions: readSettingsFile(join(dir, 'purchase-options.yaml'), PurchaseOptionsSchema),
    fleet: readSettingsFile(join(dir, 'fleet.yaml'), FleetSettingsSchema),
    scaling: readSettingsFile(join(dir, 'scaling.yaml'), ScalingSettingsSchema),
    managementFees: readSettingsFile(join(dir, 'management-fees.yaml'), ManagementFeeSettingsSchema),
  };
  cache.set(dir, settings);
  return settings;
}

function readSettingsFile<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BerthError('RULE_INVALID', `could not read settings ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const why = describeIssues(toIssues(parsed.error));
    throw new BerthError('RULE_INVALID', `invalid settings ${file}: ${why}`);
  }
  return parsed.data;
}
