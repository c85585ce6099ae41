/**
 * @module vocabulary: the words every stage shares: orchestrators, compute, candidate ids, architectures,
 * exact decimal amounts. Zod schemas with the TypeScript types inferred beside them.
 */
import { z } from 'zod';

export const OrchestratorSchema = z.enum(['ecs', 'eks']);
export type Orchestrator = z.infer<typeof OrchestratorSchema>;
export const ORCHESTRATORS = OrchestratorSchema.options;

/** Where one service runs. */
export const ComputeSchema = z.enum(['fargate', 'ec2']);
export type Compute = z.infer<typeof ComputeSchema>;

export const CANDIDATE_IDS = [
  'ecs-fargate',
  'ecs-ec2',
  'ecs-mixed',
  'eks-fargate',
  'eks-ec2',
  'eks-mixed',
  'ecs-managed-instances',
  'eks-auto-mode',
] as const;
export const CandidateIdSchema = z.enum(CANDIDATE_IDS).meta({ id: 'CandidateId' });
export type CandidateId = z.infer<typeof CandidateIdSchema>;

export const CANDIDATE_LABELS: Readonly<Record<CandidateId, string>> = {
  'ecs-fargate': 'ECS on Fargate',
  'ecs-ec2': 'ECS on EC2',
  'ecs-mixed': 'ECS, mixed Fargate and EC2',
  'eks-fargate': 'EKS on Fargate',
  'eks-ec2': 'EKS on EC2',
  'eks-mixed': 'EKS, mixed Fargate and EC2',
  'ecs-managed-instances': 'ECS Managed Instances',
  'eks-auto-mode': 'EKS Auto Mode',
};

/**
 * Who runs the EC2 nodes a candidate's services are placed on: the team (`self-managed`: ECS capacity
 * providers on Auto Scaling groups, EKS managed node groups and Karpenter), or AWS (`ecs-managed-instances`,
 * `eks-auto-mode`: AWS launches, patches and replaces the instances). Fargate placements have no nodes.
 */
export const NodeManagementSchema = z.enum(['self-managed', 'ecs-managed-instances', 'eks-auto-mode']);
export type NodeManagement = z.infer<typeof NodeManagementSchema>;

/** What each candidate is: its orchestrator, where its services run, and who runs its EC2 nodes. */
export interface CandidateShape {
  orchestrator: Orchestrator;
  compute: Compute | 'mixed';
  nodes: NodeManagement;
}

export const CANDIDATE_SHAPES: Readonly<Record<CandidateId, CandidateShape>> = {
  'ecs-fargate': { orchestrator: 'ecs', compute: 'fargate', nodes: 'self-managed' },
  'ecs-ec2': { orchestrator: 'ecs', compute: 'ec2', nodes: 'self-managed' },
  'ecs-mixed': { orchestrator: 'ecs', compute: 'mixed', nodes: 'self-managed' },
  'eks-fargate': { orchestrator: 'eks', compute: 'fargate', nodes: 'self-managed' },
  'eks-ec2': { orchestrator: 'eks', compute: 'ec2', nodes: 'self-managed' },
  'eks-mixed': { orchestrator: 'eks', compute: 'mixed', nodes: 'self-managed' },
  'ecs-managed-instances': { orchestrator: 'ecs', compute: 'ec2', nodes: 'ecs-managed-instances' },
  'eks-auto-mode': { orchestrator: 'eks', compute: 'ec2', nodes: 'eks-auto-mode' },
};

/** Whether AWS, not the team, runs the candidate's EC2 nodes. */
export function awsManagesNodes(id: CandidateId): boolean {
  return CANDIDATE_SHAPES[id].nodes !== 'self-managed';
}

/** A CPU architecture a node or a Fargate task runs. */
export const ArchitectureSchema = z.enum(['x86_64', 'arm64']);
export type Architecture = z.infer<typeof ArchitectureSchema>;

/** What a service's image runs on: one architecture, or `any` (a multi-arch image). */
export const ImageArchitectureSchema = z.enum(['x86_64', 'arm64', 'any']);
export type ImageArchitecture = z.infer<typeof ImageArchitectureSchema>;

export const OperatingSystemSchema = z.enum(['linux', 'windows']);
export type OperatingSystem = z.infer<typeof OperatingSystemSchema>;

/** An exact decimal amount in USD, as a string (never a float). */
export const UsdSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({
    description: 'Exact decimal, USD, in fixed-point notation (never exponent)',
    example: '12.4100000000',
  });

/** A fact's value: facts are numbers or booleans. */
export const FactValueSchema = z.union([z.number(), z.boolean()]);
export type FactValue = z.infer<typeof FactValueSchema>;
export const FactsSchema = z.record(z.string(), FactValueSchema);

/**
 * A registered schema or null. zod-to-openapi renders `.nullable()` on a registered schema badly, so it
 * is said as a union.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);
