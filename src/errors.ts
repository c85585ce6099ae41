/** @module errors: the one error class of Berth, its codes and their HTTP statuses. */

export type ErrorCode =
  | 'INVALID_WORKLOAD'
  | 'IMPOSSIBLE_WORKLOAD'
  | 'RULE_INVALID'
  | 'RULE_EVALUATION_FAILED'
  | 'PRICE_SOURCE_UNAVAILABLE'
  | 'PRICE_DATA_INVALID'
  | 'NO_FEASIBLE_INSTANCE'
  | 'UNSUPPORTED_IAC_TARGET'
  | 'INPUT_UNREADABLE'
  | 'SOLVE_TIMEOUT'
  | 'INTERNAL';

/** HTTP status per error code; typed as a Record so a new code without a status does not compile. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  INVALID_WORKLOAD: 400,
  IMPOSSIBLE_WORKLOAD: 422,
  RULE_INVALID: 500,
  RULE_EVALUATION_FAILED: 500,
  PRICE_SOURCE_UNAVAILABLE: 503,
  PRICE_DATA_INVALID: 500,
  NO_FEASIBLE_INSTANCE: 422,
  UNSUPPORTED_IAC_TARGET: 400,
  INPUT_UNREADABLE: 400,
  SOLVE_TIMEOUT: 503,
  INTERNAL: 500,
};

/** One problem found in an input, with the path where it was found (zod's issue shape, kept to the client). */
export interface Issue {
  path: string;
  code: string;
  message: string;
  expected?: string | undefined;
  received?: string | undefined;
}

export interface BerthErrorOptions {
  cause?: unknown;
  issues?: Issue[];
  details?: Record<string, unknown>;
}

/** The base error: a stable `code`, a `{what happened}: {why}` message, optional issues and cause. */
export class BerthError extends Error {
  override name = 'BerthError';
  readonly code: ErrorCode;
  readonly issues: Issue[];
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: BerthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isBerthError(value: unknown): value is BerthError {
  return value instanceof BerthError;
}
