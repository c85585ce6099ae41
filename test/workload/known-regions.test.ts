import { describe, expect, it } from 'vitest';
import { BerthError } from '../../src/errors.js';
import { listKnownRegions } from '../../src/pricing/snapshot-source.js';
import { closestRegions, unknownRegionIssue } from '../../src/workload/known-regions.js';
import { normaliseWorkload } from '../../src/workload/normalise.js';
import { makeService, makeWorkload } from '../helpers/workloads.js';

// The regions of the repository's own data/regions.json (30 on 2026-12-01), as `berth regions` lists them.
const KNOWN = listKnownRegions();

function rejection(input: unknown, regions: readonly string[] = KNOWN): BerthError {
  try {
    normaliseWorkload(input, { regions });
  } catch (error) {
    expect(error).toBeInstanceOf(BerthError);
    return error as BerthError;
  }
  throw new Error('expected the workload to be rejected');
}

describe('known regions', () => {
  it('are the regions of data/regions.json, the main ones among them', () => {
    expect(KNOWN).toHaveLength(30);
    expect(KNOWN).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-south-1', 'us-gov-west-1']));
  });

  it('refuse a mistyped region with its path, the reason, and the closest codes', () => {
    const error = rejection(makeWorkload({ region: 'us-est-1' }));
    expect(error.code).toBe('INVALID_WORKLOAD');
    // "us-est-1" is one insertion from us-east-1 ("e" → "ea") and one from us-west-1 ("w" before "est").
    expect(error.issues).toEqual([
      {
        path: 'region',
        code: 'unknown_region',
        message:
          'unknown region "us-est-1": Berth knows the 30 regions of its price data (`berth regions` and ' +
          'GET /regions list them; `berth prices refresh --region R` adds one); did you mean "us-east-1" or "us-west-1"?',
        received: '"us-est-1"',
      },
    ]);
    expect(error.message).toMatch(/^invalid workload: 1 problem found \(region: unknown region "us-est-1": /);
  });

  it('refuse a well-formed code the data does not have, and an unknown GovCloud code', () => {
    // us-east-9 is one substitution from us-east-1 and from us-east-2, and at least two from any other.
    expect(rejection(makeWorkload({ region: 'us-east-9' })).issues[0]?.message).toMatch(
      /did you mean "us-east-1" or "us-east-2"\?$/,
    );
    // No known code is within two edits of xx-nowhere-1: no guess is offered.
    expect(rejection(makeWorkload({ region: 'xx-nowhere-1' })).issues[0]?.message).toMatch(/adds one\)$/);
    expect(rejection(makeWorkload({ region: 'us-gov-east-2' })).issues[0]?.path).toBe('region');
  });

  it('list the region issue with every other problem at once', () => {
    const error = rejection({ region: 'eu-wst-1', services: [makeService({ cpu: 'lots' })] });
    expect(error.issues.map((i) => i.path)).toEqual(['region', 'services[0].cpu']);
    expect(error.message).toMatch(/^invalid workload: 2 problems found/);
  });

  it('check the default region too, and pass a known one', () => {
    // A workload without a region is in us-east-1: refused only by a list without it.
    expect(rejection(makeWorkload(), ['eu-west-1']).issues[0]?.message).toMatch(
      /^unknown region "us-east-1"/,
    );
    expect(normaliseWorkload(makeWorkload(), { regions: KNOWN }).region).toBe('us-east-1');
    expect(normaliseWorkload(makeWorkload({ region: 'af-south-1' }), { regions: KNOWN }).region).toBe(
      'af-south-1',
    );
  });

  it('leave a malformed code or a non-string to the schema, which reports it once', () => {
    expect(unknownRegionIssue('Virginia', KNOWN)).toBeUndefined();
    expect(unknownRegionIssue(7, KNOWN)).toBeUndefined();
    const error = rejection(makeWorkload({ region: 'Virginia' }));
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'region: expected an AWS region code such as us-east-1',
    ]);
  });

  it('suggest nothing for a long code, without comparing it letter by letter', () => {
    expect(closestRegions(`us-${'e'.repeat(100_000)}-1`, KNOWN)).toEqual([]);
    expect(closestRegions('eu-west-3', KNOWN)).toEqual(['eu-west-3']);
  });
});

describe('Windows services', () => {
  it('refuse arm64: Windows containers run on x86_64 only', () => {
    const error = rejection(
      makeWorkload({ services: [makeService({ os: 'windows', architecture: 'arm64' })] }),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: 'services[0].architecture',
        code: 'custom',
        message: expect.stringMatching(
          /^arm64 cannot run a Windows container: Windows containers run on x86_64 only on AWS \(Fargate, and the ECS and EKS Windows AMIs; docs\/workload\.md#windows-containers-run-on-x86_64-only\)/,
        ),
      }),
    ]);
  });

  it('read a multi-arch image (any) as x86_64, with no note, and keep any for Linux', () => {
    const w = normaliseWorkload(
      makeWorkload({
        services: [
          makeService({ name: 'win', os: 'windows', architecture: 'any' }),
          makeService({ name: 'lin', architecture: 'any' }),
          makeService({ name: 'winx', os: 'windows', architecture: 'x86_64' }),
        ],
      }),
    );
    expect(w.services.map((s) => s.architecture)).toEqual(['x86_64', 'any', 'x86_64']);
    expect(w.notes).toEqual([]);
  });
});
