/** @module recommend-route: POST /recommend, the one route that computes. */
import { createRoute, type z } from '@hono/zod-openapi';
import { advise } from '../advisor/advise.js';
import type { Recommendation } from '../model/recommendation.js';
import {
  RecommendationSchema,
  type RecommendationSummary,
  RecommendationSummarySchema,
} from '../model/recommendation.js';
import type { AppServices, BerthApp } from './app-services.js';
import { generateArtifacts } from './iac.js';
import { errorResponses } from './openapi-parts.js';
import { HttpProblem } from './problem.js';
import { bodyFormat, decodeBody, readLimitedText } from './read-body.js';
import {
  BodyOptionsSchema,
  type RecommendOptions,
  RecommendQuerySchema,
  resolveOptions,
} from './recommend-options.js';

const WORKLOAD_REF = { $ref: '#/components/schemas/Workload' };

export const recommendRoute = createRoute({
  method: 'post',
  path: '/recommend',
  operationId: 'recommend',
  tags: ['Recommend'],
  summary: 'Recommend where a workload should run',
  description:
    'The body is a workload (JSON, or YAML with `Content-Type: application/yaml`), or the envelope ' +
    '`{ "workload": ..., "options": ... }`. Options may also be given in the query; the same option given ' +
    'both ways with different values is a 400. A document that does not parse is a 400 INPUT_UNREADABLE; ' +
    'one that parses but breaks the workload schema is a 400 INVALID_WORKLOAD listing every issue with ' +
    'its path; a valid workload that no candidate can run is a 422 IMPOSSIBLE_WORKLOAD.',
  request: {
    query: RecommendQuerySchema,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: {
            oneOf: [WORKLOAD_REF, { $ref: '#/components/schemas/RecommendEnvelope' }],
          },
        },
        'application/yaml': { schema: { type: 'string', description: 'A workload file in YAML' } },
      },
    },
  },
  responses: {
    200: {
      description: 'The recommendation: every candidate with its monthly cost line by line',
      content: {
        'application/json': { schema: RecommendationSchema.or(RecommendationSummarySchema) },
      },
    },
    ...errorResponses({
      400: 'Unreadable body (INPUT_UNREADABLE), invalid workload (INVALID_WORKLOAD) or options (INVALID_OPTIONS, UNSUPPORTED_IAC_TARGET)',
      413: 'Body larger than the limit (PAYLOAD_TOO_LARGE)',
      415: 'Content-Type is not JSON or YAML (UNSUPPORTED_MEDIA_TYPE)',
      422: 'A valid workload that no candidate can run (IMPOSSIBLE_WORKLOAD, NO_FEASIBLE_INSTANCE)',
      501: 'IaC asked for but this server has no generator (IAC_UNAVAILABLE)',
      503: 'Saturated (SERVER_BUSY), too slow (SOLVE_TIMEOUT), shutting down or price source down; see Retry-After',
    }),
  },
});

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

export function registerRecommendRoute(app: BerthApp, services: AppServices): void {
  const { limits, limiter } = services;
  // Referenced from the RecommendEnvelope component, which openapi-document.ts adds as JSON Schema.
  app.openAPIRegistry.register('RecommendOptions', BodyOptionsSchema);
  app.openapi(recommendRoute, async (c) => {
    const format = bodyFormat(c.req.header('content-type'));
    const text = await readLimitedText(c.req.raw, limits.maxBodyBytes);
    const { workload, options } = resolveOptions(decodeBody(text, format), c.req.valid('query'));
    const generate = services.generateIac;
    if (options.iac.length > 0 && generate === undefined) {
      throw new HttpProblem('IAC_UNAVAILABLE', 'IaC generation is not available on this server');
    }
    const rec = await withDeadline(limits.solveTimeoutMs, (signal) =>
      limiter.run(
        () =>
          advise(workload, {
            rules: services.rules,
            priceSource: services.priceSource,
            ...(services.instanceTypes ? { instanceTypes: services.instanceTypes } : {}),
            ...(services.fleetSolver ? { fleetSolver: services.fleetSolver } : {}),
          }),
        signal,
      ),
    );
    const body = shapeRecommendation(rec, options.detail);
    if (generate !== undefined && options.iac.length > 0) {
      body.iac = await generateArtifacts(generate, rec, options.iac);
    }
    return c.json(body, 200);
  });
}

/** Races `work` against a deadline; the work is told through `signal` (a queued solve then never starts). */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new HttpProblem(
        'SOLVE_TIMEOUT',
        `recommendation timed out: it took longer than ${ms} ms`,
      );
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
