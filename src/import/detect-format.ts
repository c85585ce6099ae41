/** @module detect-format: tells which format a decoded document is written in, from the keys it has. */
import { isFields } from './field-reader.js';
import type { ImportFormat } from './types.js';

export type DetectedFormat = ImportFormat | 'berth' | 'unknown';

const COPILOT_TYPE =
  /^(Load Balanced Web Service|Backend Service|Worker Service|Scheduled Job|Request-Driven Web Service|Static Site)$/;

export function detectFormat(value: unknown): DetectedFormat {
  if (!isFields(value)) return 'unknown';
  if (typeof value.apiVersion === 'string' && typeof value.kind === 'string') return 'kubernetes';
  if (
    isFields(value.taskDefinition) ||
    Array.isArray(value.containerDefinitions) ||
    Array.isArray(value.taskDefinitions)
  )
    return 'ecs';
  if (Array.isArray(value.services) && value.services.some((s) => isFields(s) && 'serviceName' in s))
    return 'ecs';
  if (typeof value.type === 'string' && COPILOT_TYPE.test(value.type) && typeof value.name === 'string')
    return 'copilot';
  if (
    isFields(value.services) ||
    (value.services === undefined && (isFields(value.volumes) || 'include' in value))
  )
    return 'compose';
  if (Array.isArray(value.services)) return 'berth';
  return 'unknown';
}
