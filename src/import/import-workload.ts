/**
 * @module import-workload: `importWorkload(files, options)`: reads Compose, Kubernetes, ECS or Copilot
 * files (given as text; nothing is read from disk, executed or fetched) into a valid Berth workload,
 * with where each value came from and what was assumed.
 */
import { BerthError } from '../errors.js';
import { describeIssues, formatPath } from '../issues.js';
import { unknownRegionIssue } from '../workload/known-regions.js';
import { type ServiceInput, type WorkloadInput, WorkloadSchema } from '../workload/schema.js';
import { parseCpu, parseMemoryMiB } from '../workload/units.js';
import { importCompose } from './compose.js';
import { importCopilot } from './copilot.js';
import { berthKeysOfServiceMap, type DetectedFormat, detectFormat } from './detect-format.js';
import { importEcs } from './ecs.js';
import { FieldReader, isFields } from './field-reader.js';
import type { Importer, ImporterOutput } from './importer.js';
import { importKubernetes } from './kubernetes.js';
import {
  DEFAULT_CPU_VCPU,
  DEFAULT_MEMORY_MIB,
  DEFAULT_VOLUME_GIB,
  MAX_FILE_NAME_LENGTH,
  MAX_IMPORT_FILES,
} from './limits.js';
import { type ImportOverrides, ImportOverridesSchema } from './overrides.js';
import { ProblemList } from './problems.js';
import type { ServiceDraft } from './service-draft.js';
import { toUniqueServiceNames } from './service-names.js';
import { readSourceDocuments, type SourceDocument } from './source-file.js';
import type { ImportFile, ImportFormat, ImportNote, ImportResult } from './types.js';

export interface ImportOptions {
  /** The format of every file; detected from the first document of each file when absent. */
  from?: ImportFormat;
  /** CPU of services that state none (vCPU or "500m"); default 0.5 vCPU. */
  defaultCpu?: number | string;
  /** Memory of services that state none (MiB or "1 GiB"); default 1 GiB. */
  defaultMemory?: number | string;
  /** Size of volumes the input does not size, GiB; default 20. */
  defaultVolumeGiB?: number;
  /**
   * Whether the workload requires the Kubernetes API (only EKS then qualifies). Read for Kubernetes
   * input only; default false, and the output says so, so the user confirms it.
   */
  kubernetesApi?: boolean;
  /** An overrides file (YAML): `defaults`, fields per service under `services`, workload fields. */
  overrides?: ImportFile;
  /**
   * The regions Berth has data for (`listKnownRegions()`): a region the overrides set must be one of them, as
   * `advise()` requires, so the import never hands back a workload a recommendation refuses. Unchecked when absent.
   */
  regions?: readonly string[];
}

const IMPORTERS: Record<ImportFormat, Importer> = {
  compose: importCompose,
  kubernetes: importKubernetes,
  ecs: importEcs,
  copilot: importCopilot,
};

/** The format of `files`, or `berth` when they are one Berth workload; problems for the rest. */
export function detectFilesFormat(files: readonly ImportFile[]): DetectedFormat {
  const problems = new ProblemList();
  const formats = files.map((f) => {
    const first = readSourceDocuments(f, problems)[0];
    return first === undefined ? 'unknown' : detectFormat(first.value);
  });
  const known = [...new Set(formats.filter((f) => f !== 'unknown'))];
  return known.length === 1 && formats.every((f) => f !== 'unknown')
    ? (known[0] as DetectedFormat)
    : 'unknown';
}

export function importWorkload(files: readonly ImportFile[], options: ImportOptions = {}): ImportResult {
  checkFiles(files);
  const problems = new ProblemList();
  const docsByFile = files.map((f) => readSourceDocuments(f, problems));
  const format = options.from ?? pickFormat(files, docsByFile, problems);
  // With a format known, the readable files are imported even when another file is not, so that every
  // problem is reported at once; without one, there is nothing more to read.
  const mixed =
    options.from === undefined &&
    docsByFile.some((docs) => docs[0] !== undefined && detectFormat(docs[0].value) !== format);
  if (format === null || mixed) problems.throwIfAny(files.length);
  const docs = docsByFile.flat();
  const output = IMPORTERS[format as ImportFormat](docs, { problems, fileNames: files.map((f) => f.name) });
  const overrides = readOverrides(options.overrides, problems);
  const defaults = resolveDefaults(options, overrides, problems);
  problems.throwIfAny(files.length);
  if (output.drafts.length === 0) {
    const skipped =
      output.skipped.length > 0
        ? ` (${output.skipped.length} object(s) skipped: ${output.skipped.slice(0, 3).join('; ')})`
        : '';
    throw new BerthError(
      'INVALID_WORKLOAD',
      `could not import ${files.length} file(s): no service found in the ${format} input${skipped}`,
      {
        issues: [
          {
            path: files[0]?.name ?? '(import)',
            code: 'no_services',
            message: `no service found: a ${format} import needs at least one service${skipped}`,
          },
        ],
      },
    );
  }
  return assemble(format as ImportFormat, output, defaults, overrides, options);
}

function checkFiles(files: readonly ImportFile[]): void {
  const fail = (message: string) => {
    throw new BerthError('INVALID_WORKLOAD', `could not import: ${message}`, {
      issues: [{ path: '(import)', code: 'invalid_files', message }],
    });
  };
  if (files.length === 0) fail('no files given: pass at least one');
  if (files.length > MAX_IMPORT_FILES)
    fail(`${files.length} files given: at most ${MAX_IMPORT_FILES} (src/import/limits.ts)`);
  const seen = new Set<string>();
  for (const file of files) {
    if (file.name.length === 0 || file.name.length > MAX_FILE_NAME_LENGTH)
      fail(`a file name must have 1 to ${MAX_FILE_NAME_LENGTH} characters`);
    if (seen.has(file.name)) fail(`file ${file.name} given twice`);
    seen.add(file.name);
  }
}

function pickFormat(
  files: readonly ImportFile[],
  docsByFile: SourceDocument[][],
  problems: ProblemList,
): ImportFormat | null {
  const formats = docsByFile.map((docs) => (docs[0] === undefined ? 'unknown' : detectFormat(docs[0].value)));
  let chosen: ImportFormat | null = null;
  formats.forEach((format, i) => {
    const file = files[i] as ImportFile;
    const docs = docsByFile[i] as SourceDocument[];
    if (docs.length === 0) {
      if (file.text.trim() === '' || !problems.count)
        problems.add(`${file.name}:1`, 'empty', 'the file holds no document');
      return;
    }
    const berthKeys = isFields(docs[0]?.value) ? berthKeysOfServiceMap(docs[0].value) : [];
    if (berthKeys.length > 0)
      problems.add(
        docs[0]?.at(['services']) ?? `${file.name}:1`,
        'services',
        `a map of services written in Berth's fields (${berthKeys.join(', ')}), not Compose's: a Berth workload lists its services (services: [{ name: web, cpu: 2, memory: 4 GiB }]) and goes to berth recommend as it is; a Compose service is sized by cpus, mem_limit or deploy.resources`,
      );
    else if (format === 'berth')
      problems.add(
        `${file.name}:1`,
        'already a Berth workload',
        'give it to berth recommend as it is; import reads Compose, Kubernetes, ECS and Copilot files',
      );
    else if (format === 'unknown')
      problems.add(
        docs[0]?.at() ?? `${file.name}:1`,
        'format not recognised',
        'expected a Compose file (services:), Kubernetes objects (apiVersion and kind), ECS task definitions or services (aws ecs describe-*), or a Copilot manifest (name and type); name it with --from',
      );
    else if (chosen === null) chosen = format;
    else if (format !== chosen)
      problems.add(
        `${file.name}:1`,
        `a ${format} file`,
        `the other files are ${chosen}: import one format at a time`,
      );
  });
  return chosen;
}

function readOverrides(
  file: ImportFile | undefined,
  problems: ProblemList,
): { value: ImportOverrides; reader: FieldReader } | null {
  if (file === undefined) return null;
  const docs = readSourceDocuments(file, problems);
  const doc = docs[0];
  if (doc === undefined) return null;
  const parsed = ImportOverridesSchema.safeParse(doc.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.add(doc.at(issue.path as (string | number)[]), formatPath(issue.path), issue.message);
    return null;
  }
  return { value: parsed.data, reader: new FieldReader(doc, problems) };
}

interface Defaults {
  cpu: number | string;
  memory: number | string;
  volumeGiB: number;
  /** Where each default came from, for the comments. */
  said: { cpu: string; memory: string; volumeGiB: string };
}

/** The ImportOptions field of a default (the CLI checks its flags before they get here). */
function optionName(field: string): string {
  return field === 'volumeGiB' ? 'defaultVolumeGiB' : `default${field[0]!.toUpperCase()}${field.slice(1)}`;
}

function resolveDefaults(
  options: ImportOptions,
  overrides: { value: ImportOverrides; reader: FieldReader } | null,
  problems: ProblemList,
): Defaults {
  const fromFile = overrides?.value.defaults;
  const at = (field: string) => overrides?.reader.source(['defaults', field]) ?? '';
  // `where`: the place a problem with the value is reported at, as [at, what]: the option or the overrides file.
  const pick = <T>(flag: T | undefined, file: T | undefined, fallback: T, field: string, flagName: string) =>
    flag !== undefined
      ? { value: flag, said: `default from ${flagName}`, where: ['(options)', optionName(field)] as const }
      : file !== undefined
        ? {
            value: file,
            said: `default from ${at(field)}`,
            where: [overrides?.reader.at(['defaults', field]) ?? '', `defaults.${field}`] as const,
          }
        : { value: fallback, said: `Berth's default (override with ${flagName})`, where: ['', ''] as const };
  const cpu = pick(
    options.defaultCpu,
    fromFile?.cpu,
    DEFAULT_CPU_VCPU as number | string,
    'cpu',
    '--default-cpu',
  );
  const memory = pick(
    options.defaultMemory,
    fromFile?.memory,
    `${DEFAULT_MEMORY_MIB} MiB` as number | string,
    'memory',
    '--default-memory',
  );
  const volume = pick(
    options.defaultVolumeGiB,
    fromFile?.volumeGiB,
    DEFAULT_VOLUME_GIB,
    'volumeGiB',
    '--default-volume-gib',
  );
  const cpuCheck = parseCpu(cpu.value);
  if (!cpuCheck.ok) problems.add(cpu.where[0], cpu.where[1], cpuCheck.message);
  const memoryCheck = parseMemoryMiB(memory.value);
  if (!memoryCheck.ok) problems.add(memory.where[0], memory.where[1], memoryCheck.message);
  if (!(volume.value > 0))
    problems.add(volume.where[0], volume.where[1], `expected a positive number of GiB, got ${volume.value}`);
  return {
    cpu: cpu.value,
    memory: memory.value,
    volumeGiB: volume.value,
    said: { cpu: cpu.said, memory: memory.said, volumeGiB: volume.said },
  };
}

function assemble(
  format: ImportFormat,
  output: ImporterOutput,
  defaults: Defaults,
  overrides: { value: ImportOverrides; reader: FieldReader } | null,
  options: ImportOptions,
): ImportResult {
  const names = toUniqueServiceNames(output.drafts.map((d) => d.sourceName));
  const notes: ImportNote[] = [...output.notes];
  const sources: ImportResult['sources'] = {};
  const origins: ImportResult['origins'] = {};
  const healthchecks: ImportResult['healthchecks'] = {};
  const defaulted: string[] = [];
  const services = output.drafts.map((draft, i) => {
    const name = names[i] as string;
    const service = applyDefaults(draft, defaults, name, defaulted);
    if (name !== draft.sourceName)
      notes.push({
        kind: 'assumed',
        service: name,
        at: draft.origin,
        message: `named ${name}: "${draft.sourceName}" is not a valid Berth service name`,
      });
    const own = overrides?.value.services?.[name] ?? overrides?.value.services?.[draft.sourceName];
    if (own !== undefined) {
      const key = overrides?.value.services?.[name] !== undefined ? name : draft.sourceName;
      for (const [field, value] of Object.entries(own)) {
        (service as Record<string, unknown>)[field] = value;
        draft.sources[field] = overrides?.reader.source(['services', key, field]) ?? 'overrides';
      }
    }
    for (const note of draft.notes) notes.push({ ...note, service: name });
    sources[name] = draft.sources;
    origins[name] = draft.origin;
    if (draft.healthcheck) healthchecks[name] = draft.healthcheck;
    return service;
  });
  for (const key of Object.keys(overrides?.value.services ?? {})) {
    if (!names.includes(key) && !output.drafts.some((d) => d.sourceName === key))
      notes.push({
        kind: 'warning',
        at: overrides?.reader.at(['services', key]),
        message: `the overrides name service ${key}, which the import did not find: not applied`,
      });
  }
  const workload: WorkloadInput = { name: 'imported', region: 'us-east-1', ...output.workload, services };
  const workloadSources: Record<string, string> = { ...output.workloadSources };
  if (output.workload.name === undefined) workloadSources.name = 'assumed: the input names no project';
  workloadSources.region = "assumed: us-east-1, Berth's default region; set region in the overrides file";
  if (format === 'kubernetes') {
    const requires = options.kubernetesApi ?? false;
    workload.requirements = { kubernetesApi: requires };
    workloadSources['requirements.kubernetesApi'] =
      options.kubernetesApi === undefined
        ? 'default: false, so ECS competes with EKS; confirm with --kubernetes-api yes if you rely on Helm, operators, CRDs or kubectl tooling'
        : `--kubernetes-api ${requires ? 'yes' : 'no'}`;
    workload.team = { kubernetesExperience: 'some' };
    workloadSources['team.kubernetesExperience'] =
      'assumed: a team that writes Kubernetes manifests has some Kubernetes experience';
  }
  for (const field of [
    'name',
    'region',
    'traffic',
    'team',
    'requirements',
    'network',
    'registryStorageGB',
    'launchBurst',
  ] as const) {
    const value = overrides?.value[field];
    if (value === undefined) continue;
    (workload as Record<string, unknown>)[field] =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof workload[field] === 'object'
        ? { ...(workload[field] as object), ...(value as object) }
        : value;
    workloadSources[field] = overrides?.reader.source([field]) ?? 'overrides';
  }
  validate(workload, output.drafts, workloadSources, overrides?.reader ?? null, options.regions);
  sources['(workload)'] = workloadSources;
  return { format, workload, sources, origins, notes, defaulted, skipped: output.skipped, healthchecks };
}

function applyDefaults(
  draft: ServiceDraft,
  defaults: Defaults,
  name: string,
  defaulted: string[],
): ServiceInput {
  const fields = { ...draft.fields };
  if (draft.cpuMissing || fields.cpu === undefined) {
    fields.cpu = defaults.cpu;
    draft.sources.cpu = `${defaults.said.cpu}: the input gives no CPU`;
  }
  if (draft.memoryMissing || fields.memory === undefined) {
    fields.memory = defaults.memory;
    draft.sources.memory = `${defaults.said.memory}: the input gives no memory`;
  }
  if (draft.cpuMissing || draft.memoryMissing) defaulted.push(name);
  if (draft.volumeSizeMissing && fields.needs?.persistentVolume) {
    fields.needs = { ...fields.needs, persistentVolume: { sizeGiB: defaults.volumeGiB, durable: true } };
    draft.sources['needs.persistentVolume'] =
      `${draft.sources['needs.persistentVolume'] ?? ''}; size: ${defaults.said.volumeGiB}, ${defaults.volumeGiB} GiB`;
  }
  // Values the input left to a format's default are written out, so their comment says why.
  if (fields.architecture === undefined && draft.sources.architecture !== undefined)
    fields.architecture = 'x86_64';
  if (fields.replicas === undefined && draft.sources.replicas !== undefined) fields.replicas = 1;
  const ordered: Record<string, unknown> = { name };
  for (const key of FIELD_ORDER) if (fields[key] !== undefined) ordered[key] = fields[key];
  return ordered as ServiceInput;
}

/** The order fields are written in: what a reader looks for first. */
const FIELD_ORDER = [
  'image',
  'cpu',
  'memory',
  'replicas',
  'architecture',
  'os',
  'gpus',
  'port',
  'exposure',
  'traffic',
  'interruptible',
  'needs',
] as const;

/** The source recorded for the longest dotted prefix of `path` (`needs.persistentVolume` for its sizeGiB). */
function sourceOf(
  sources: Readonly<Record<string, string>>,
  path: readonly PropertyKey[],
): string | undefined {
  for (let n = path.length; n > 0; n -= 1) {
    const key = path.slice(0, n).map(String).join('.');
    if (Object.hasOwn(sources, key)) return sources[key];
  }
  return undefined;
}

/** The workload schema's verdict, each issue placed at the input line its value came from. */
function validate(
  workload: WorkloadInput,
  drafts: readonly ServiceDraft[],
  workloadSources: Readonly<Record<string, string>>,
  overrides: FieldReader | null,
  regions: readonly string[] | undefined,
): void {
  const parsed = WorkloadSchema.safeParse(workload);
  const region = regions && unknownRegionIssue(workload.region, regions);
  if (parsed.success && !region) return;
  const problems = new ProblemList();
  if (region) problems.add(overrides?.at(['region']) ?? '(import)', 'region', region.message);
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [first, index, ...field] = issue.path;
    const draft = first === 'services' && typeof index === 'number' ? drafts[index] : undefined;
    // A service field's source, else a workload field's (Compose's `name`, an overrides value): the
    // longest dotted prefix of the issue's path that has one (`needs.ephemeralStorageGiB`, `name`).
    const source = draft
      ? sourceOf(draft.sources, field)
      : first === 'services'
        ? undefined
        : sourceOf(workloadSources, issue.path);
    const at =
      source?.match(/^(\S+:\d+)/)?.[1] ?? draft?.origin ?? overrides?.at([String(first)]) ?? '(import)';
    problems.add(at, formatPath(issue.path), issue.message);
  }
  try {
    problems.throwIfAny(drafts.length);
  } catch (error) {
    const e = error as BerthError;
    throw new BerthError(
      'INVALID_WORKLOAD',
      `the imported workload is not valid: ${describeIssues(e.issues)}`,
      { issues: e.issues },
    );
  }
}
