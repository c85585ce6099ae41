/**
 * Helpers the benchmarks share: timing a function (median and p99 in ms), quantiles, reading count flags,
 * the machine and its load average, and printing a table.
 */
import { cpus, loadavg } from 'node:os';

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
  return { runs, medianMs: quantile(samples, 0.5), p99Ms: quantile(samples, 0.99) };
}

/** The q-quantile of the values: the smallest value with at least q of them at or below it (0 when empty). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** The load average (1 / 5 / 15 min), to print next to timings. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
}

/** The machine's processors, to print next to timings: '2 × AMD EPYC'. */
export function machine(): string {
  const all = cpus();
  return `${all.length} × ${all[0]?.model.trim() ?? 'unknown CPU'}`;
}

/** Prints rows under a header, each column padded to its widest cell; no line ends in spaces. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** A fraction as a percentage to two decimals ("0.34 %"); ∞ for an infinite gap (a bound of $0). */
export function formatPercent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : '∞';
}

/** A command-line flag that must be a whole number ≥ `min` (1 unless given; `flag` names it in the error). */
export function wholeNumberFlag(flag: string, text: string | undefined, min = 1): number {
  // Decimal digits only: Number() would also read '' as 0 and '0x2' as 2.
  const n = /^\d+$/.test(text ?? '') ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} ${text} is invalid: it must be a whole number ≥ ${min}`);
  return n;
}
