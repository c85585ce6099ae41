/** @module rule-schema: the shape of one rule file in rules/. */
import { z } from 'zod';
import { EffectSchema, SourceKindSchema } from '../model/rule-hit.js';

export const RuleFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  title: z.string().min(1),
  /** `service` rules are evaluated once per service, with that service's facts. */
  scope: z.enum(['workload', 'service']),
  when: z.string().min(1),
  /**
   * A rule may not score cost: every candidate's priced total already enters the ranking
   * (settings/ranking.yaml), and a second, unpriced count contradicted it (issue 17).
   */
  effect: EffectSchema.refine((e) => e.type !== 'score' || e.dimension !== 'cost', {
    message: 'a rule may not score the cost dimension: priced totals are the only cost signal',
  }),
  /** Plain words; `{fact}` placeholders are filled with the fact's value, `{service}` with the name. */
  reason: z.string().min(1),
  source: z.url({ protocol: /^https$/ }),
  /** Where the source is not AWS documentation, say what it is. */
  sourceKind: SourceKindSchema.default('aws-doc'),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;
