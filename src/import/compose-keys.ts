/**
 * @module compose-keys: the keys the Compose Specification allows at the top of a file, in a service, and
 * in the parts of `deploy` Berth reads sizes and replicas from (docs/import.md#compose-keys). Any other
 * key is a problem, not skipped: `mem_limt: 4g` or `deploy: { replica: 3 }` would otherwise leave a
 * service at the default size without a word. Keys starting `x-` are extensions, which Compose ignores
 * wherever they are written.
 */
import type { FieldReader } from './field-reader.js';
import { checkShape, type KeyShape, type UnknownKeyMessage } from './key-check.js';
import type { PathKey } from './source-file.js';

/** Top-level keys of a Compose file. */
export const COMPOSE_TOP_KEYS: ReadonlySet<string> = new Set([
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs',
]);

/** Keys of a service definition. */
export const COMPOSE_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'annotations',
  'attach',
  'blkio_config',
  'build',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'command',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'depends_on',
  'deploy',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'env_file',
  'environment',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'labels',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'models',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'post_start',
  'pre_stop',
  'privileged',
  'profiles',
  'provider',
  'pull_policy',
  'pull_refresh_after',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volumes',
  'volumes_from',
  'working_dir',
]);

/** Keys of `deploy`, `deploy.resources`, and its `limits` and `reservations` (`deploy.placement`: PLACEMENT_KEYS). */
const DEPLOY_KEYS: ReadonlySet<string> = new Set([
  'mode',
  'endpoint_mode',
  'replicas',
  'labels',
  'rollback_config',
  'update_config',
  'resources',
  'restart_policy',
  'placement',
]);
const RESOURCES_KEYS: ReadonlySet<string> = new Set(['limits', 'reservations']);
/** Keys of `deploy.placement`: its `max_replicas_per_node` of 1 is read (compose.ts, readReplicas). */
const PLACEMENT_KEYS: ReadonlySet<string> = new Set(['constraints', 'preferences', 'max_replicas_per_node']);
const LIMITS_KEYS: ReadonlySet<string> = new Set(['cpus', 'memory', 'pids']);
const RESERVATIONS_KEYS: ReadonlySet<string> = new Set(['cpus', 'memory', 'generic_resources', 'devices']);

/** An extension key: Compose ignores it, wherever it is written. */
export function isExtensionKey(key: string): boolean {
  return key.startsWith('x-');
}

const TOP: KeyShape = { keys: COMPOSE_TOP_KEYS, what: 'a top-level key', allows: isExtensionKey };

const SERVICE: KeyShape = {
  keys: COMPOSE_SERVICE_KEYS,
  what: 'a service attribute',
  allows: isExtensionKey,
  below: {
    deploy: {
      keys: DEPLOY_KEYS,
      what: 'a deploy attribute',
      allows: isExtensionKey,
      below: {
        placement: { keys: PLACEMENT_KEYS, what: 'a deploy.placement attribute', allows: isExtensionKey },
        resources: {
          keys: RESOURCES_KEYS,
          what: 'a deploy.resources attribute',
          allows: isExtensionKey,
          below: {
            limits: { keys: LIMITS_KEYS, what: 'a resource limit', allows: isExtensionKey },
            reservations: { keys: RESERVATIONS_KEYS, what: 'a resource reservation', allows: isExtensionKey },
          },
        },
      },
    },
  },
};

const unknownComposeKey: UnknownKeyMessage = (key, what, near) =>
  `unknown Compose key "${key}": not ${what} in the Compose Specification${near ? ` (did you mean ${near}?)` : ''}; extension keys start with x-`;

/** Problems for the top-level keys of a Compose document that Compose does not have. */
export function checkComposeTopKeys(reader: FieldReader): void {
  checkShape(reader, [], TOP, unknownComposeKey);
}

/** Problems for the keys of the service at `path` (and of its `deploy` sizes) that Compose does not have. */
export function checkComposeServiceKeys(reader: FieldReader, path: readonly PathKey[]): void {
  checkShape(reader, path, SERVICE, unknownComposeKey);
}
