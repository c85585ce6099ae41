/** @module engine: evaluates rules over facts and records every rule that fired, with the values it read. */
import { BerthError } from '../errors.js';
import { keptIn } from '../memo.js';
import type { RuleHit } from '../model/rule-hit.js';
import type { FactValue } from '../model/vocabulary.js';
import type { NormalisedWorkload } from '../workload/normalised-schema.js';
import { deriveServiceFacts, deriveWorkloadFacts, type FactContext } from './facts.js';
import type { Rule } from './loader.js';

export interface Evaluation {
  workloadFacts: Record<string, FactValue>;
  serviceFacts: Record<string, Record<string, FactValue>>;
  hits: RuleHit[];
}

/** Evaluates every rule; workload rules once, service rules once per service. Never branches on rule ids. */
export function evaluateRules(
  rules: readonly Rule[],
  workload: NormalisedWorkload,
  ctx: FactContext,
): Evaluation {
  const workloadFacts = deriveWorkloadFacts(workload, ctx);
  const serviceFacts: Record<string, Record<string, FactValue>> = {};
  for (const s of workload.services) {
    // Copied key by key: an object spread of these 60-odd facts took some 150 µs a service.
    const facts: Record<string, FactValue> = {};
    for (const name in workloadFacts) facts[name] = workloadFacts[name]!;
    const own = deriveServiceFacts(s, workload, ctx);
    for (const name in own) facts[name] = own[name]!;
    serviceFacts[s.name] = facts;
  }
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    if (rule.scope === 'workload') {
      if (answerOf(rule, workloadFacts)) hits.push(toHit(rule, workloadFacts, null));
      continue;
    }
    for (const s of workload.services) {
      const facts = serviceFacts[s.name] ?? {};
      if (answerOf(rule, facts)) hits.push(toHit(rule, facts, s.name));
    }
  }
  return { workloadFacts, serviceFacts, hits };
}

/** The values of the named facts, each written so that no two different values read alike (0 and −0 apart). */
function factsKey(names: readonly string[], scope: Record<string, FactValue>): string {
  let key = '';
  for (const name of names) {
    const value = Object.hasOwn(scope, name) ? scope[name] : undefined;
    key +=
      typeof value === 'number'
        ? `n${Object.is(value, -0) ? '-0' : String(value)},`
        : `${value === undefined ? 'u' : value ? 't' : 'f'},`;
  }
  return key;
}

/**
 * Answers already worked out, by condition and the values of the facts it reads: a condition reads only
 * those, so services (and later workloads) that agree on them get the same answer without evaluating the
 * expression again. Bounded per condition; a condition that fails is not kept, so it fails every time.
 */
const answers = new WeakMap<Rule['condition'], Map<string, boolean>>();
const MAX_ANSWERS = 512;

function answerOf(rule: Rule, scope: Record<string, FactValue>): boolean {
  const known = keptIn(answers, rule.condition, () => new Map());
  const key = factsKey(rule.condition.facts, scope);
  let answer = known.get(key);
  if (answer === undefined) {
    answer = holds(rule, scope);
    if (known.size >= MAX_ANSWERS) known.clear();
    known.set(key, answer);
  }
  return answer;
}

function holds(rule: Rule, scope: Record<string, FactValue>): boolean {
  let value: unknown;
  try {
    value = rule.condition.evaluate(scope);
  } catch (error) {
    throw new BerthError(
      'RULE_EVALUATION_FAILED',
      `rule ${rule.id} (${rule.file}) failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (typeof value !== 'boolean') {
    throw new BerthError(
      'RULE_EVALUATION_FAILED',
      `rule ${rule.id} (${rule.file}) failed: its condition "${rule.when}" gave ${String(value)}, not true or false`,
    );
  }
  return value;
}

function toHit(rule: Rule, scope: Record<string, FactValue>, service: string | null): RuleHit {
  const facts = Object.fromEntries(rule.condition.facts.map((name) => [name, scope[name] ?? false]));
  const reason = rule.reason.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name === 'service' ? (service ?? '') : formatFact(scope[name]),
  );
  return {
    ruleId: rule.id,
    title: rule.title,
    // A copy: the rule is loaded once per process, and a caller may change the hit it is handed.
    effect: structuredClone(rule.effect),
    service,
    reason,
    source: rule.source,
    sourceKind: rule.sourceKind,
    facts,
  };
}

function formatFact(value: FactValue | undefined): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  return String(value);
}
