/**
 * @module iac: how POST /recommend returns starter infrastructure code. The server asks an `IacGenerator`
 * for each requested target: src/iac's generateIac by default (createApp's `generateIac`), or none when
 * the deployment turns it off, and then a request for IaC is answered 501 IAC_UNAVAILABLE.
 */

import type { IacArtifact, IacTarget } from '../model/iac.js';
import type { Recommendation } from '../model/recommendation.js';

/** Generates starter code for one target; throws BerthError UNSUPPORTED_IAC_TARGET when it cannot. */
export type IacGenerator = (
  recommendation: Recommendation,
  target: IacTarget,
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
