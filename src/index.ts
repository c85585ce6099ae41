/**
 * @module berth: decide where containers run on AWS (ECS or EKS, Fargate or EC2), why, and at what cost.
 * Every public name is listed here; nothing else is part of the API.
 */
export { type AdviseOptions, advise } from './advisor/advise.js';
export { BerthError, ERROR_STATUS, type ErrorCode, type Issue, isBerthError } from './errors.js';
export { type GenerateIacOptions, generateIac } from './iac/generate.js';
export { generatableCandidates, targetsFor } from './iac/targets.js';
export { writeIacOutput } from './iac/write-output.js';
export type { Candidate, Placement, ScoreContribution } from './model/candidate.js';
export type { CandidateCost, FargateSizing, Fleet, LineItem } from './model/cost.js';
export type { IacArtifact, IacFile } from './model/iac.js';
export { IAC_TARGETS, type IacTarget, isIacTarget } from './model/iac.js';
export type { Price, PriceId } from './model/price.js';
export type { BreakEven, PricingSummary, Recommendation, Warning } from './model/recommendation.js';
export { RecommendationSchema, RecommendationSummarySchema } from './model/recommendation.js';
export type { RuleHit } from './model/rule-hit.js';
export type { FactValue } from './model/vocabulary.js';
export {
  CANDIDATE_IDS,
  CANDIDATE_LABELS,
  type CandidateId,
  type Compute,
  type Orchestrator,
} from './model/vocabulary.js';
export type {
  DaemonSetRequest,
  FleetNode,
  FleetOptions,
  FleetPlan,
  FleetTaskGroup,
  FleetTypeLine,
  NodeCapacity,
  PricedInstanceType,
  UnplaceableGroup,
} from './optimizer/fleet-types.js';
export { nodeCapacity } from './optimizer/node-capacity.js';
export { DEFAULT_TIME_LIMIT_MS, optimizeFleet } from './optimizer/optimize-fleet.js';
export { stopSolverThread } from './optimizer/runtime/solver-thread.js';
export { planFleetHeuristic } from './optimizer/search/heuristic.js';
export { AwsPriceListSource } from './pricing/aws-price-list-source.js';
export { createPriceSource, type PriceSourceSettings } from './pricing/create-price-source.js';
export { findInstanceType, loadInstanceCatalog } from './pricing/instance-catalog.js';
export type { InstanceType } from './pricing/instance-type.js';
export { HOURS_PER_MONTH } from './pricing/money.js';
export type { PriceLookup, PriceSource } from './pricing/price-source.js';
export { effectiveHourlyUsd, parseReservedTerms, type ReservedTerm } from './pricing/reserved-terms.js';
export { listSnapshotRegions, SnapshotPriceSource } from './pricing/snapshot-source.js';
export { evaluateRules } from './rules/engine.js';
export { SERVICE_FACTS, WORKLOAD_FACTS } from './rules/facts.js';
export { loadRules, parseRuleFile, type Rule } from './rules/loader.js';
export { type AppDeps, createApp } from './server/app.js';
export type { BerthApp } from './server/app-services.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_SOCKET_LIMITS,
  readServerConfig,
  SERVER_ENV,
  type ServerConfig,
  type ServerLimits,
  type SocketLimits,
} from './server/config.js';
export type { IacGenerator } from './server/iac.js';
export { createLogger, type Logger, type LogLevel } from './server/logger.js';
export { type RunningServer, type StartServerOptions, startServer } from './server/node.js';
export { buildOpenApiDocument, renderOpenApiYaml } from './server/openapi-document.js';
export { PROBLEM_CODES, type Problem, type ProblemCode } from './server/problem.js';
export type { FleetSolver } from './sizing/ec2-fleet.js';
export { createBudgetedFleetSolver, heuristicFleetSolver } from './sizing/fleet-solver.js';
export { workloadJsonSchema } from './workload/json-schema.js';
export { normaliseWorkload } from './workload/normalise.js';
export type { NormalisedService, NormalisedWorkload } from './workload/normalised-schema.js';
export { parseWorkloadText } from './workload/read.js';
export { type ParsedWorkload, type Traffic, type WorkloadInput, WorkloadSchema } from './workload/schema.js';
