/** @module generate: starter infrastructure code for a candidate of a recommendation. */

import type { IacArtifact } from '../model/iac.js';
import type { Recommendation } from '../model/recommendation.js';
import type { CandidateId } from '../model/vocabulary.js';
import { renderEcsCloudFormation } from './cloudformation/ecs-template.js';
import { isAutoMode } from './kubernetes/auto-mode-node-pools.js';
import { renderKubernetes } from './kubernetes/manifests.js';
import { planStack, type StackPlan } from './stack-plan.js';
import { resolveRequest } from './targets.js';
import { renderEcsTerraform } from './terraform/ecs-stack.js';
import { renderEksAutoModeTerraform } from './terraform/eks-auto-mode-stack.js';
import { renderEksTerraform } from './terraform/eks-stack.js';

export interface GenerateIacOptions {
  /** The candidate to generate for; default: the recommended one. */
  candidate?: CandidateId;
}

/**
 * Writes starter code for one target (`terraform`, `cloudformation`, `kubernetes`): every size, count,
 * instance type, node pool, load balancer and purchase option comes from the recommendation. Pure; throws BerthError UNSUPPORTED_IAC_TARGET, listing what fits, when the target or
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
): IacArtifact {
  const request = resolveRequest(recommendation, target, options.candidate);
  const plan = planStack(recommendation, request.candidate);
  switch (request.target) {
    case 'terraform':
      return {
        target: request.target,
        candidate: request.candidate.id,
        files: terraformFiles(plan),
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

function terraformFiles(plan: StackPlan): IacArtifact['files'] {
  if (plan.orchestrator === 'ecs') return renderEcsTerraform(plan);
  return isAutoMode(plan) ? renderEksAutoModeTerraform(plan) : renderEksTerraform(plan);
}
