/**
 * @module overrides: the small overrides file of an import: default sizes for services the input leaves
 * unsized, fields per service, and workload-level fields (region, team, requirements ...).
 */
import { z } from 'zod';
import { MAX_VOLUME_GIB } from '../workload/limits.js';
import { CpuSchema, MemorySchema } from '../workload/schema.js';

export const ImportDefaultsSchema = z.strictObject({
  cpu: CpuSchema.optional(),
  memory: MemorySchema.optional(),
  volumeGiB: z.number().positive().max(MAX_VOLUME_GIB).optional(),
});

/**
 * Fields per service and workload fields are checked by the workload schema once applied, so their
 * problems read as they do for any workload; here only the outline is checked.
 */
export const ImportOverridesSchema = z
  .strictObject({
    defaults: ImportDefaultsSchema.optional(),
    services: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    name: z.unknown().optional(),
    region: z.unknown().optional(),
    traffic: z.unknown().optional(),
    team: z.unknown().optional(),
    requirements: z.unknown().optional(),
    network: z.unknown().optional(),
    registryStorageGB: z.unknown().optional(),
    launchBurst: z.unknown().optional(),
  })
  .describe('An import overrides file: defaults for unsized services, fields per service, workload fields');

export type ImportOverrides = z.infer<typeof ImportOverridesSchema>;
