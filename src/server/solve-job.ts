/**
 * @module solve-job: one recommendation through the server's pipeline, shared by POST /recommend and the
 * web page: the solve limiter (concurrency and queue), an advise worker, and the request's deadline.
 */
import { BerthError } from '../errors.js';
import { generateIac } from '../iac/generate.js';
import type { AppServices } from './app-services.js';
import type { BodyFormat } from './read-body.js';
import type { RecommendQuery } from './recommend-options.js';
import type { JobResult, RecommendJob } from './worker-protocol.js';

export interface SolveRequest {
  text: string;
  format: BodyFormat;
  query: RecommendQuery;
  report?: boolean;
}

/** How much earlier than the request's deadline advise() in the worker is told to give up. */
const WORKER_STOP_MARGIN_MS = 100;

export async function solveJob(services: AppServices, request: SolveRequest): Promise<JobResult> {
  const { limits, limiter } = services;
  const generate = services.generateIac;
  const job: RecommendJob = {
    ...request,
    iac: generate === undefined ? 'none' : generate === generateIac ? 'worker' : 'caller',
    priceSourceName: services.priceSource.name,
    // The worker stops itself a little before the request's deadline when it can, and is kept.
    deadlineAt: Date.now() + limits.solveTimeoutMs - WORKER_STOP_MARGIN_MS,
  };
  return withDeadline(limits.solveTimeoutMs, (signal) =>
    limiter.run(() => services.pool.run(job, services.priceSource, signal), signal),
  );
}

/** Races `work` against a deadline; the work is told through `signal` (a queued solve then never starts). */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new BerthError('SOLVE_TIMEOUT', `recommendation timed out: it took longer than ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
