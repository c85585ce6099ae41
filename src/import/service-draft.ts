/**
 * @module service-draft: a Berth service being assembled from an input, each field with the place it
 * came from, and the notes the import makes about it.
 */
import type { ServiceInput } from '../workload/schema.js';
import type { ImportNote, ImportNoteKind, KeptHealthcheck } from './types.js';

type ServiceFields = Omit<ServiceInput, 'name'>;

export interface ServiceDraft {
  /** The name in the input; made a valid Berth name (lower case, dashes) at the end. */
  sourceName: string;
  /** `file:line` where the service is defined. */
  origin: string;
  fields: Partial<ServiceFields>;
  /** Field → where its value came from (`file:line path`), or what was assumed. */
  sources: Record<string, string>;
  notes: ImportNote[];
  healthcheck?: KeptHealthcheck;
  /** True when no CPU was found, so the default applies. */
  cpuMissing: boolean;
  memoryMissing: boolean;
  /** A named volume of unknown size: the default volume size applies. */
  volumeSizeMissing: boolean;
}

export function createDraft(sourceName: string, origin: string): ServiceDraft {
  return {
    sourceName,
    origin,
    fields: {},
    sources: {},
    notes: [],
    cpuMissing: false,
    memoryMissing: false,
    volumeSizeMissing: false,
  };
}

/** Sets a field with where it came from; `needs.x` sets one need. */
export function setField(draft: ServiceDraft, field: string, value: unknown, source: string): void {
  if (field.startsWith('needs.')) {
    const need = field.slice('needs.'.length);
    draft.fields.needs = { ...draft.fields.needs, [need]: value } as ServiceFields['needs'];
  } else {
    (draft.fields as Record<string, unknown>)[field] = value;
  }
  draft.sources[field] = source;
}

export function addNote(draft: ServiceDraft, kind: ImportNoteKind, message: string, at?: string): void {
  draft.notes.push({ kind, message, ...(at === undefined ? {} : { at }) });
}

/**
 * A job run on a schedule of several windows a day runs no task between them: its replicas become 0 to
 * the count of one run, since the workload's `scheduled` pattern runs the minimum outside its windows
 * (a fixed count would be billed all week). A once-a-day `batch` window already idles at 0.
 */
export function idleBetweenRuns(draft: ServiceDraft, traffic: { pattern: string }, perRun: number): void {
  if (traffic.pattern !== 'scheduled') return;
  const source = draft.sources.replicas;
  setField(
    draft,
    'replicas',
    { min: 0, max: perRun },
    `none between runs (the schedule's windows), ${perRun} during each${source ? `; ${source}` : ''}`,
  );
}
