import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { HttpProblem, problemType, toProblem } from '../../src/server/problem.js';

describe('problem', () => {
  it('keeps the message and issues of a client error', () => {
    const error = new BerthError('INVALID_WORKLOAD', 'invalid workload: 1 problem', {
      issues: [{ path: 'services[0].cpu', code: 'custom', message: 'invalid CPU' }],
    });
    expect(toProblem(error, 'r1')).toEqual({
      problem: {
        type: 'https://berth.dev/problems/invalid-workload',
        title: 'Invalid workload',
        status: 400,
        detail: 'invalid workload: 1 problem',
        code: 'INVALID_WORKLOAD',
        requestId: 'r1',
        issues: [{ path: 'services[0].cpu', code: 'custom', message: 'invalid CPU' }],
      },
      headers: {},
      internal: false,
    });
  });

  it('hides the cause of a server error and marks it for the log', () => {
    const internalRule = toProblem(
      new BerthError('RULE_INVALID', 'could not load rule file /srv/rules/x.yaml'),
      'r2',
    );
    expect(internalRule.internal).toBe(true);
    expect(internalRule.problem.status).toBe(500);
    expect(internalRule.problem.detail).not.toContain('/srv');
    const plain = toProblem(new TypeError('cannot read properties of undefined'), 'r3');
    expect(plain.problem).toMatchObject({ code: 'INTERNAL', status: 500, requestId: 'r3' });
    expect(plain.problem.detail).not.toContain('undefined');
  });

  it('adds Retry-After to every 503 and keeps an HTTP problem’s own headers', () => {
    expect(toProblem(new HttpProblem('SERVER_BUSY', 'busy'), 'r', 7).headers).toEqual({ 'Retry-After': '7' });
    expect(
      toProblem(new HttpProblem('METHOD_NOT_ALLOWED', 'no', { headers: { Allow: 'GET' } }), 'r').headers,
    ).toEqual({
      Allow: 'GET',
    });
  });

  it('names problem types after their codes', () => {
    expect(problemType('PAYLOAD_TOO_LARGE')).toBe('https://berth.dev/problems/payload-too-large');
  });
});
