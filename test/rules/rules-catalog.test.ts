import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/advisor/settings.js';
import { loadInstanceCatalog } from '../../src/pricing/instance-catalog.js';
import { evaluateRules } from '../../src/rules/engine.js';
import { loadRules } from '../../src/rules/loader.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { EXAMPLES_DIR, FIXTURES_DIR, readWorkloadFile } from '../helpers/workloads.js';

const rules = loadRules();
const fixtureFiles = [
  ...readdirSync(EXAMPLES_DIR).map((f) => join(EXAMPLES_DIR, f)),
  ...readdirSync(FIXTURES_DIR).map((f) => join(FIXTURES_DIR, f)),
].filter((f) => f.endsWith('.yaml'));

describe('the rules catalog', () => {
  it('loads every rule with a unique id, an https source and a reason', () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.source).toMatch(/^https:\/\//);
      expect(r.reason.length).toBeGreaterThan(20);
    }
  });

  it('cites AWS documentation for every hard constraint', () => {
    for (const r of rules.filter((r) => r.effect.type === 'exclude')) {
      expect([r.id, r.sourceKind]).toEqual([r.id, 'aws-doc']);
      expect(r.source).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
    }
  });

  it('leaves cost to the priced totals: no rule scores cost', () => {
    const scored = rules.filter((r) => r.effect.type === 'score').map((r) => r.effect);
    expect(scored.length).toBeGreaterThan(5);
    expect(scored.filter((e) => e.type === 'score' && e.dimension === 'cost')).toEqual([]);
  });

  it('fires every rule for at least one fixture workload', () => {
    const ctx = {
      instanceTypes: loadInstanceCatalog(),
      launchQueueToleranceSeconds: loadSettings().scaling.launchQueueToleranceSeconds,
    };
    const fired = new Set<string>();
    for (const file of fixtureFiles) {
      const workload = normaliseWorkload(readWorkloadFile(file));
      for (const hit of evaluateRules(rules, workload, ctx).hits) fired.add(hit.ruleId);
    }
    expect(rules.map((r) => r.id).filter((id) => !fired.has(id))).toEqual([]);
  });
});
