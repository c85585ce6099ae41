import { describe, expect, it } from 'vitest';
import { type ProgressClock, startProgress } from '../../src/cli/progress.js';

/** A clock whose time and ticks the test moves by hand. */
function makeManualClock() {
  let now = 0;
  let tick: (() => void) | null = null;
  let cancelled = 0;
  const clock: ProgressClock = {
    now: () => now,
    every: (_ms, fn) => {
      tick = fn;
      return () => {
        cancelled++;
        tick = null;
      };
    },
  };
  return {
    clock,
    advance(ms: number) {
      now += ms;
      tick?.();
    },
    hasTimer: () => tick !== null,
    cancelled: () => cancelled,
  };
}

function startWith(enabled: boolean) {
  const manual = makeManualClock();
  const written: string[] = [];
  const progress = startProgress({
    write: (t) => written.push(t),
    enabled,
    label: 'Sizing',
    clock: manual.clock,
  });
  return { manual, written, progress };
}

describe('startProgress', () => {
  it('draws nothing and starts no timer when stderr is not a terminal', () => {
    const { manual, written, progress } = startWith(false);
    expect(manual.hasTimer()).toBe(false);
    progress.stop();
    expect(written).toEqual([]);
  });

  it('draws nothing for a run shorter than half a second, and leaves nothing to erase', () => {
    const { manual, written, progress } = startWith(true);
    manual.advance(100);
    manual.advance(399);
    progress.stop();
    expect(written).toEqual([]);
    expect(manual.cancelled()).toBe(1);
  });

  it('redraws the elapsed time in place once the run is long, then erases the line', () => {
    const { manual, written, progress } = startWith(true);
    manual.advance(500);
    manual.advance(2700);
    progress.stop();
    progress.stop();
    expect(written).toEqual(['\r\x1b[K⠋ Sizing… 0.5 s', '\r\x1b[K⠙ Sizing… 3.2 s', '\r\x1b[K']);
    expect(manual.cancelled()).toBe(1);
  });
});
