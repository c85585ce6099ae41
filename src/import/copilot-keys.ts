/**
 * @module copilot-keys: the keys AWS Copilot's manifest reference gives each service and job type the
 * Copilot import reads, and the parts of a manifest that hold sizes, replicas, placement and exposure
 * (docs/import.md#copilot-keys). Copilot itself ignores a key it does not know, so `cpus: 2` deploys at
 * Copilot's default of 256 CPU units; Berth reports any other key at its line, with the nearest key when
 * it is a likely typo. Keys starting with `x-` are let through, as the place for YAML anchors.
 */
import type { FieldReader } from './field-reader.js';
import { checkShape, type KeyShape, type UnknownKeyMessage } from './key-check.js';

const isExtension = (key: string) => key.startsWith('x-');

function shape(what: string, keys: readonly string[], below?: KeyShape['below']): KeyShape {
  return { keys: new Set(keys), what, ...(below === undefined ? {} : { below }) };
}

/** `image` of any type (build or location, credentials, labels, depends_on; port and healthcheck). */
const IMAGE = shape('an image key', [
  'build',
  'location',
  'credentials',
  'labels',
  'depends_on',
  'port',
  'healthcheck',
]);

/** `count` as a map: Fargate Spot, or a range with what it scales on. */
const COUNT = shape(
  'a count key',
  [
    'spot',
    'range',
    'cooldown',
    'cpu_percentage',
    'memory_percentage',
    'requests',
    'response_time',
    'queue_delay',
  ],
  { range: shape('a count.range key', ['min', 'max', 'spot_from']) },
);

/** `http` as a map (Load Balanced Web Service and Backend Service). */
const HTTP = shape('an http key', [
  'path',
  'alb',
  'healthcheck',
  'deregistration_delay',
  'target_container',
  'targetContainer',
  'target_port',
  'stickiness',
  'allowed_source_ips',
  'alias',
  'hosted_zone',
  'redirect_to_https',
  'version',
  'additional_rules',
]);

const BELOW: KeyShape['below'] = {
  image: IMAGE,
  count: COUNT,
  platform: shape('a platform key', ['osfamily', 'architecture']),
  storage: shape('a storage key', ['ephemeral', 'readonly_fs', 'volumes']),
  http: HTTP,
  on: shape('an on key', ['schedule']),
  subscribe: shape('a subscribe key', ['topics', 'queue']),
};

/**
 * Keys every workload type has: its name and type, the main container (`image`, `entrypoint`, `command`),
 * the task (`cpu`, `memory`, `platform`, `count`, `exec`, `variables`, `env_file`, `secrets`, `storage`),
 * sidecars, logging, network, publish, task definition overrides and per-environment overrides.
 */
const COMMON = [
  'name',
  'type',
  'image',
  'entrypoint',
  'command',
  'cpu',
  'memory',
  'platform',
  'count',
  'exec',
  'variables',
  'env_file',
  'secrets',
  'storage',
  'logging',
  'sidecars',
  'network',
  'publish',
  'taskdef_overrides',
  'environments',
];

const TYPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  'Load Balanced Web Service': [...COMMON, 'http', 'nlb', 'deployment', 'observability'],
  'Backend Service': [...COMMON, 'http', 'deployment', 'observability'],
  'Worker Service': [...COMMON, 'subscribe', 'deployment', 'observability'],
  'Scheduled Job': [...COMMON, 'on', 'retries', 'timeout'],
};

const unknownKey: UnknownKeyMessage = (key, what, near) =>
  `unknown Copilot key "${key}": not ${what} in the Copilot manifest reference${near ? ` (did you mean ${near}?)` : ''}; Copilot ignores a key it does not know, so its value would not be used`;

/** Problems for the keys of a `type` manifest that Copilot's manifest reference does not have. */
export function checkCopilotKeys(reader: FieldReader, type: string): void {
  const keys = TYPE_KEYS[type];
  if (keys === undefined) return;
  const top: KeyShape = {
    ...shape(`a ${type} key`, keys, BELOW),
    allows: isExtension,
  };
  checkShape(reader, [], top, unknownKey);
}
