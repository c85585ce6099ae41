/** @module normalised-schema: the normalised workload every stage after parsing reads, as a zod schema. */
import { z } from 'zod';
import { NetworkSchema, RequirementsSchema, TeamSchema, TrafficSchema } from './schema.js';

export const NormalisedServiceSchema = z.strictObject({
  name: z.string(),
  vcpu: z.number(),
  memoryMiB: z.number(),
  /** What the input said, for reports ("500m", "1.5 GiB"). */
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
    /** As given, or its default (docs/workload.md#one-task-per-node); false for a per-node agent. */
    onePerNode: z.boolean(),
    ephemeralStorageGiB: z.number().nullable(),
    customAmi: z.boolean(),
    namespacedSysctls: z.boolean(),
    dedicatedTenancy: z.boolean(),
  }),
  exposure: z.enum(['public', 'internal', 'none']),
  port: z.number(),
  image: z.string().nullable(),
  imageSizeMB: z.number(),
  logGBPerTaskMonth: z.number(),
  interruptible: z.boolean(),
  traffic: TrafficSchema,
  /** Average replicas per hour over a week, hour 0 = Monday 00:00 UTC. */
  profile: z.array(z.number()).meta({ description: 'Average replicas per hour, Monday 00:00 UTC first' }),
  stats: z.strictObject({
    peak: z.number(),
    mean: z.number(),
    replicaHoursPerWeek: z.number(),
    activeHours: z.number(),
    peakReplicas: z.number(),
  }),
});
export type NormalisedService = z.output<typeof NormalisedServiceSchema>;

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
    /** Things the parser noticed that are not errors (unit interpretations). */
    notes: z.array(z.string()),
  })
  .meta({ id: 'NormalisedWorkload' });
export type NormalisedWorkload = z.output<typeof NormalisedWorkloadSchema>;
