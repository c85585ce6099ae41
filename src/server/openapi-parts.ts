/** @module openapi-parts: response fragments shared by the route definitions. */
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { ProblemSchema } from './problem-schema.js';

export const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } };

const REQUEST_ID_HEADER = {
  'X-Request-Id': {
    description: 'The request id (the caller’s own when it sent a valid one)',
    schema: { type: 'string' as const },
  },
};

/**
 * Node's HTTP parser answers these before any route runs, on every path, with an empty body: so an
 * operation whose handler never rejects anything still can end in a client error. Listed only where no
 * problem+json 4xx is: a bodiless error response makes a generated client's error type include
 * `undefined`, so `if (error)` would no longer narrow its data (openapi-fetch).
 */
const TRANSPORT_REJECTION = {
  description:
    'Rejected by the HTTP layer before routing, with no body: malformed request (400), headers too slow ' +
    '(408) or too large (431)',
};

/**
 * Problem responses for the given statuses, plus 500 and a default for any other error; with no 4xx
 * among the statuses, the HTTP layer's own 4XX.
 */
export function errorResponses(statuses: Record<number, string>) {
  const out: Record<string, { description: string; headers?: object; content?: typeof problemContent }> = {};
  for (const [status, description] of Object.entries(statuses)) {
    const headers =
      status === '503' || status === '429'
        ? {
            ...REQUEST_ID_HEADER,
            'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
          }
        : REQUEST_ID_HEADER;
    out[status] = { description, headers, content: problemContent };
  }
  if (!Object.keys(statuses).some((status) => status.startsWith('4'))) out['4XX'] = TRANSPORT_REJECTION;
  out['500'] = {
    description: 'Internal error: no internals in the body, only the request id (the cause is logged)',
    headers: REQUEST_ID_HEADER,
    content: problemContent,
  };
  out.default = {
    description: 'Any other error (404, 405 with Allow, 503 while shutting down), as problem+json',
    headers: REQUEST_ID_HEADER,
    content: problemContent,
  };
  return out;
}
