/**
 * @module problem: every error the HTTP API returns, as RFC 9457 `application/problem+json`
 * (https://www.rfc-editor.org/rfc/rfc9457) with a stable `code` and, for input errors, the issues.
 */
import { ERROR_STATUS, type ErrorCode, type Issue, isBerthError } from '../errors.js';

/** Codes only the HTTP layer raises: transport problems that no library call can. */
export const HTTP_ERROR_STATUS = {
  INVALID_OPTIONS: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IAC_UNAVAILABLE: 501,
  SERVER_BUSY: 503,
  SHUTTING_DOWN: 503,
} as const satisfies Record<string, number>;
export type HttpErrorCode = keyof typeof HTTP_ERROR_STATUS;
export type ProblemCode = ErrorCode | HttpErrorCode;

export const PROBLEM_CODES = [
  ...(Object.keys(ERROR_STATUS) as ErrorCode[]),
  ...(Object.keys(HTTP_ERROR_STATUS) as HttpErrorCode[]),
] as const;

export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  INVALID_WORKLOAD: 'Invalid workload',
  IMPOSSIBLE_WORKLOAD: 'Impossible workload',
  RULE_INVALID: 'Internal error',
  RULE_EVALUATION_FAILED: 'Internal error',
  PRICE_SOURCE_UNAVAILABLE: 'Price source unavailable',
  PRICE_DATA_INVALID: 'Internal error',
  NO_FEASIBLE_INSTANCE: 'No feasible instance',
  UNSUPPORTED_IAC_TARGET: 'Unsupported IaC target',
  INPUT_UNREADABLE: 'Unreadable body',
  INTERNAL: 'Internal error',
  INVALID_OPTIONS: 'Invalid options',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  REQUEST_TIMEOUT: 'Request timeout',
  PAYLOAD_TOO_LARGE: 'Body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  IAC_UNAVAILABLE: 'IaC generation unavailable',
  SERVER_BUSY: 'Server busy',
  SOLVE_TIMEOUT: 'Recommendation timed out',
  SHUTTING_DOWN: 'Server shutting down',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  requestId: string;
  issues?: Issue[];
}

/** An HTTP-level failure, with the headers its response needs (`Allow`, `Retry-After`). */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  readonly code: HttpErrorCode;
  readonly issues: Issue[];
  readonly headers: Record<string, string>;

  constructor(
    code: HttpErrorCode,
    detail: string,
    options: { issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.code = code;
    this.issues = options.issues ?? [];
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return HTTP_ERROR_STATUS[this.code];
  }
}

export function problemType(code: ProblemCode): string {
  return `https://berth.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the cause must go to the log: the client only gets the request id. */
  internal: boolean;
}

/**
 * Maps any thrown value to a problem. 4xx keep their message and issues (the client's input caused them);
 * 5xx other than the HTTP layer's own say nothing of the cause, which goes to the log instead.
 */
export function toProblem(error: unknown, requestId: string, retryAfterSeconds = 1): ProblemResponse {
  if (error instanceof HttpProblem) {
    const headers = { ...error.headers };
    if (error.status === 503) headers['Retry-After'] ??= String(retryAfterSeconds);
    return {
      problem: build(error.code, error.status, error.message, requestId, error.issues),
      headers,
      internal: false,
    };
  }
  // Library errors a client can act on: its input, or a deadline it may retry against.
  if (isBerthError(error) && (error.status < 500 || error.code === 'SOLVE_TIMEOUT')) {
    const headers: Record<string, string> =
      error.status === 503 ? { 'Retry-After': String(retryAfterSeconds) } : {};
    return {
      problem: build(error.code, error.status, error.message, requestId, error.issues),
      headers,
      internal: false,
    };
  }
  if (isBerthError(error) && error.code === 'PRICE_SOURCE_UNAVAILABLE') {
    const detail = `prices could not be fetched: the price source did not answer; retry later (request ${requestId})`;
    return {
      problem: build(error.code, error.status, detail, requestId, []),
      headers: { 'Retry-After': String(retryAfterSeconds) },
      internal: true,
    };
  }
  const code: ProblemCode = isBerthError(error) ? error.code : 'INTERNAL';
  const status = isBerthError(error) ? error.status : ERROR_STATUS.INTERNAL;
  const detail = `the server failed to answer this request; quote request id ${requestId} when reporting it`;
  return { problem: build(code, status, detail, requestId, []), headers: {}, internal: true };
}

function build(
  code: ProblemCode,
  status: number,
  detail: string,
  requestId: string,
  issues: Issue[],
): Problem {
  const problem: Problem = {
    type: problemType(code),
    title: PROBLEM_TITLES[code],
    status,
    detail,
    code,
    requestId,
  };
  if (issues.length > 0) problem.issues = issues;
  return problem;
}
