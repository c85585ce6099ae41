/**
 * @module worker-protocol: the messages between the request thread and an advise worker, and how an
 * error crosses the thread boundary (structured clone keeps neither classes nor hidden fields).
 */
import { BerthError, type ErrorCode, type Issue, isBerthError } from '../errors.js';
import type { Price, PriceId } from '../model/price.js';
import type { Recommendation } from '../model/recommendation.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { RuleFile } from '../rules/rule-schema.js';
import { type HttpErrorCode, HttpProblem } from './problem.js';
import type { BodyFormat } from './read-body.js';
import type { RecommendOptions, RecommendQuery } from './recommend-options.js';

/** What a worker is started with: everything advise() needs that is plain data. */
export interface WorkerSetup {
  /** The rules, without their compiled conditions (functions do not cross threads). */
  rules: (RuleFile & { file: string })[];
  instanceTypes: InstanceType[] | undefined;
  /**
   * The pool replaces a worker holding more than this (MiB) after a job; past it, the worker collects its
   * garbage before reporting its footprint, so only memory that stays counts.
   */
  recycleMb: number | undefined;
}

/** Who generates IaC: the worker (src/iac), the request thread (a generator given to createApp), or nobody. */
export type IacMode = 'worker' | 'caller' | 'none';

/** One POST /recommend, from the raw body on: decoding it is CPU work too. */
export interface RecommendJob {
  text: string;
  format: BodyFormat;
  query: RecommendQuery;
  iac: IacMode;
  /** The name of the request thread's price source (`snapshot`, `live`), reported in the recommendation. */
  priceSourceName: string;
  /**
   * advise()'s own deadline (Date.now() time, which every thread shares), a little before the request's:
   * a worker that can stop itself is kept, one that cannot is terminated at the request's deadline.
   */
  deadlineAt: number;
  /** The web page's job: answer with the HTML report (and its starter code) instead of JSON. */
  report?: boolean;
}

export type JobResult =
  /** The response body, serialised in the worker. */
  | { kind: 'json'; body: string }
  /** The HTML report's markup, rendered in the worker, for the web page. */
  | { kind: 'html'; body: string }
  /** The recommendation, for IaC generated on the request thread. */
  | { kind: 'recommendation'; recommendation: Recommendation; options: RecommendOptions };

export type SerializedError =
  | { kind: 'berth'; code: ErrorCode; message: string; issues: Issue[] }
  | { kind: 'http'; code: HttpErrorCode; message: string; issues: Issue[]; headers: Record<string, string> }
  | { kind: 'other'; name: string; message: string; stack: string | undefined };

export type ToWorker =
  | { type: 'job'; id: number; job: RecommendJob }
  | { type: 'prices'; callId: number; ok: true; prices: Map<PriceId, Price>; warnings: string[] }
  | { type: 'prices'; callId: number; ok: false; error: SerializedError };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'prices'; callId: number; region: string; ids: PriceId[] }
  | ({ type: 'done'; id: number; ok: true; result: JobResult } & JobFootprint)
  | ({ type: 'done'; id: number; ok: false; error: SerializedError } & JobFootprint);

/** What a worker holds after a job (MiB), whether it collected its garbage to tell, and the job's peak tasks. */
export interface JobFootprint {
  footprintMb: number;
  collected: boolean;
  peakTasks: number;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof HttpProblem) {
    return {
      kind: 'http',
      code: error.code,
      message: error.message,
      issues: error.issues,
      headers: error.headers,
    };
  }
  if (isBerthError(error))
    return { kind: 'berth', code: error.code, message: error.message, issues: error.issues };
  if (error instanceof Error)
    return { kind: 'other', name: error.name, message: error.message, stack: error.stack };
  return { kind: 'other', name: 'Error', message: String(error), stack: undefined };
}

/** The error again, as the class the problem mapping knows; an unknown error keeps its name and stack. */
export function reviveError(error: SerializedError): Error {
  if (error.kind === 'http')
    return new HttpProblem(error.code, error.message, { issues: error.issues, headers: error.headers });
  if (error.kind === 'berth') return new BerthError(error.code, error.message, { issues: error.issues });
  const revived = new Error(error.message);
  revived.name = error.name;
  revived.stack = error.stack;
  return revived;
}
