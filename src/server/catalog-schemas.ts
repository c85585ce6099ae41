/** @module catalog-schemas: response shapes of GET /rules, /regions and /healthz. */
import { z } from '@hono/zod-openapi';
import { EffectSchema, SourceKindSchema } from '../model/rule-hit.js';

export const RuleSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    scope: z.enum(['workload', 'service']),
    when: z.string().openapi({ description: 'The condition, a mathjs expression over facts' }),
    effect: EffectSchema,
    reason: z.string(),
    source: z.string().openapi({ description: 'Citation URL' }),
    sourceKind: SourceKindSchema,
    file: z.string().openapi({ description: 'File under rules/' }),
  })
  .openapi('Rule');

export const RulesResponseSchema = z.strictObject({ rules: z.array(RuleSchema) }).openapi('RuleCatalog');

export const RegionSchema = z
  .strictObject({
    region: z.string(),
    ec2Prices: z.number().int().openapi({ description: 'EC2 instance types with a snapshot price' }),
    present: z.array(z.string()).openapi({ description: 'Other price ids the snapshot has for the region' }),
    missing: z.array(z.string()).openapi({ description: 'Price ids it lacks (those lines are flagged)' }),
    ec2TypesKnown: z.number().int().openapi({ description: 'EC2 instance types in the catalog' }),
    fargate: z
      .boolean()
      .openapi({ description: 'Fargate x86_64 Linux on-demand vCPU and GB prices present' }),
    eks: z.boolean().openapi({ description: 'EKS control plane (standard support) price present' }),
    alb: z.boolean().openapi({ description: 'ALB hour and LCU-hour prices present' }),
    nat: z.boolean().openapi({ description: 'NAT gateway hour and GB prices present' }),
    publicIpv4: z.boolean().openapi({ description: 'Public IPv4 address-hour price present' }),
    ecr: z.boolean().openapi({ description: 'ECR storage price present' }),
  })
  .openapi('Region', {
    example: {
      region: 'ap-south-1',
      ec2Prices: 45,
      present: ['fargate:x86_64:linux:vcpu', 'fargate:x86_64:linux:gb', 'nat:hour', 'nat:gb'],
      missing: ['eks:cluster-standard', 'alb:hour', 'alb:lcu-hour', 'vpc:public-ipv4-hour', 'ecr:gb-month'],
      ec2TypesKnown: 1379,
      fargate: true,
      eks: false,
      alb: false,
      nat: true,
      publicIpv4: false,
      ecr: false,
    },
  });

export const RegionsResponseSchema = z
  .strictObject({
    priceSource: z.string().openapi({ description: 'The price source this server asks: snapshot or live' }),
    defaultRegion: z.string(),
    regions: z.array(RegionSchema),
  })
  .openapi('RegionCatalog');

export const HealthSchema = z
  .strictObject({
    status: z.enum(['ok', 'draining']),
    priceSource: z.string(),
    solves: z.strictObject({ active: z.number().int(), queued: z.number().int() }),
  })
  .openapi('Health');
