import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { loadRules, parseRuleFile } from '../../src/rules/loader.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const GOOD = `id: sample-rule
title: A sample
scope: service
when: gpus > 0
effect: { type: exclude, target: { compute: fargate } }
reason: "{service} needs {gpus} GPUs"
source: https://docs.aws.amazon.com/eks/latest/userguide/fargate.html
`;

function loadError(text: string, file = 'sample-rule.yaml'): BerthError {
  try {
    parseRuleFile(file, text);
  } catch (error) {
    expect(error).toBeInstanceOf(BerthError);
    return error as BerthError;
  }
  throw new Error('expected the rule to be rejected');
}

describe('parseRuleFile', () => {
  it('parses and compiles a valid rule', () => {
    const rule = parseRuleFile('sample-rule.yaml', GOOD);
    expect(rule).toMatchObject({ id: 'sample-rule', scope: 'service', sourceKind: 'aws-doc' });
    expect(rule.condition.evaluate({ gpus: 1 })).toBe(true);
  });

  it.each([
    ['not yaml: [', /sample-rule\.yaml: not valid YAML/],
    [GOOD.replace('when: gpus > 0', 'when: gpus >'), /sample-rule\.yaml: when: cannot parse/],
    [GOOD.replace('gpus > 0', 'vram > 0'), /unknown fact "vram"/],
    [GOOD.replace('type: exclude', 'type: banish'), /sample-rule\.yaml: effect/],
    [GOOD.replace('https://docs', 'http://docs'), /source/],
    [GOOD.replace('title: A sample\n', ''), /title/],
    [`${GOOD}extra: 1\n`, /extra/],
    [GOOD.replace('{gpus} GPUs', '{vram} GPUs'), /unknown placeholder \{vram\}/],
    [GOOD.replace('scope: service', 'scope: workload'), /unknown fact "gpus"/],
    [
      GOOD.replace(
        'type: exclude, target: { compute: fargate }',
        'type: score, target: { compute: ec2 }, dimension: cost, weight: 1',
      ),
      /may not score the cost dimension: priced totals are the only cost signal/,
    ],
  ])('fails with the file name and the reason (%#)', (text, message) => {
    const error = loadError(text);
    expect(error.code).toBe('RULE_INVALID');
    expect(error.message).toMatch(message);
  });

  it('requires the id to equal the file name', () => {
    expect(loadError(GOOD, 'other-name.yaml').message).toMatch(/does not match the file name "other-name"/);
  });
});

describe('loadRules', () => {
  it('rejects duplicate ids across folders', () => {
    const dir = makeTempDir('berth-rules-');
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'sample-rule.yaml'), GOOD);
    writeFileSync(join(dir, 'b', 'sample-rule.yaml'), GOOD);
    expect(() => loadRules(dir)).toThrow(/duplicate rule id "sample-rule"/);
  });

  it('fails clearly when the folder does not exist', () => {
    expect(() => loadRules('/nonexistent/berth-rules')).toThrow(/could not read the rules folder/);
  });
});
