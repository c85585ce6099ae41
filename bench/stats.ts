/** Helpers the benchmarks share: timing a function (median and p99 in ms), and reading count flags. */
export interface Timing {
  runs: number;
  medianMs: number;
  p99Ms: number;
}

export async function time(runs: number, fn: () => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? 0;
  return { runs, medianMs: at(0.5), p99Ms: at(0.99) };
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** A command-line flag that must be a whole number ≥ 1 (`flag` names it in the error). */
export function wholeNumberFlag(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} ${text} is invalid: it must be a whole number ≥ 1`);
  return n;
}
