/**
 * @module launch: starts `berth serve` for the chaos suite, as a real process (its RSS can be read and it
 * can be sent SIGTERM) listening on 127.0.0.1 only, and stops it by its own pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BerthProcess {
  url: string;
  pid: number;
  /**
   * Resident set size now, MiB (Linux /proc), of the process and its children: `berth serve` runs its
   * server in a child process (malloc-arenas.ts), and the two together are what the server costs.
   */
  rssMb(): number;
  /** Every JSON log line so far. */
  logs(): Record<string, unknown>[];
  /** SIGTERM, then the exit code and how long it took; SIGKILL after `killAfterMs` as a safety stop. */
  stop(killAfterMs?: number): Promise<{ code: number | null; ms: number }>;
}

const running = new Set<ChildProcess>();

/** The pid and the pids of all its descendants, read from /proc (threads' `children` files). */
function processTree(pid: number): number[] {
  const children: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(/\s+/).map(Number));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return [pid, ...children.flatMap(processTree)];
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Starts `berth serve` from the sources (through tsx, as `npm run berth` does; bin/berth.js runs dist/,
 * which may be stale) on a free loopback port with `env` on top of a clean environment.
 */
export async function startBerth(env: Record<string, string> = {}): Promise<BerthProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        BERTH_LOG_LEVEL: 'info',
        // The AWS SDK must find nothing on this machine: no credentials, no instance metadata.
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent/berth-chaos-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/berth-chaos-credentials',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`berth serve did not listen within 120 s: ${out}${err}`)),
      120_000,
    );
    const check = () => {
      const match = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) =>
      reject(new Error(`berth serve exited (${code}) before listening: ${out}${err}`)),
    );
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => processTree(pid).reduce((sum, p) => sum + rssKb(p), 0) / 1024,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: async (killAfterMs = 60_000) => {
      const started = performance.now();
      if (child.exitCode !== null) return { code: child.exitCode, ms: 0 };
      child.kill('SIGTERM');
      const safety = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const code = await exited;
      clearTimeout(safety);
      return { code, ms: performance.now() - started };
    },
  };
}

/** Kills, by pid, every server this module started that is still running (after a failure). */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
}
