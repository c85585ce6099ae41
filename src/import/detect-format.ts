/** @module detect-format: tells which format a decoded document is written in, from the keys it has. */
import { ServiceSchema, WorkloadSchema } from '../workload/schema.js';
import { COMPOSE_SERVICE_KEYS, COMPOSE_TOP_KEYS, isExtensionKey } from './compose-keys.js';
import { type Fields, isFields } from './field-reader.js';
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
  if (berthKeysOfServiceMap(value).length > 0) return 'berth';
  if (
    isFields(value.services) ||
    (value.services === undefined && (isFields(value.volumes) || 'include' in value))
  )
    return 'compose';
  if (Array.isArray(value.services)) return 'berth';
  return 'unknown';
}

function without(keys: readonly string[], excluded: ReadonlySet<string>): Set<string> {
  return new Set(keys.filter((key) => !excluded.has(key)));
}
const BERTH_ONLY_SERVICE_KEYS = without(Object.keys(ServiceSchema.shape), COMPOSE_SERVICE_KEYS);
const BERTH_ONLY_TOP_KEYS = without(Object.keys(WorkloadSchema.shape), COMPOSE_TOP_KEYS);
const COMPOSE_ONLY_SERVICE_KEYS = without(
  [...COMPOSE_SERVICE_KEYS],
  new Set(Object.keys(ServiceSchema.shape)),
);
const COMPOSE_ONLY_TOP_KEYS = without([...COMPOSE_TOP_KEYS], new Set(Object.keys(WorkloadSchema.shape)));

/**
 * The keys that show a map of services is written in Berth's fields (`services: { web: { cpu: 2 } }`):
 * those of the file or its services that are Berth's and not Compose's, when none is Compose's alone;
 * none otherwise. Such a file is a Berth workload with its services written as a map, and is read as one,
 * so its error says so; read as Compose, its sizes would be unknown keys
 * (docs/import.md#berth-services-written-as-a-map).
 */
export function berthKeysOfServiceMap(top: Fields): string[] {
  if (!isFields(top.services)) return [];
  const serviceKeys = Object.values(top.services)
    .filter(isFields)
    .flatMap((definition) => Object.keys(definition));
  const topKeys = Object.keys(top);
  const compose =
    serviceKeys.some((key) => COMPOSE_ONLY_SERVICE_KEYS.has(key) || isExtensionKey(key)) ||
    topKeys.some((key) => COMPOSE_ONLY_TOP_KEYS.has(key) || isExtensionKey(key));
  if (compose) return [];
  return [
    ...new Set([
      ...serviceKeys.filter((key) => BERTH_ONLY_SERVICE_KEYS.has(key)),
      ...topKeys.filter((key) => BERTH_ONLY_TOP_KEYS.has(key)),
    ]),
  ];
}
