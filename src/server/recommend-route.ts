/** @module recommend-route: POST /recommend, the one route that computes. */
import { createRoute } from '@hono/zod-openapi';
import { RecommendationSchema, RecommendationSummarySchema } from '../model/recommendation.js';
import type { AppServices, BerthApp } from './app-services.js';
import { generateRequested } from './iac.js';
import { errorResponses } from './openapi-parts.js';
import { bodyFormat, readLimitedText } from './read-body.js';
import { BodyOptionsSchema, RecommendQuerySchema } from './recommend-options.js';
import { shapeRecommendation } from './shape-recommendation.js';
import { solveJob } from './solve-job.js';

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

export function registerRecommendRoute(app: BerthApp, services: AppServices): void {
  const { limits } = services;
  // Referenced from the RecommendEnvelope component, which openapi-document.ts adds as JSON Schema.
  app.openAPIRegistry.register('RecommendOptions', BodyOptionsSchema);
  app.openapi(recommendRoute, async (c) => {
    // The request thread reads the body and checks the query; decoding and everything after is CPU
    // work, done in an advise worker under the deadline.
    const format = bodyFormat(c.req.header('content-type'));
    const text = await readLimitedText(c.req.raw, limits.maxBodyBytes);
    const generate = services.generateIac;
    const result = await solveJob(services, { text, format, query: c.req.valid('query') });
    // Already serialised by the worker; the route's typed c.json() would parse nothing but cost a copy.
    if (result.kind === 'json')
      return c.body(result.body, 200, { 'Content-Type': 'application/json' }) as never;
    if (result.kind === 'html') throw new Error('recommend job answered HTML: only report jobs do');
    const { recommendation, options } = result;
    const body = shapeRecommendation(recommendation, options.detail);
    if (generate !== undefined)
      Object.assign(body, await generateRequested(generate, recommendation, options.iac, options.candidate));
    return c.json(body, 200);
  });
}
