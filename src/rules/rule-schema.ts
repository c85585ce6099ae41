/** @module rule-schema: the shape of one rule file in rules/. */
import { z } from 'zod';

export const TargetSchema = z
  .strictObject({
    orchestrator: z.enum(['ecs', 'eks']).optional(),
    compute: z.enum(['fargate', 'ec2']).optional(),
  })
  .describe('The placements a rule applies to; an empty target applies to all');
export type Target = z.infer<typeof TargetSchema>;

export const DIMENSIONS = ['fit', 'operations', 'cost', 'ecosystem', 'scaling', 'isolation'] as const;

export const EffectSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exclude'), target: TargetSchema }),
  z.strictObject({
    type: z.literal('score'),
    target: TargetSchema,
    dimension: z.enum(DIMENSIONS),
    weight: z.number().refine((w) => w !== 0, 'a score weight of 0 has no effect'),
  }),
  z.strictObject({ type: z.literal('warn'), target: TargetSchema.optional() }),
]);
export type Effect = z.infer<typeof EffectSchema>;

export const RuleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  title: z.string().min(1),
  /** `service` rules are evaluated once per service, with that service's facts. */
  scope: z.enum(['workload', 'service']),
  when: z.string().min(1),
  effect: EffectSchema,
  /** Plain words; `{fact}` placeholders are filled with the fact's value, `{service}` with the name. */
  reason: z.string().min(1),
  source: z.url({ protocol: /^https$/ }),
  /** Where the source is not AWS documentation, say what it is. */
  sourceKind: z.enum(['aws-doc', 'aws-repo', 'aws-blog', 'third-party']).default('aws-doc'),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;
