/** @module generate: starter infrastructure code for a candidate of a recommendation. */
import type { CandidateId } from '../advisor/candidate.js';
import type { Recommendation } from '../advisor/recommendation.js';
import { findInstanceType } from '../pricing/instance-catalog.js';
import type { InstanceType } from '../pricing/instance-type.js';
import { renderEcsCloudFormation } from './cloudformation/ecs-template.js';
import { renderKubernetes } from './kubernetes/manifests.js';
import type { IacOutput } from './output.js';
import { planStack } from './stack-plan.js';
import { resolveRequest } from './targets.js';
import { renderEcsTerraform } from './terraform/ecs-stack.js';
import { renderEksTerraform } from './terraform/eks-stack.js';

export interface GenerateIacOptions {
  /** The candidate to generate for; default: the recommended one. */
  candidate?: CandidateId;
  /** Looks up instance types (architecture, GPUs, size); default: the embedded catalog. */
  findInstanceType?: (name: string) => InstanceType | undefined;
}

/**
 * Writes starter code for one target (`terraform`, `cloudformation`, `kubernetes`): every size, count,
 * instance type and purchase option comes from the recommendation. Pure apart from reading the embedded
 * instance catalog once; throws BerthError UNSUPPORTED_IAC_TARGET, listing what fits, when the target or
 * candidate does not.
 *
 * @example
 * const rec = await advise(parseWorkloadText(text));
 * const { files } = generateIac(rec, 'terraform');
 */
export function generateIac(
  recommendation: Recommendation,
  target: string,
  options: GenerateIacOptions = {},
): IacOutput {
  const request = resolveRequest(recommendation, target, options.candidate);
  const plan = planStack(
    recommendation,
    request.candidate,
    options.findInstanceType ?? ((name) => findInstanceType(name)),
  );
  switch (request.target) {
    case 'terraform':
      return {
        target: request.target,
        candidate: request.candidate.id,
        files: plan.orchestrator === 'ecs' ? renderEcsTerraform(plan) : renderEksTerraform(plan),
      };
    case 'cloudformation':
      return {
        target: request.target,
        candidate: request.candidate.id,
        files: renderEcsCloudFormation(plan),
      };
    case 'kubernetes':
      return { target: request.target, candidate: request.candidate.id, files: renderKubernetes(plan) };
  }
}
