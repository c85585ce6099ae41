/** @module rule-schema: the shape of one rule file in rules/. */
import { z } from 'zod';
import { EffectSchema, SourceKindSchema } from '../model/rule-hit.js';

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
  sourceKind: SourceKindSchema.default('aws-doc'),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;
