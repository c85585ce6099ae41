/** @module snapshot-files: the zod schemas of the files under data/, shared by their writer and their readers. */
import { z } from 'zod';
import type { InstanceType } from './instance-type.js';
import { REGION_CODE_PATTERN } from './region-code.js';

/** A non-negative decimal written as the source wrote it ("0.096", "0.0960000000"); never a float. */
export const DecimalStringSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected a non-negative decimal string');
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)');
export const RegionCodeSchema = z.string().regex(REGION_CODE_PATTERN, 'expected an AWS region code');

export const ProvenanceSchema = z.object({
  sources: z.array(z.unknown()),
  notes: z.string(),
});

export const InstanceTypeSchema = z.strictObject({
  name: z.string().min(1),
  family: z.string().min(1),
  size: z.string().min(1),
  vcpu: z.number().positive(),
  memoryMiB: z.number().int().positive(),
  architecture: z.enum(['x86_64', 'arm64']),
  gpuCount: z.number().nonnegative(),
  gpuModel: z.string().min(1).nullable(),
  acceleratorCount: z.number().int().nonnegative(),
  maxPodsEks: z.number().int().positive(),
  enis: z.number().int().positive().nullable(),
  ipv4PerEni: z.number().int().positive().nullable(),
  burstable: z.boolean(),
  // Absent in data folders written before the field existed: read as unknown, never guessed.
  currentGeneration: z.boolean().nullable().default(null),
}) satisfies z.ZodType<InstanceType>;

export const InstanceTypesFileSchema = z.object({
  provenance: ProvenanceSchema,
  instanceTypes: z.array(InstanceTypeSchema),
});

export const FargateSizeSchema = z.strictObject({
  cpuUnits: z.number().int().positive(),
  vcpu: z.number().positive(),
  memoryMiB: z.number().int().positive(),
  os: z.enum(['linux', 'windows']),
});
export type FargateSize = z.infer<typeof FargateSizeSchema>;

export const FargateSizesFileSchema = z.object({
  provenance: ProvenanceSchema,
  sizes: z.array(FargateSizeSchema),
});

/** One price as stored in data/prices/<region>.json (a Price without id, region and origin). */
export const SnapshotPriceSchema = z.strictObject({
  usd: DecimalStringSchema,
  unit: z.string().min(1),
  source: z.string().min(1),
  asOf: IsoDateSchema.nullable(),
  confirmed: z.boolean(),
});
export type SnapshotPrice = z.infer<typeof SnapshotPriceSchema>;

export const RegionPricesFileSchema = z.strictObject({
  region: RegionCodeSchema,
  prices: z.record(z.string().min(1), SnapshotPriceSchema),
});
export type RegionPricesFile = z.infer<typeof RegionPricesFileSchema>;

export const RegionSummarySchema = z.strictObject({
  ec2Prices: z.number().int().nonnegative(),
  present: z.array(z.string()),
  missing: z.array(z.string()),
});
export type RegionSummary = z.infer<typeof RegionSummarySchema>;

export const RegionsIndexFileSchema = z.object({
  provenance: ProvenanceSchema,
  regions: z.record(RegionCodeSchema, RegionSummarySchema),
});
export type RegionsIndexFile = z.infer<typeof RegionsIndexFileSchema>;
