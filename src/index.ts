/**
 * @module berth: decide where containers run on AWS (ECS or EKS, Fargate or EC2), why, and at what cost.
 * Every public name of the root entry is listed here. The internals have subpaths of their own:
 * `berth/optimizer` (the EC2 fleet optimizer), `berth/pricing` (price sources and catalogs) and
 * `berth/server` (the HTTP API).
 */
export { type AdviseOptions, advise } from './advisor/advise.js';
export { BerthError, ERROR_STATUS, type ErrorCode, type Issue, isBerthError } from './errors.js';
export { type GenerateIacOptions, generateIac } from './iac/generate.js';
export { generatableCandidates, targetsFor } from './iac/targets.js';
export { writeIacOutput } from './iac/write-output.js';
export { detectFilesFormat, type ImportOptions, importWorkload } from './import/import-workload.js';
export { renderImportYaml } from './import/render-yaml.js';
export {
  IMPORT_FORMATS,
  type ImportFile,
  type ImportFormat,
  type ImportNote,
  type ImportResult,
} from './import/types.js';
export {
  type Candidate,
  CandidateSchema,
  type Placement,
  type ScoreContribution,
} from './model/candidate.js';
export {
  type CandidateCost,
  CandidateCostSchema,
  type FargateSizing,
  type Fleet,
  FleetSchema,
  type LineCategory,
  type LineItem,
  LineItemSchema,
} from './model/cost.js';
export { type Deployment, DeploymentSchema, type LoadBalancer, type NodePool } from './model/deployment.js';
export {
  IAC_TARGETS,
  type IacArtifact,
  IacArtifactSchema,
  type IacFile,
  type IacTarget,
  isIacTarget,
} from './model/iac.js';
export type { Price, PriceId, PriceOrigin } from './model/price.js';
export {
  type BreakEven,
  type PricingSummary,
  type Recommendation,
  RecommendationSchema,
  type RecommendationSummary,
  RecommendationSummarySchema,
  type Warning,
} from './model/recommendation.js';
export type { Effect, RuleHit, Target } from './model/rule-hit.js';
export {
  CANDIDATE_IDS,
  CANDIDATE_LABELS,
  type CandidateId,
  type Compute,
  type FactValue,
  type Orchestrator,
} from './model/vocabulary.js';
export type { PriceLookup, PriceSource } from './pricing/price-source.js';
export { evaluateRules } from './rules/engine.js';
export { SERVICE_FACTS, WORKLOAD_FACTS } from './rules/facts.js';
export { loadRules, parseRuleFile, type Rule } from './rules/loader.js';
export type { FleetSolver } from './sizing/ec2-fleet.js';
export { workloadJsonSchema } from './workload/json-schema.js';
export { normaliseWorkload } from './workload/normalise.js';
export type { NormalisedService, NormalisedWorkload } from './workload/normalised-schema.js';
export { parseWorkloadText } from './workload/read.js';
export { type ParsedWorkload, type Traffic, type WorkloadInput, WorkloadSchema } from './workload/schema.js';
