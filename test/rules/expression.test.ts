import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../src/rules/expression.js';

const FACTS = new Set(['gpus', 'taskVcpu', 'isWindows']);

describe('compileExpression', () => {
  it('evaluates boolean logic over facts and lists the facts it reads', () => {
    const e = compileExpression('gpus > 0 or (isWindows and taskVcpu > 4)', FACTS);
    expect(e.facts).toEqual(['gpus', 'isWindows', 'taskVcpu']);
    expect(e.evaluate({ gpus: 0, isWindows: true, taskVcpu: 8 })).toBe(true);
    expect(e.evaluate({ gpus: 0, isWindows: true, taskVcpu: 4 })).toBe(false);
  });

  it('allows the whitelisted functions', () => {
    expect(compileExpression('max(gpus, 1) == 1', FACTS).evaluate({ gpus: 0 })).toBe(true);
  });

  it.each([
    ['gpus >', /cannot parse/],
    ['memory > 1', /unknown fact "memory"/],
    ['import({}, {})', /calls import\(\), which is not allowed/],
    ['evaluate("1+1")', /calls evaluate\(\), which is not allowed/],
    ['createUnit("foo")', /calls createUnit\(\), which is not allowed/],
    ['gpus > 0 and max(gpus, 1) > sqrt(gpus)', /calls sqrt\(\), which is not allowed \(allowed: min, max/],
    ['gpus = 3', /AssignmentNode/],
    ['f(x) = x', /FunctionAssignmentNode/],
    ['[1, 2]', /ArrayNode/],
    ['{a: 1}.a', /not allow/],
  ])('rejects %j at compile time', (source, message) => {
    expect(() => compileExpression(source, FACTS)).toThrow(message);
  });
});
