/** @module types: the nouns of an import: the files given, the options, the notes and the result. */
import type { WorkloadInput } from '../workload/schema.js';

/** One input file: its name (for messages and provenance) and its whole text. The library reads no disk. */
export interface ImportFile {
  name: string;
  text: string;
}

export const IMPORT_FORMATS = ['compose', 'kubernetes', 'ecs', 'copilot'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What kind of thing a note tells: where a value came from is in `sources`, not here. */
export type ImportNoteKind = 'assumed' | 'default' | 'unsupported' | 'skipped' | 'warning';

/** One thing the user should know about the import, with where in the input it comes from. */
export interface ImportNote {
  kind: ImportNoteKind;
  /** `file:line`, when the note is about one place in the input. */
  at?: string;
  /** The Berth service it concerns, when it concerns one. */
  service?: string;
  message: string;
}

/** A health check found in the input, kept for the starter code (the workload has no field for it). */
export interface KeptHealthcheck {
  command: string[];
  intervalSeconds?: number;
  timeoutSeconds?: number;
  retries?: number;
  startPeriodSeconds?: number;
}

export interface ImportResult {
  format: ImportFormat;
  /** A valid Berth workload (it passed the workload schema). */
  workload: WorkloadInput;
  /** Per service, per field: where the value came from (`compose.yaml:12 deploy.resources.limits.cpus`). */
  sources: Record<string, Record<string, string>>;
  /** Where each service was defined in the input, `file:line`. */
  origins: Record<string, string>;
  notes: ImportNote[];
  /** Services that got the default CPU or memory because the input gave none. */
  defaulted: string[];
  /** Kinds or documents that were read but not imported, each as `file:line kind name`. */
  skipped: string[];
  healthchecks: Record<string, KeptHealthcheck>;
}
