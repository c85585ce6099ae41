/**
 * @module stop-watch: how advise() honours its AbortSignal and deadline. Stopping cannot interrupt
 * synchronous work (a caller who needs that runs advise() in a worker thread, as the server does), but
 * advise() rejects on time, no fleet solve starts once it is stopped, and the solve or price lookup it is
 * waiting on is abandoned.
 */
import { BerthError } from '../errors.js';
import type { FleetSolver } from '../sizing/ec2-fleet.js';

export interface StopOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

export interface StopWatch {
  /** Throws the reason if the call was stopped. */
  check(): void;
  /** Settles with `work`, or rejects with the reason as soon as the call is stopped. */
  race<T>(work: Promise<T>): Promise<T>;
  /** The solver, refusing to start once stopped and abandoned when stopped mid-solve. */
  guard(solve: FleetSolver): FleetSolver;
  dispose(): void;
}

/** Watches the caller's signal and the deadline; the reason is the signal's, or SOLVE_TIMEOUT. */
export function watchForStop(options: StopOptions): StopWatch {
  const controller = new AbortController();
  const { signal, timeoutMs } = options;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          controller.abort(
            new BerthError('SOLVE_TIMEOUT', `recommendation timed out: it took longer than ${timeoutMs} ms`),
          );
        }, timeoutMs);
  const stopped = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  // Nobody may be racing when it fires; the rejection is still delivered to every race() caller.
  stopped.catch(() => undefined);
  const check = () => controller.signal.throwIfAborted();
  const race = <T>(work: Promise<T>) => Promise.race([work, stopped]);
  return {
    check,
    race,
    guard: (solve) => {
      const guarded: FleetSolver = (tasks, types, fleetOptions) => {
        check();
        return race(solve(tasks, types, fleetOptions));
      };
      const { solveLevels } = solve;
      if (!solveLevels) return guarded;
      return Object.assign(guarded, {
        solveLevels: (...args: Parameters<typeof solveLevels>) => {
          check();
          return race(solveLevels(...args));
        },
      });
    },
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
