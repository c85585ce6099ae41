/** @module recommendation: the shape of Berth's answer. */

import type { RuleHit } from '../rules/engine.js';
import type { FactValue } from '../rules/expression.js';
import type { NormalisedWorkload } from '../workload/normalise.js';
import type { Candidate, CandidateId } from './candidate.js';

export interface Warning {
  ruleId: string | null;
  message: string;
  source: string | null;
  /** The candidates the warning concerns; empty for the whole recommendation. */
  candidates: CandidateId[];
}

export interface Recommendation {
  recommended: CandidateId;
  recommendedLabel: string;
  /** Every candidate, ranked ones first. */
  candidates: Candidate[];
  /** Short sentences built from the rules that fired, with their sources. */
  explanation: string[];
  warnings: Warning[];
  /** Every rule that fired, in rule order: the full trace. */
  rulesFired: RuleHit[];
  facts: { workload: Record<string, FactValue>; services: Record<string, Record<string, FactValue>> };
  workload: NormalisedWorkload;
}
