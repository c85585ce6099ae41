import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVersion } from '../../src/cli/version.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('readVersion', () => {
  it('finds the nearest package.json named berth above the folder, as from a built dist/cli/', () => {
    const root = makeTempDir();
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'berth', version: '9.8.7' }));
    // A package.json of another name on the way up (a nested package) is passed over.
    mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(path.join(root, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    expect(readVersion(path.join(root, 'dist', 'cli'))).toBe('9.8.7');
  });

  it('says where it looked when there is no such package.json', () => {
    const dir = makeTempDir();
    expect(() => readVersion(dir)).toThrow(
      `could not read Berth's version: no package.json named "berth" above ${dir}`,
    );
  });
});
