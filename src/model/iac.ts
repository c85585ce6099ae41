/** @module iac: the kinds of starter code Berth writes, and what one kind produces. */
import { z } from 'zod';
import { CandidateIdSchema } from './vocabulary.js';

export const IAC_TARGETS = ['terraform', 'cloudformation', 'kubernetes'] as const;
export const IacTargetSchema = z.enum(IAC_TARGETS);
export type IacTarget = z.infer<typeof IacTargetSchema>;

export function isIacTarget(value: string): value is IacTarget {
  return (IAC_TARGETS as readonly string[]).includes(value);
}

/** One generated file. */
export const IacFileSchema = z.strictObject({
  /** Relative path inside the output folder, with forward slashes. */
  path: z.string(),
  contents: z.string(),
});
export type IacFile = z.infer<typeof IacFileSchema>;

/** What one target produced for one candidate. */
export const IacArtifactSchema = z
  .strictObject({
    target: IacTargetSchema,
    /** The candidate the code is for (the recommended one unless another was asked for). */
    candidate: CandidateIdSchema,
    files: z.array(IacFileSchema),
  })
  .meta({ id: 'IacArtifact', description: 'Starter infrastructure code for one target' });
export type IacArtifact = z.infer<typeof IacArtifactSchema>;

/** A requested target that was not written, and why (it does not fit the candidate). */
export const IacSkippedSchema = z
  .strictObject({
    target: IacTargetSchema,
    /** Why this target cannot launch the candidate, and which targets can. */
    reason: z.string(),
  })
  .meta({
    id: 'IacSkipped',
    description: 'A requested IaC target not written for the candidate, with the reason',
  });
export type IacSkipped = z.infer<typeof IacSkippedSchema>;
