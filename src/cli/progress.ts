/**
 * @module progress: a one-line elapsed-time indicator on stderr while a long solve runs, drawn only for a
 * person at a terminal, and only once the wait is long enough to wonder about.
 */

/** Time and a repeating timer, injected so the decisions are testable without waiting. */
export interface ProgressClock {
  now: () => number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every: (ms: number, tick: () => void) => () => void;
}

export interface ProgressOptions {
  write: (text: string) => void;
  /** Whether stderr is a terminal; a log file must not fill with carriage returns. */
  enabled: boolean;
  label: string;
  clock?: ProgressClock;
  /** Nothing is drawn before this much time has passed; most workloads are answered sooner. */
  delayMs?: number;
  intervalMs?: number;
}

export interface Progress {
  /** Stops the timer and erases the line if one was drawn. Safe to call twice. */
  stop: () => void;
}

export const SYSTEM_CLOCK: ProgressClock = {
  now: () => performance.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // The indicator alone must never keep the process alive.
    timer.unref();
    return () => clearInterval(timer);
  },
};

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
// Carriage return to the line's start, then erase to its end: the line is redrawn in place.
const REDRAW = '\r\x1b[K';

export function startProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return { stop: () => undefined };
  const clock = options.clock ?? SYSTEM_CLOCK;
  const delayMs = options.delayMs ?? 500;
  const started = clock.now();
  let frame = 0;
  let drawn = false;
  let stopped = false;
  const cancel = clock.every(options.intervalMs ?? 100, () => {
    const elapsed = clock.now() - started;
    if (stopped || elapsed < delayMs) return;
    const spinner = FRAMES[frame++ % FRAMES.length];
    options.write(`${REDRAW}${spinner} ${options.label}… ${(elapsed / 1000).toFixed(1)} s`);
    drawn = true;
  });
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      cancel();
      if (drawn) options.write(REDRAW);
    },
  };
}
