/** @module shape-recommendation: the body of a 200 from POST /recommend, for the `detail` asked. */
import type { z } from '@hono/zod-openapi';
import type { Recommendation, RecommendationSchema, RecommendationSummary } from '../model/recommendation.js';
import type { RecommendOptions } from './recommend-options.js';

/** The response for `detail`: the whole recommendation, or the summary without the trace. */
export function shapeRecommendation(
  rec: Recommendation,
  detail: RecommendOptions['detail'],
): z.output<typeof RecommendationSchema> | RecommendationSummary {
  if (detail === 'full') return { ...rec };
  const { rulesFired: _r, facts: _f, workload: _w, pricing, ...rest } = rec;
  const { prices: _p, ...brief } = pricing;
  return { ...rest, pricing: brief };
}
