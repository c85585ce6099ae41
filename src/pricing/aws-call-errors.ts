/**
 * @module aws-call-errors: which failures of a Price List call are worth a retry, which mean the API cannot
 * answer at all, and how to say what happened. Error names:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html#API_pricing_GetProducts_Errors
 */
import { DeadlineExceededError, RetriesExhaustedError } from './call-with-retry.js';
import { type CallOutcome, CircuitOpenError } from './circuit-breaker.js';
import { UnusableResponseError } from './price-list-fetch.js';

interface AwsErrorFields {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
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
  if (last instanceof CircuitOpenError) return true;
  const { name } = fieldsOf(last);
  return (typeof name === 'string' && NO_ACCESS.has(name)) || isRetryableAwsError(last);
}

/**
 * How one attempt counts for the circuit breaker: a missed deadline is a timeout; throttling, 5xx, a
 * dropped connection, refused credentials or an unreadable answer are failures of the source; anything
 * else (a 4xx about the request itself) means the source answered.
 */
export function classifyAwsOutcome(error: unknown): CallOutcome {
  if (error instanceof DeadlineExceededError) return 'timeout';
  const { name } = fieldsOf(error);
  if (isRetryableAwsError(error) || (typeof name === 'string' && NO_ACCESS.has(name))) return 'failure';
  return isUnreadableAnswer(error) ? 'failure' : 'success';
}

/**
 * The SDK could not deserialise the reply: no modelled AWS error (those carry `$fault`), but a hidden
 * `$response` that its message points at, or a JSON SyntaxError.
 */
function isUnreadableAnswer(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || fieldsOf(error).$fault !== undefined) return false;
  return '$response' in error || error instanceof SyntaxError;
}

/** Longest part of a remote error message repeated in a warning. */
const MAX_REMOTE_MESSAGE = 120;

/**
 * A short reason for a warning: "ThrottlingException: Rate exceeded (3 attempts)". It goes into responses,
 * so it never repeats the SDK's own wording (its deserialisation errors describe its internals): only our
 * own errors' messages, an AWS error's name and the service's message (capped), or a plain description.
 */
export function describeAwsError(error: unknown): string {
  const attempts = error instanceof RetriesExhaustedError ? error.attempts : undefined;
  const last = error instanceof RetriesExhaustedError ? error.cause : error;
  const what = describeOne(last);
  return attempts === undefined ? what : `${what} (${attempts} attempt${attempts === 1 ? '' : 's'})`;
}

function describeOne(error: unknown): string {
  if (
    error instanceof DeadlineExceededError ||
    error instanceof CircuitOpenError ||
    error instanceof UnusableResponseError
  ) {
    return error.message;
  }
  const { name, message, code, $fault } = fieldsOf(error);
  const status = statusOf(error);
  if (name === 'CredentialsProviderError') return 'no AWS credentials found';
  if (isUnreadableAnswer(error)) {
    return `the Price List API answered${status === undefined ? '' : ` HTTP ${status}`} with a body that is not valid JSON`;
  }
  if (typeof code === 'string' && TRANSIENT_NETWORK.has(code)) return `network error ${code}`;
  // A modelled AWS error carries the service's own message ("Rate exceeded"), worth repeating, capped.
  if (($fault === 'client' || $fault === 'server') && typeof name === 'string') {
    const text = typeof message === 'string' ? capped(message.split('\n')[0] ?? '') : '';
    return text === '' ? name : `${name}: ${text}`;
  }
  const label = typeof name === 'string' && /^\w{1,64}$/.test(name) ? name : 'Error';
  return status === undefined ? label : `${label} (HTTP ${status})`;
}

function capped(text: string): string {
  return text.length > MAX_REMOTE_MESSAGE ? `${text.slice(0, MAX_REMOTE_MESSAGE - 3)}...` : text;
}
