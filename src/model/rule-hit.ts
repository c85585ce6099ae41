/** @module rule-hit: what a rule does (its effect and target) and the record of a rule that fired. */
import { z } from 'zod';
import {
  ComputeSchema,
  FactsSchema,
  type NodeManagement,
  NodeManagementSchema,
  OrchestratorSchema,
} from './vocabulary.js';

export const TargetSchema = z
  .strictObject({
    orchestrator: OrchestratorSchema.optional(),
    compute: ComputeSchema.optional(),
    /**
     * Who runs the EC2 nodes: one management, or `aws-managed` for either AWS-run option. A target with
     * `nodes` covers EC2 placements only (Fargate has no nodes).
     */
    nodes: z.union([NodeManagementSchema, z.literal('aws-managed')]).optional(),
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

export const SourceKindSchema = z.enum(['aws-doc', 'aws-repo', 'aws-blog', 'third-party']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const RuleHitSchema = z
  .strictObject({
    ruleId: z.string(),
    title: z.string(),
    effect: EffectSchema,
    /** The service the rule fired for (service rules only). */
    service: z.string().nullable(),
    reason: z.string(),
    source: z.string().meta({ description: 'Citation URL' }),
    sourceKind: SourceKindSchema,
    facts: FactsSchema.meta({ description: 'The facts the condition read, with their values' }),
  })
  .meta({ id: 'RuleHit' });
export type RuleHit = z.infer<typeof RuleHitSchema>;

/**
 * Whether a rule's target covers a placement; an absent target covers every placement. `nodes` says who
 * runs the EC2 nodes of the candidate (self-managed unless given).
 */
export function matchesTarget(
  target: Target | undefined,
  orchestrator: z.infer<typeof OrchestratorSchema>,
  compute: z.infer<typeof ComputeSchema>,
  nodes: NodeManagement = 'self-managed',
): boolean {
  if (target === undefined) return true;
  return (
    (target.orchestrator === undefined || target.orchestrator === orchestrator) &&
    (target.compute === undefined || target.compute === compute) &&
    matchesNodes(target.nodes, compute, nodes)
  );
}

function matchesNodes(
  wanted: Target['nodes'],
  compute: z.infer<typeof ComputeSchema>,
  nodes: NodeManagement,
) {
  if (wanted === undefined) return true;
  if (compute !== 'ec2') return false;
  return wanted === 'aws-managed' ? nodes !== 'self-managed' : wanted === nodes;
}
