/** @module problem-schema: the zod (and so OpenAPI) shape of error responses. */
import { z } from '@hono/zod-openapi';
import { PROBLEM_CODES } from './problem.js';

export const IssueSchema = z
  .strictObject({
    path: z.string().openapi({ example: 'services[2].memory' }),
    code: z.string().openapi({ example: 'custom' }),
    message: z.string(),
    expected: z.string().optional(),
    received: z.string().optional(),
  })
  .openapi('Issue', { description: 'One problem found in the input, with where it was found.' });

export const ProblemSchema = z
  .strictObject({
    type: z.string().openapi({ example: 'https://berth.dev/problems/invalid-workload' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES).openapi({ description: 'Stable machine-readable error code.' }),
    requestId: z.string().openapi({ description: 'Also in the X-Request-Id header; quote it in reports.' }),
    issues: z.array(IssueSchema).optional(),
  })
  .openapi('Problem', {
    description:
      'RFC 9457 problem details. 5xx responses carry no internals: the cause is logged under the request id.',
  });
