/** @module importer: what every format's importer is given and gives back. */
import type { WorkloadInput } from '../workload/schema.js';
import type { ProblemList } from './problems.js';
import type { ServiceDraft } from './service-draft.js';
import type { SourceDocument } from './source-file.js';
import type { ImportNote } from './types.js';

export interface ImporterContext {
  problems: ProblemList;
  /** The names of every file given, so `extends` and `include` can be checked against them. */
  fileNames: readonly string[];
}

export interface ImporterOutput {
  drafts: ServiceDraft[];
  notes: ImportNote[];
  skipped: string[];
  /** Workload-level values the input gives (Compose's project `name`), with where each came from. */
  workload: Partial<WorkloadInput>;
  workloadSources: Record<string, string>;
}

export type Importer = (docs: readonly SourceDocument[], context: ImporterContext) => ImporterOutput;

export function emptyOutput(): ImporterOutput {
  return { drafts: [], notes: [], skipped: [], workload: {}, workloadSources: {} };
}
