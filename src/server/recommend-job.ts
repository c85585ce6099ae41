/**
 * @module recommend-job: the work of one POST /recommend once its body is read: decode, resolve the
 * options, advise(), shape the answer, generate IaC and serialise. It runs in an advise worker, so none
 * of it (YAML of a megabyte, a fleet solve, a 5 MB JSON answer) runs on the thread that serves requests.
 */
import { advise } from '../advisor/advise.js';
import { generateIac } from '../iac/generate.js';
import { targetsFor } from '../iac/targets.js';
import type { Recommendation } from '../model/recommendation.js';
import type { InstanceType } from '../pricing/instance-type.js';
import type { PriceSource } from '../pricing/price-source.js';
import { renderReportBody } from '../report/render-html-report.js';
import type { Rule } from '../rules/loader.js';
import type { FleetSolver } from '../sizing/ec2-fleet.js';
import { generateArtifacts, generateRequested } from './iac.js';
import { HttpProblem } from './problem.js';
import { decodeBody } from './read-body.js';
import { resolveOptions } from './recommend-options.js';
import { shapeRecommendation } from './shape-recommendation.js';
import type { JobResult, RecommendJob } from './worker-protocol.js';

export interface JobContext {
  rules: readonly Rule[];
  instanceTypes: readonly InstanceType[] | undefined;
  priceSource: PriceSource;
  /** A fleet solver for one job (each job gets its own time budget). */
  fleetSolver: () => FleetSolver;
}

/**
 * Runs one job; `onAdvised` sees the recommendation as soon as advise() returns (the worker reads the
 * workload's size from it, to decide whether to replace itself afterwards).
 */
export async function runRecommendJob(
  job: RecommendJob,
  context: JobContext,
  onAdvised?: (recommendation: Recommendation) => void,
): Promise<JobResult> {
  const { workload, options } = resolveOptions(decodeBody(job.text, job.format), job.query);
  if (options.iac.length > 0 && job.iac === 'none') {
    throw new HttpProblem('IAC_UNAVAILABLE', 'IaC generation is not available on this server');
  }
  const recommendation = await advise(workload, {
    rules: context.rules,
    priceSource: context.priceSource,
    timeoutMs: Math.max(1, job.deadlineAt - Date.now()),
    fleetSolver: context.fleetSolver(),
    ...(context.instanceTypes ? { instanceTypes: context.instanceTypes } : {}),
  });
  onAdvised?.(recommendation);
  if (job.report) return reportResult(recommendation, job);
  if (job.iac === 'caller' && options.iac.length > 0)
    return { kind: 'recommendation', recommendation, options };
  const body = shapeRecommendation(recommendation, options.detail);
  if (options.iac.length > 0)
    Object.assign(body, await generateRequested(generateIac, recommendation, options.iac, options.candidate));
  return { kind: 'json', body: JSON.stringify(body) };
}

/**
 * The web page's answer: the report with starter code for every target that fits the recommended
 * candidate, rendered here so no part of it runs on the request thread; with a caller's generator, the
 * recommendation goes back for the request thread to finish.
 */
async function reportResult(recommendation: Recommendation, job: RecommendJob): Promise<JobResult> {
  const targets = reportTargets(recommendation);
  if (job.iac === 'caller')
    return {
      kind: 'recommendation',
      recommendation,
      options: { detail: 'full', iac: targets, candidate: null },
    };
  const iac = job.iac === 'worker' ? await generateArtifacts(generateIac, recommendation, targets) : [];
  return { kind: 'html', body: renderReportBody(recommendation, { iac }) };
}

/** The IaC targets that fit the recommended candidate (Terraform always, and its orchestrator's own). */
export function reportTargets(recommendation: Recommendation) {
  const best = recommendation.candidates.find((c) => c.id === recommendation.recommended);
  return best === undefined || best.cost === null ? [] : targetsFor(best);
}
