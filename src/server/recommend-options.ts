/**
 * @module recommend-options: the options of POST /recommend, from the query string or from a body
 * envelope `{ "workload": {...}, "options": {...} }`.
 */

import { z } from '@hono/zod-openapi';
import type { Issue } from '../errors.js';
import { toIssues } from '../issues.js';
import { IAC_TARGETS, type IacTarget } from '../model/iac.js';
import { HttpProblem } from './problem.js';

export const DETAILS = ['full', 'summary'] as const;
export type Detail = (typeof DETAILS)[number];

export interface RecommendOptions {
  detail: Detail;
  iac: IacTarget[];
}

export const RecommendQuerySchema = z.strictObject({
  detail: z.enum(DETAILS).optional().openapi({
    description: '`full` (default): everything advise() returns; `summary`: without the trace',
  }),
  iac: z
    .string()
    .regex(/^[a-z]+(,[a-z]+)*$/, 'expected a comma-separated list of IaC targets')
    .optional()
    .openapi({ description: `Comma-separated IaC targets to generate: ${IAC_TARGETS.join(', ')}` }),
});

export type RecommendQuery = z.output<typeof RecommendQuerySchema>;

export const BodyOptionsSchema = z
  .strictObject({
    detail: z.enum(DETAILS).optional(),
    iac: z.array(z.enum(IAC_TARGETS)).max(IAC_TARGETS.length).optional(),
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

function merge(
  query: { detail?: Detail | undefined; iac?: IacTarget[] | undefined },
  body: { detail?: Detail | undefined; iac?: IacTarget[] | undefined },
): RecommendOptions {
  const issues: Issue[] = [];
  if (query.detail !== undefined && body.detail !== undefined && query.detail !== body.detail) {
    issues.push(conflict('detail'));
  }
  if (query.iac !== undefined && body.iac !== undefined && query.iac.join() !== body.iac.join()) {
    issues.push(conflict('iac'));
  }
  if (issues.length > 0) {
    throw new HttpProblem('INVALID_OPTIONS', 'conflicting options: the query and the body disagree', {
      issues,
    });
  }
  return { detail: query.detail ?? body.detail ?? 'full', iac: [...new Set(query.iac ?? body.iac ?? [])] };
}

function conflict(name: string): Issue {
  return {
    path: `options.${name}`,
    code: 'conflict',
    message: `${name} is given in the query and the body with different values`,
  };
}
