import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A copy of bin/berth.js in a folder of its own, with a dist/cli/main.js and a src/cli/main.ts that each
 * print which one ran and the BERTH_BIN_RUNS the bin passes on, and the project's node_modules (for tsx).
 */
function fakeClone(options: { dist: boolean; src: boolean }): string {
  const root = makeTempDir();
  mkdirSync(path.join(root, 'bin'));
  copyFileSync(path.join(ROOT, 'bin', 'berth.js'), path.join(root, 'bin', 'berth.js'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'berth', type: 'module' }));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  if (options.src) {
    mkdirSync(path.join(root, 'src', 'cli'), { recursive: true });
    writeFileSync(
      path.join(root, 'src', 'cli', 'main.ts'),
      "const from: string = 'src';\nconsole.log(from, process.env.BERTH_BIN_RUNS);\n",
    );
  }
  if (options.dist) {
    mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
    writeFileSync(
      path.join(root, 'dist', 'cli', 'main.js'),
      "console.log('dist', process.env.BERTH_BIN_RUNS);\n",
    );
  }
  return root;
}

/** Sets a file's modification time to `seconds` after the epoch. */
function touchAt(file: string, seconds: number): void {
  utimesSync(file, seconds, seconds);
}

/** A fake clone whose dist/ is older than its src/. */
function staleClone(): string {
  const root = fakeClone({ dist: true, src: true });
  touchAt(path.join(root, 'dist', 'cli', 'main.js'), 1_000_000);
  touchAt(path.join(root, 'src', 'cli', 'main.ts'), 2_000_000);
  return root;
}

/** Runs the copied bin; `runs` is the BERTH_BIN_RUNS it inherits (none by default). */
function run(root: string, runs?: string) {
  const env = { ...process.env };
  delete env.BERTH_BIN_RUNS;
  if (runs !== undefined) env.BERTH_BIN_RUNS = runs;
  return spawnSync(process.execPath, [path.join(root, 'bin', 'berth.js')], { encoding: 'utf8', env });
}

describe('bin/berth.js', () => {
  it('runs dist/ when it is newer than every file under src/', () => {
    const root = fakeClone({ dist: true, src: true });
    touchAt(path.join(root, 'src', 'cli', 'main.ts'), 1_000_000);
    touchAt(path.join(root, 'dist', 'cli', 'main.js'), 2_000_000);
    const result = run(root);
    expect(result.stdout).toBe('dist dist\n');
    expect(result.stderr).toBe('');
  });

  it('runs the sources, and says why, when dist/ is older than a file under src/', () => {
    const result = run(staleClone());
    expect(result.stdout).toBe('src sources\n');
    expect(result.stderr).toBe(
      'berth: dist/ is older than src/, so the sources run (`npm run build` to run dist/)\n',
    );
  });

  it("runs what its parent chose, without a second note, in berth serve's child process", () => {
    const root = staleClone();
    const child = run(root, 'sources');
    expect(child.stdout).toBe('src sources\n');
    expect(child.stderr).toBe('');
    // The parent's choice holds even where the child, deciding alone, would have run the other.
    expect(run(root, 'dist').stdout).toBe('dist dist\n');
  });

  it('runs the sources of an unbuilt clone without a word', () => {
    const result = run(fakeClone({ dist: false, src: true }));
    expect(result.stdout).toBe('src sources\n');
    expect(result.stderr).toBe('');
  });

  it('runs dist/ in an installed package, which has no src/', () => {
    const result = run(fakeClone({ dist: true, src: false }));
    expect(result.stdout).toBe('dist dist\n');
    expect(result.stderr).toBe('');
  });
});
