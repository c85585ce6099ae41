/**
 * @module iac: how POST /recommend returns starter infrastructure code. The server asks an `IacGenerator`
 * for each requested target: src/iac's generateIac by default (createApp's `generateIac`), or none when
 * the deployment turns it off, and then a request for IaC is answered 501 IAC_UNAVAILABLE.
 */
import { z } from '@hono/zod-openapi';
import { CANDIDATE_IDS, type CandidateId } from '../advisor/candidate.js';
import type { Recommendation } from '../advisor/recommendation.js';
import type { IacTarget } from './recommend-options.js';

/** One generated file. */
export interface IacFile {
  /** Relative path inside the output folder, with forward slashes. */
  path: string;
  contents: string;
}

/** What one target produced. */
export interface IacArtifact {
  target: IacTarget;
  /** The candidate the code is for (the recommended one). */
  candidate: CandidateId;
  files: IacFile[];
}

/** Generates starter code for one target; throws BerthError UNSUPPORTED_IAC_TARGET when it cannot. */
export type IacGenerator = (
  recommendation: Recommendation,
  target: IacTarget,
) => Promise<IacArtifact> | IacArtifact;

export const IacArtifactSchema = z
  .strictObject({
    target: z.enum(['terraform', 'cloudformation', 'kubernetes']),
    candidate: z.enum(CANDIDATE_IDS as [CandidateId, ...CandidateId[]]),
    files: z.array(z.strictObject({ path: z.string(), contents: z.string() })),
  })
  .openapi('IacArtifact', { description: 'Starter infrastructure code for one target' });

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
