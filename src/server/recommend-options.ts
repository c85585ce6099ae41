/**
 * @module recommend-options: the options of POST /recommend, from the query string or from a body
 * envelope `{ "workload": {...}, "options": {...} }`.
 */

import { z } from '@hono/zod-openapi';
import type { Issue } from '../errors.js';
import { toIssues } from '../issues.js';
import { IAC_TARGETS, type IacTarget } from '../model/iac.js';
import { CANDIDATE_IDS, type CandidateId } from '../model/vocabulary.js';
import { HttpProblem } from './problem.js';

export const DETAILS = ['full', 'summary'] as const;
export type Detail = (typeof DETAILS)[number];

export interface RecommendOptions {
  detail: Detail;
  iac: IacTarget[];
  /** Whose starter code `iac` writes: null for the recommended candidate. */
  candidate: CandidateId | null;
}

export const RecommendQuerySchema = z.strictObject({
  detail: z.enum(DETAILS).optional().openapi({
    description: '`full` (default): everything advise() returns; `summary`: without the trace',
  }),
  iac: z
    .string()
    .regex(/^[a-z]+(,[a-z]+)*$/, 'expected a comma-separated list of IaC targets')
    .optional()
    .openapi({
      description: `Comma-separated IaC targets to generate: ${IAC_TARGETS.join(', ')}. Each that fits the candidate is in \`iac\`; the others are listed in \`iacSkipped\` with the reason (400 UNSUPPORTED_IAC_TARGET when none fits)`,
    }),
  candidate: z.enum(CANDIDATE_IDS).optional().openapi({
    description: 'Write the starter code of this candidate instead of the recommended one (needs `iac`)',
  }),
});

export type RecommendQuery = z.output<typeof RecommendQuerySchema>;

export const BodyOptionsSchema = z
  .strictObject({
    detail: z.enum(DETAILS).optional(),
    iac: z.array(z.enum(IAC_TARGETS)).max(IAC_TARGETS.length).optional(),
    candidate: z.enum(CANDIDATE_IDS).optional(),
  })
  .openapi('RecommendOptions');

export const EnvelopeSchema = z.strictObject({
  workload: z.unknown(),
  options: BodyOptionsSchema.optional(),
});

/** True for `{ "workload": ... }`: a workload itself never has a `workload` key. */
export function isEnvelope(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'workload');
}

/**
 * Splits a decoded body into the workload and the options, merged with the query's. The same option
 * given both ways with different values is an error rather than a silent pick.
 */
export function resolveOptions(
  body: unknown,
  query: RecommendQuery,
): { workload: unknown; options: RecommendOptions } {
  const fromQuery = {
    detail: query.detail,
    iac: query.iac === undefined ? undefined : parseTargets(query.iac),
    candidate: query.candidate,
  };
  if (!isEnvelope(body)) return { workload: body, options: merge(fromQuery, {}) };
  const parsed = EnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    throw new HttpProblem('INVALID_OPTIONS', 'invalid request envelope: expected { workload, options? }', {
      issues: toIssues(parsed.error),
    });
  }
  return { workload: parsed.data.workload, options: merge(fromQuery, parsed.data.options ?? {}) };
}

function parseTargets(list: string): IacTarget[] {
  const targets = [...new Set(list.split(','))];
  const unknown = targets.filter((t) => !(IAC_TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new HttpProblem(
      'INVALID_OPTIONS',
      `unknown IaC target ${unknown.map((t) => `"${t}"`).join(', ')}`,
      {
        issues: [
          {
            path: 'query.iac',
            code: 'invalid_value',
            message: `unknown IaC target: expected one of ${IAC_TARGETS.join(', ')}`,
            received: unknown.join(','),
          },
        ],
      },
    );
  }
  return targets as IacTarget[];
}

interface GivenOptions {
  detail?: Detail | undefined;
  iac?: IacTarget[] | undefined;
  candidate?: CandidateId | undefined;
}

function merge(query: GivenOptions, body: GivenOptions): RecommendOptions {
  const issues: Issue[] = [];
  if (query.detail !== undefined && body.detail !== undefined && query.detail !== body.detail) {
    issues.push(conflict('detail'));
  }
  if (query.iac !== undefined && body.iac !== undefined && query.iac.join() !== body.iac.join()) {
    issues.push(conflict('iac'));
  }
  if (query.candidate !== undefined && body.candidate !== undefined && query.candidate !== body.candidate) {
    issues.push(conflict('candidate'));
  }
  if (issues.length > 0) {
    throw new HttpProblem('INVALID_OPTIONS', 'conflicting options: the query and the body disagree', {
      issues,
    });
  }
  const iac = [...new Set(query.iac ?? body.iac ?? [])];
  const candidate = query.candidate ?? body.candidate ?? null;
  // As the CLI's --candidate: it picks whose starter code, so alone it would be silently ignored.
  if (candidate !== null && iac.length === 0) {
    throw new HttpProblem('INVALID_OPTIONS', 'invalid options: candidate needs iac', {
      issues: [
        {
          path: 'options.candidate',
          code: 'invalid_value',
          message: 'candidate needs iac: it picks whose starter code is written',
          received: candidate,
        },
      ],
    });
  }
  return { detail: query.detail ?? body.detail ?? 'full', iac, candidate };
}

function conflict(name: string): Issue {
  return {
    path: `options.${name}`,
    code: 'conflict',
    message: `${name} is given in the query and the body with different values`,
  };
}
