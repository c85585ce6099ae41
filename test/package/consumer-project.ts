/**
 * @module consumer-project: a throwaway npm project that installs Berth's packed tarball with no network.
 * `npm ci` fills npm's cache with the tarballs of the lockfile but not with registry metadata, so
 * `npm install --offline <tarball>` cannot resolve versions (ENOTCACHED). The project gets a lockfile
 * instead: Berth from the tarball, and its production dependencies at exactly the versions of the
 * repository's lockfile (the entries npm does not mark `dev`), which `npm ci --offline` takes from the cache.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface LockEntry {
  dev?: boolean;
  [key: string]: unknown;
}

interface PackedTarball {
  filename: string;
  integrity: string;
}

/** Development packages the consumer installs too, from the same cache: a Node project's types. */
const CONSUMER_DEV = ['node_modules/@types/node', 'node_modules/undici-types'];

/** Writes package.json and package-lock.json of a project that depends on the tarball beside it. */
export function writeConsumerProject(repoRoot: string, projectDir: string, tarball: PackedTarball): void {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const spec = `file:../${tarball.filename}`;
  const typesNode = lock.packages['node_modules/@types/node'];
  if (!typesNode)
    throw new Error('cannot build the consumer lockfile: @types/node is not in package-lock.json');
  const manifest = {
    name: 'berth-consumer',
    version: '1.0.0',
    private: true,
    type: 'module',
    dependencies: { berth: spec },
    devDependencies: { '@types/node': typesNode.version },
  };
  const packages: Record<string, unknown> = {
    '': {
      name: manifest.name,
      version: manifest.version,
      dependencies: manifest.dependencies,
      devDependencies: manifest.devDependencies,
    },
    'node_modules/berth': {
      version: pkg.version,
      resolved: spec,
      integrity: tarball.integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      peerDependencies: pkg.peerDependencies,
      peerDependenciesMeta: pkg.peerDependenciesMeta,
      bin: pkg.bin,
      engines: pkg.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key !== '' && !entry.dev) packages[key] = entry;
  }
  for (const key of CONSUMER_DEV) packages[key] = lock.packages[key];
  writeFileSync(path.join(projectDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const consumerLock = {
    name: manifest.name,
    version: manifest.version,
    lockfileVersion: 3,
    requires: true,
    packages,
  };
  writeFileSync(path.join(projectDir, 'package-lock.json'), `${JSON.stringify(consumerLock, null, 2)}\n`);
}
