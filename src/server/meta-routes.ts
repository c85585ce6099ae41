/** @module meta-routes: GET /healthz and the contract itself (GET /openapi.json, /openapi.yaml). */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppServices, BerthApp } from './app-services.js';
import { HealthSchema } from './catalog-schemas.js';
import { buildOpenApiDocument, type OpenApiDocument, renderOpenApiYaml } from './openapi-document.js';
import { errorResponses } from './openapi-parts.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getHealth',
  tags: ['Service'],
  summary: 'Liveness and readiness: 200 while serving, 503 while draining for shutdown',
  responses: {
    200: { description: 'Serving', content: { 'application/json': { schema: HealthSchema } } },
    503: {
      description: 'Draining: finishing in-flight requests before exit',
      content: { 'application/json': { schema: HealthSchema } },
    },
    ...errorResponses({}),
  },
});

const openApiJsonRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  operationId: 'getOpenApiJson',
  tags: ['Service'],
  summary: 'This contract, as JSON',
  responses: {
    200: {
      description: 'OpenAPI 3.1 document',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
    ...errorResponses({}),
  },
});

const openApiYamlRoute = createRoute({
  method: 'get',
  path: '/openapi.yaml',
  operationId: 'getOpenApiYaml',
  tags: ['Service'],
  summary: 'This contract, as YAML (the openapi.yaml checked into the repository)',
  responses: {
    200: { description: 'OpenAPI 3.1 document', content: { 'application/yaml': { schema: z.string() } } },
    ...errorResponses({}),
  },
});

export function registerMetaRoutes(app: BerthApp, services: AppServices): void {
  app.openapi(healthRoute, (c) => {
    const draining = services.isDraining();
    const body = {
      status: draining ? ('draining' as const) : ('ok' as const),
      priceSource: services.priceSource.name,
      solves: { active: services.limiter.active, queued: services.limiter.queued },
    };
    return draining ? c.json(body, 503) : c.json(body, 200);
  });

  // Built on first use: every route is registered by then.
  let doc: OpenApiDocument | undefined;
  let yaml: string | undefined;
  const document = () => {
    doc ??= buildOpenApiDocument(app);
    return doc;
  };
  app.openapi(openApiJsonRoute, (c) => c.json(document() as unknown as Record<string, unknown>, 200));
  app.openapi(openApiYamlRoute, (c) => {
    yaml ??= renderOpenApiYaml(document());
    return c.body(yaml, 200, { 'Content-Type': 'application/yaml; charset=utf-8' });
  });
}
