/**
 * @module compose-keys: the keys the Compose Specification allows at the top of a file, in a service, and
 * in the parts of `deploy` Berth reads sizes and replicas from (docs/import.md#compose-keys). Any other
 * key is a problem, not skipped: `mem_limt: 4g` or `deploy: { replica: 3 }` would otherwise leave a
 * service at the default size without a word. Keys starting `x-` are extensions, which Compose ignores
 * wherever they are written.
 */
import { type FieldReader, isFields } from './field-reader.js';
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

/** Keys of `deploy`, `deploy.resources`, and its `limits` and `reservations`. */
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
const LIMITS_KEYS: ReadonlySet<string> = new Set(['cpus', 'memory', 'pids']);
const RESERVATIONS_KEYS: ReadonlySet<string> = new Set(['cpus', 'memory', 'generic_resources', 'devices']);

/** An extension key: Compose ignores it, wherever it is written. */
export function isExtensionKey(key: string): boolean {
  return key.startsWith('x-');
}

/** A problem for each key of the map at `path` that is neither in `allowed` nor an extension. */
function checkKeys(
  reader: FieldReader,
  path: readonly PathKey[],
  allowed: ReadonlySet<string>,
  where: string,
): void {
  const value = reader.get(path);
  if (!isFields(value)) return;
  for (const key of Object.keys(value)) {
    if (allowed.has(key) || isExtensionKey(key)) continue;
    const near = closest(key, allowed);
    reader.problem(
      [...path, key],
      `unknown Compose key "${key}": not ${where} in the Compose Specification${near ? ` (did you mean ${near}?)` : ''}; extension keys start with x-`,
    );
  }
}

/** Problems for the top-level keys of a Compose document that Compose does not have. */
export function checkComposeTopKeys(reader: FieldReader): void {
  checkKeys(reader, [], COMPOSE_TOP_KEYS, 'a top-level key');
}

/** Problems for the keys of the service at `path` (and of its `deploy` sizes) that Compose does not have. */
export function checkComposeServiceKeys(reader: FieldReader, path: readonly PathKey[]): void {
  checkKeys(reader, path, COMPOSE_SERVICE_KEYS, 'a service attribute');
  checkKeys(reader, [...path, 'deploy'], DEPLOY_KEYS, 'a deploy attribute');
  checkKeys(reader, [...path, 'deploy', 'resources'], RESOURCES_KEYS, 'a deploy.resources attribute');
  checkKeys(reader, [...path, 'deploy', 'resources', 'limits'], LIMITS_KEYS, 'a resource limit');
  checkKeys(
    reader,
    [...path, 'deploy', 'resources', 'reservations'],
    RESERVATIONS_KEYS,
    'a resource reservation',
  );
}

/**
 * The allowed key nearest `key`, if it is a likely typo of it: one edit away for a key of up to four
 * letters (`cpu` → `cpus`, but not `gpu` → `cpus`), two for a longer one; none when two are as near.
 */
function closest(key: string, allowed: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = key.length <= 4 ? 2 : 3;
  let tied = false;
  for (const candidate of allowed) {
    const d = editDistance(key, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance) tied = true;
  }
  return tied ? undefined : best;
}

/** Levenshtein distance: insertions, deletions and substitutions, one edit each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}
