/** @module catalog-routes: GET /rules, /regions and /schema/workload.json: what Berth knows, read-only. */
import { createRoute, z } from '@hono/zod-openapi';
import { loadInstanceCatalog } from '../pricing/instance-catalog.js';
import { describeRegionCoverage } from '../pricing/region-coverage.js';
import { listSnapshotRegions } from '../pricing/snapshot-source.js';
import type { Rule } from '../rules/loader.js';
import { workloadJsonSchema } from '../workload/json-schema.js';
import { DEFAULT_REGION } from '../workload/schema.js';
import type { AppServices, BerthApp } from './app-services.js';
import { RegionsResponseSchema, type RuleSchema, RulesResponseSchema } from './catalog-schemas.js';
import { errorResponses } from './openapi-parts.js';

const rulesRoute = createRoute({
  method: 'get',
  path: '/rules',
  operationId: 'listRules',
  tags: ['Catalog'],
  summary: 'The rule catalog: every decision rule with its condition, effect and source',
  responses: {
    200: {
      description: 'Every rule, by id',
      content: { 'application/json': { schema: RulesResponseSchema } },
    },
    ...errorResponses({}),
  },
});

const regionsRoute = createRoute({
  method: 'get',
  path: '/regions',
  operationId: 'listRegions',
  tags: ['Catalog'],
  summary: 'The regions the embedded price snapshot covers, and which prices it has for each',
  description:
    'Per region: how many EC2 instance types the snapshot prices (of how many the catalog knows), and whether it holds the Fargate, EKS, ALB, NAT, public IPv4 and ECR prices. Lines without a price are flagged MISSING in a recommendation, whose `pricing.coverage` states the gaps.',
  responses: {
    200: {
      description: 'Regions in code order',
      content: { 'application/json': { schema: RegionsResponseSchema } },
    },
    ...errorResponses({}),
  },
});

const schemaRoute = createRoute({
  method: 'get',
  path: '/schema/workload.json',
  operationId: 'getWorkloadSchema',
  tags: ['Catalog'],
  summary: 'The JSON Schema (draft 2020-12) of a workload, for editors and clients',
  responses: {
    200: {
      description: 'The workload JSON Schema',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
    ...errorResponses({}),
  },
});

/** A rule as published: everything but the compiled condition. */
export function publishRule(rule: Rule): z.infer<typeof RuleSchema> {
  const { condition: _compiled, ...rest } = rule;
  return rest;
}

export function registerCatalogRoutes(app: BerthApp, services: AppServices): void {
  const rules = { rules: services.rules.map(publishRule) };
  app.openapi(rulesRoute, (c) => c.json(rules, 200));

  let regions: z.infer<typeof RegionsResponseSchema> | undefined;
  const ec2TypesKnown = loadInstanceCatalog().length;
  app.openapi(regionsRoute, (c) => {
    regions ??= {
      priceSource: services.priceSource.name,
      defaultRegion: DEFAULT_REGION,
      regions: listSnapshotRegions().map((r) => {
        const {
          region: _region,
          ec2TypesPriced: _priced,
          missing: _missing,
          ...coverage
        } = describeRegionCoverage(r.region, r, ec2TypesKnown);
        return {
          region: r.region,
          ec2Prices: r.ec2Prices,
          present: r.present,
          missing: r.missing,
          ...coverage,
        };
      }),
    };
    return c.json(regions, 200);
  });

  const schema = workloadJsonSchema();
  app.openapi(schemaRoute, (c) => c.json(schema, 200));
}
