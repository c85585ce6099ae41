/**
 * @module iac: how POST /recommend returns starter infrastructure code. The server asks an `IacGenerator`
 * for each requested target: src/iac's generateIac by default (createApp's `generateIac`), or none when
 * the deployment turns it off, and then a request for IaC is answered 501 IAC_UNAVAILABLE.
 */

import { isBerthError } from '../errors.js';
import type { IacArtifact, IacSkipped, IacTarget } from '../model/iac.js';
import type { Recommendation } from '../model/recommendation.js';
import type { CandidateId } from '../model/vocabulary.js';

/**
 * Generates starter code for one target, for the recommended candidate or `options.candidate`; throws
 * BerthError UNSUPPORTED_IAC_TARGET when it cannot.
 */
export type IacGenerator = (
  recommendation: Recommendation,
  target: IacTarget,
  options?: { candidate?: CandidateId },
) => Promise<IacArtifact> | IacArtifact;

/** Runs the generator for each target, in the order asked. */
export async function generateArtifacts(
  generate: IacGenerator,
  recommendation: Recommendation,
  targets: readonly IacTarget[],
): Promise<IacArtifact[]> {
  const out: IacArtifact[] = [];
  for (const target of targets) out.push(await generate(recommendation, target));
  return out;
}

/**
 * The starter code POST /recommend was asked for: each requested target that fits the candidate (the
 * recommended one, or `candidate`), and the others listed with the generator's reason (`iac=terraform,
 * cloudformation,kubernetes` asks for every kind; an ECS candidate has no Kubernetes manifests, an EKS one no
 * CloudFormation). When no requested target fits, or the candidate cannot have code at all, the first
 * refusal is the answer (400 UNSUPPORTED_IAC_TARGET), as before.
 */
export async function generateRequested(
  generate: IacGenerator,
  recommendation: Recommendation,
  targets: readonly IacTarget[],
  candidate: CandidateId | null,
): Promise<{ iac: IacArtifact[]; iacSkipped?: IacSkipped[] }> {
  const iac: IacArtifact[] = [];
  const skipped: { target: IacTarget; error: unknown }[] = [];
  for (const target of targets) {
    try {
      iac.push(await generate(recommendation, target, candidate === null ? {} : { candidate }));
    } catch (error) {
      // Only a target that does not fit the candidate is skipped; a candidate with no code (excluded, a
      // duplicate, not in the recommendation) has none for any target.
      const targetLevel =
        isBerthError(error) && error.code === 'UNSUPPORTED_IAC_TARGET' && 'targets' in error.details;
      if (!targetLevel) throw error;
      skipped.push({ target, error });
    }
  }
  if (iac.length === 0 && skipped.length > 0) throw skipped[0]!.error;
  if (skipped.length === 0) return { iac };
  return {
    iac,
    iacSkipped: skipped.map(({ target, error }) => ({ target, reason: (error as Error).message })),
  };
}
