/**
 * @module field-reader: typed reads of one document's fields; a value of the wrong type becomes a
 * problem at its line (`compose.yaml:7: services.web.deploy.replicas: expected a number, got "two"`).
 */
import { describeValue } from '../issues.js';
import type { ProblemList } from './problems.js';
import { getPath, type PathKey, type SourceDocument } from './source-file.js';

export type Fields = Record<string, unknown>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `spec.containers[0].resources`, the way the input's own documentation writes a path. */
export function formatKeyPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out === '' ? '(document)' : out;
}

export class FieldReader {
  constructor(
    readonly doc: SourceDocument,
    readonly problems: ProblemList,
  ) {}

  get(path: readonly PathKey[]): unknown {
    return getPath(this.doc.value, path);
  }

  at(path: readonly PathKey[] = []): string {
    return this.doc.at(path);
  }

  /** `file:line path`, the provenance of one value. */
  source(path: readonly PathKey[]): string {
    return `${this.at(path)} ${formatKeyPath(path)}`;
  }

  problem(path: readonly PathKey[], why: string): void {
    this.problems.add(this.at(path), formatKeyPath(path), why);
  }

  string(path: readonly PathKey[]): string | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.problem(path, `expected a string, got ${describeValue(value)}`);
    return undefined;
  }

  /** A number, or a string holding only one (ECS writes `"cpu": "1024"`). */
  number(path: readonly PathKey[]): number | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
    this.problem(path, `expected a number, got ${describeValue(value)}`);
    return undefined;
  }

  boolean(path: readonly PathKey[]): boolean | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.problem(path, `expected true or false, got ${describeValue(value)}`);
    return undefined;
  }

  record(path: readonly PathKey[]): Fields | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (isFields(value)) return value;
    this.problem(path, `expected a map, got ${describeValue(value)}`);
    return undefined;
  }

  list(path: readonly PathKey[]): unknown[] | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.problem(path, `expected a list, got ${describeValue(value)}`);
    return undefined;
  }
}
