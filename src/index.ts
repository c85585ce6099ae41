/**
 * @module berth: decide where containers run on AWS (ECS or EKS, Fargate or EC2), why, and at what cost.
 * Every public name is listed here; nothing else is part of the API.
 */
export { advise, type AdviseOptions } from './advisor/advise.js';
export {
  CANDIDATE_IDS,
  CANDIDATE_LABELS,
  type Candidate,
  type CandidateId,
  type Compute,
  type Orchestrator,
  type Placement,
  type ScoreContribution,
} from './advisor/candidate.js';
export type { Recommendation, Warning } from './advisor/recommendation.js';
export { BerthError, ERROR_STATUS, type ErrorCode, type Issue, isBerthError } from './errors.js';
export type { RuleHit } from './rules/engine.js';
export { evaluateRules } from './rules/engine.js';
export type { FactValue } from './rules/expression.js';
export { SERVICE_FACTS, WORKLOAD_FACTS } from './rules/facts.js';
export { loadRules, parseRuleFile, type Rule } from './rules/loader.js';
export { workloadJsonSchema } from './workload/json-schema.js';
export { type NormalisedService, type NormalisedWorkload, normaliseWorkload } from './workload/normalise.js';
export { parseWorkloadText } from './workload/read.js';
export { type ParsedWorkload, type Traffic, type WorkloadInput, WorkloadSchema } from './workload/schema.js';
