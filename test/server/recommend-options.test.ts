import { describe, expect, it } from 'vitest';
import { isEnvelope, resolveOptions } from '../../src/server/recommend-options.js';

describe('recommend-options', () => {
  it('takes a bare workload with default options', () => {
    const body = { services: [] };
    expect(resolveOptions(body, {})).toEqual({
      workload: body,
      options: { detail: 'full', iac: [], candidate: null },
    });
  });

  it('reads options from the query, de-duplicating IaC targets', () => {
    expect(resolveOptions({}, { detail: 'summary', iac: 'terraform,kubernetes,terraform' }).options).toEqual({
      detail: 'summary',
      iac: ['terraform', 'kubernetes'],
      candidate: null,
    });
  });

  it('reads options from an envelope and merges them with agreeing query options', () => {
    const body = { workload: { services: [] }, options: { iac: ['cloudformation'] } };
    expect(resolveOptions(body, { detail: 'summary', iac: 'cloudformation' })).toEqual({
      workload: { services: [] },
      options: { detail: 'summary', iac: ['cloudformation'], candidate: null },
    });
  });

  it('refuses disagreeing query and body options, naming each', () => {
    const body = { workload: {}, options: { detail: 'full', iac: ['terraform'] } };
    expect(() => resolveOptions(body, { detail: 'summary', iac: 'kubernetes' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        issues: [
          expect.objectContaining({ path: 'options.detail' }),
          expect.objectContaining({ path: 'options.iac' }),
        ],
      }),
    );
  });

  it('refuses unknown IaC targets from the query and the body', () => {
    expect(() => resolveOptions({}, { iac: 'helm' })).toThrow(/unknown IaC target "helm"/);
    expect(() => resolveOptions({ workload: {}, options: { iac: ['helm'] } }, {})).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });

  it('tells an envelope from a workload by its own "workload" key only', () => {
    expect(isEnvelope({ workload: {} })).toBe(true);
    expect(isEnvelope({ services: [] })).toBe(false);
    expect(isEnvelope(Object.create({ workload: {} }))).toBe(false);
    expect(isEnvelope([{ workload: {} }])).toBe(false);
  });
});
