import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { evaluateRules } from '../../src/rules/engine.js';
import { parseRuleFile } from '../../src/rules/loader.js';
import { makeService, normalised } from '../helpers/workloads.js';

const rule = (id: string, body: string) =>
  parseRuleFile(`${id}.yaml`, `id: ${id}\ntitle: t\nsource: https://docs.aws.amazon.com/x\n${body}`);
const ctx = { instanceTypes: [], launchQueueToleranceSeconds: 30 };

describe('evaluateRules', () => {
  it('fires service rules per service with the facts they read', () => {
    const r = rule(
      'gpu',
      'scope: service\nwhen: gpus > 0\neffect: { type: warn }\nreason: "{service} has {gpus} GPU(s) of {serviceCount} services"\n',
    );
    const w = normalised({ services: [makeService({ name: 'a', gpus: 2 }), makeService({ name: 'b' })] });
    const { hits } = evaluateRules([r], w, ctx);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      ruleId: 'gpu',
      service: 'a',
      facts: { gpus: 2 },
      reason: 'a has 2 GPU(s) of 2 services',
    });
  });

  it('answers services that agree on the facts a condition reads alike, each with its own reason', () => {
    const r = rule(
      'big',
      'scope: service\nwhen: taskVcpu > 1 and not isWindows\neffect: { type: warn }\nreason: "{service} asks {taskVcpu} vCPU"\n',
    );
    const w = normalised({
      services: [
        makeService({ name: 'a', cpu: 2 }),
        makeService({ name: 'b', cpu: 0.5 }),
        makeService({ name: 'c', cpu: 2 }),
        makeService({ name: 'd', cpu: 1 }),
        makeService({ name: 'e', cpu: 4 }),
      ],
    });
    const { hits } = evaluateRules([r], w, ctx);
    expect(hits.map((h) => [h.service, h.reason])).toEqual([
      ['a', 'a asks 2 vCPU'],
      ['c', 'c asks 2 vCPU'],
      ['e', 'e asks 4 vCPU'],
    ]);
  });

  it('fires workload rules once', () => {
    const r = rule(
      'many',
      'scope: workload\nwhen: serviceCount >= 2\neffect: { type: warn }\nreason: "{serviceCount}"\n',
    );
    const two = normalised({ services: [makeService({ name: 'a' }), makeService({ name: 'b' })] });
    expect(evaluateRules([r], two, ctx).hits.map((h) => h.service)).toEqual([null]);
    expect(evaluateRules([r], normalised(), ctx).hits).toEqual([]);
  });

  it('fails with RULE_EVALUATION_FAILED when a condition is not boolean', () => {
    const r = rule('numeric', 'scope: workload\nwhen: serviceCount + 1\neffect: { type: warn }\nreason: x\n');
    expect(() => evaluateRules([r], normalised(), ctx)).toThrowError(
      expect.objectContaining({
        code: 'RULE_EVALUATION_FAILED',
        message: expect.stringMatching(/gave 2, not true or false/),
      }),
    );
    expect(() => evaluateRules([r], normalised(), ctx)).toThrow(BerthError);
  });
});
