/**
 * @module malloc-arenas: runs `berth serve` with glibc's malloc limited to two arenas, by starting it
 * again as a child process with `MALLOC_ARENA_MAX=2` when the variable is not set.
 *
 * Why: glibc gives each thread that allocates its own malloc arena (up to 8 per core), and an arena keeps
 * the pages of freed memory. The server's advise workers are threads that build large objects, so after
 * a burst of big recommendations the process held 16–41 % more resident memory than before, though
 * every heap had been collected (three runs of issue 11's chaos suite; the request thread's own heap grew
 * by 9 MiB of the 93). With two arenas the threads reuse each other's free pages: in the same
 * 3,000-body run, 472 → 473 MiB over the fuzz, against 493 → 586 MiB without the limit.
 * glibc reads the variable only when the process starts, hence the second process.
 * Reference: https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** The value set for the server process. */
export const SERVE_MALLOC_ARENA_MAX = '2';

/**
 * True when this process should start `berth serve` again with the arena limit: on glibc (musl and other
 * systems ignore the variable), when the user has not chosen a value, and when this is not already the
 * child (`BERTH_SERVE_CHILD`).
 */
export function shouldLimitArenas(env: Record<string, string | undefined>): boolean {
  if (env.MALLOC_ARENA_MAX !== undefined || env.BERTH_SERVE_CHILD !== undefined) return false;
  return process.platform === 'linux' && hasGlibc();
}

function hasGlibc(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return typeof report?.header?.glibcVersionRuntime === 'string';
}

/**
 * Runs this same command line again in a child process with `MALLOC_ARENA_MAX` set, passes SIGTERM,
 * SIGINT and SIGHUP on to it (so a graceful shutdown stays graceful), and resolves with its exit code
 * (128 + the signal's number when a signal ended it, as a shell reports it).
 */
export function runWithArenaLimit(env: Record<string, string | undefined>): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...env, MALLOC_ARENA_MAX: SERVE_MALLOC_ARENA_MAX, BERTH_SERVE_CHILD: '1' },
    stdio: 'inherit',
  });
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve) => {
    const done = (code: number) => {
      for (const signal of signals) process.off(signal, forward);
      resolve(code);
    };
    child.once('error', (error) => {
      process.stderr.write(`berth serve: could not start the server process: ${error.message}\n`);
      done(1);
    });
    child.once('exit', (code, signal) => {
      done(code ?? 128 + (signal === null ? 0 : constants.signals[signal]));
    });
  });
}
