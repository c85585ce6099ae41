/**
 * Loads modules of the built package (dist/), the code users of Berth run: in the installed package,
 * `import { advise } from 'berth'`, the `berth` command and `berth serve` all load dist/. `npm run bench`,
 * `npm run bench:budgets` and `npm run bench:http` time advise() through it rather than through the
 * TypeScript sources that tsx transpiles: tsx compiles with esbuild's keepNames, which wraps every function
 * or class that gets a name (arrow functions bound to a const included) in a `__name` call, and for a
 * closure that call runs again each time the closure is made, in the solver's hot loops too
 * (docs/optimizer.md#which-code-the-benchmarks-time). The npm scripts build dist/ first.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');

/** The newest modification time (ms) of a file under `dir`, or 0 when it has none. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Says why dist/ cannot be timed as this checkout: null when it can. Missing is an error; older than
 * a source file is one too, since its timings would be of other code.
 */
function builtPackageProblem(): string | null {
  const entry = join(DIST, 'index.js');
  if (!existsSync(entry))
    return `${entry} is missing: the benchmark times the built package; run npm run build first (the npm script does)`;
  const built = statSync(entry).mtimeMs;
  if (newestUnder(join(ROOT, 'src')) > built)
    return `${DIST} is older than src/: the benchmark would time other code than this checkout's; run npm run build first (the npm script does)`;
  return null;
}

let checked = false;

/**
 * A module of dist/ by its path there (as under src/, with .js), typed as its source module. Modules
 * loaded this way share dist/'s instances (the solver threads' pool, the snapshot), as they do for a user.
 * The first call checks dist/ (builtPackageProblem): a benchmark cannot time a dist/ that is missing or
 * older than src/, so it prints why and exits with code 2.
 */
export async function loadBuilt<Module>(path: string): Promise<Module> {
  if (!checked) {
    const problem = builtPackageProblem();
    if (problem) {
      console.error(problem);
      process.exit(2);
    }
    checked = true;
  }
  return (await import(new URL(`../dist/${path}`, import.meta.url).href)) as Module;
}
