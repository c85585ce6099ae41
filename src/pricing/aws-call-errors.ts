/**
 * @module aws-call-errors: which failures of a Price List call are worth a retry, which mean the API cannot
 * answer at all, and how to say what happened. Error names:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html#API_pricing_GetProducts_Errors
 */
import { DeadlineExceededError, RetriesExhaustedError } from './call-with-retry.js';

interface AwsErrorFields {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function fieldsOf(error: unknown): AwsErrorFields {
  return typeof error === 'object' && error !== null ? (error as AwsErrorFields) : {};
}

const THROTTLING = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
/** Node socket errors that say nothing about the request itself. */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
/** Failures no retry or other price id can fix: no credentials, or credentials the API refuses. */
const NO_ACCESS = new Set([
  'CredentialsProviderError',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
]);

function statusOf(error: unknown): number | undefined {
  const status = fieldsOf(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Throttling, 5xx, a missed deadline, or a dropped connection (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html). */
export function isRetryableAwsError(error: unknown): boolean {
  if (error instanceof DeadlineExceededError) return true;
  const { name, code } = fieldsOf(error);
  if (typeof name === 'string' && THROTTLING.has(name)) return true;
  if (typeof code === 'string' && TRANSIENT_NETWORK.has(code)) return true;
  return (statusOf(error) ?? 0) >= 500;
}

/** True when further calls in this lookup would fail the same way, so the rest should not be tried. */
export function isSourceDown(error: unknown): boolean {
  const last = error instanceof RetriesExhaustedError ? error.cause : error;
  const { name } = fieldsOf(last);
  return (typeof name === 'string' && NO_ACCESS.has(name)) || isRetryableAwsError(last);
}

/** A short reason for a warning: "ThrottlingException: Rate exceeded (3 attempts)". */
export function describeAwsError(error: unknown): string {
  const attempts = error instanceof RetriesExhaustedError ? error.attempts : undefined;
  const last = error instanceof RetriesExhaustedError ? error.cause : error;
  const { name, message } = fieldsOf(last);
  let what: string;
  if (last instanceof DeadlineExceededError) what = last.message;
  else if (name === 'CredentialsProviderError') what = `no AWS credentials found (${String(message)})`;
  else
    what = `${typeof name === 'string' ? name : 'Error'}: ${typeof message === 'string' ? message : String(last)}`;
  return attempts === undefined ? what : `${what} (${attempts} attempt${attempts === 1 ? '' : 's'})`;
}
