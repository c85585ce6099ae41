/** @module run-command: runs a command to its end and returns what it printed, for the package tests. */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * An environment with nothing of the test runner's: no npm_config_* of an `npm test` parent, no
 * NODE_OPTIONS or loader. This Node comes first on PATH, so `npm` and the bin's shebang find it.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '',
    ...extra,
  };
}

/**
 * Runs `command` in `cwd`. `killAfterMs` is a safety stop for a hung process (it then ends with a
 * signal, which the caller asserts against), not a measure of speed.
 */
export function runCommand(
  command: string,
  args: string[],
  cwd: string,
  killAfterMs: number,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
