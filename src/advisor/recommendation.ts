/** @module recommendation: the shape of Berth's answer. */

import type { Price } from '../pricing/price-source.js';
import type { RuleHit } from '../rules/engine.js';
import type { FactValue } from '../rules/expression.js';
import type { NormalisedWorkload } from '../workload/normalise.js';
import type { BreakEven } from './break-even.js';
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
  /** Where the prices come from, and how old they are. */
  pricing: PricingSummary;
  /** Where an always-on EC2 fleet and Fargate cost the same, per orchestrator. */
  breakEven: BreakEven[];
  /** Every rule that fired, in rule order: the full trace. */
  rulesFired: RuleHit[];
  facts: { workload: Record<string, FactValue>; services: Record<string, Record<string, FactValue>> };
  workload: NormalisedWorkload;
}

export interface PricingSummary {
  /** The price source asked: `snapshot` (embedded) or `live` (AWS Price List API, falling back to the snapshot). */
  source: string;
  /** Where the figures used really came from: `snapshot`, `live`, `cache`. */
  origins: string[];
  /** Oldest and newest as-of date of the figures used (undated figures are not counted). */
  asOf: { earliest: string | null; latest: string | null };
  /** Every unit price used, with its source, date and whether it is confirmed. */
  prices: Price[];
  currency: 'USD';
  hoursPerMonth: number;
}
