/** @module scale: linear scales and round tick values for Berth's hand-drawn SVG charts. */

export interface Scale {
  (value: number): number;
  ticks: number[];
}

/**
 * Maps [min, max] onto [from, to], with the domain widened to round tick steps (1, 2 or 5 × 10^n) so the
 * axis labels read as plain numbers.
 */
export function linearScale(min: number, max: number, from: number, to: number, tickCount = 5): Scale {
  const span = max - min || Math.abs(max) || 1;
  const step = niceStep(span / tickCount);
  const lo = Math.floor(min / step) * step;
  const hi = Math.max(Math.ceil(max / step) * step, lo + step);
  const ticks: number[] = [];
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(roundTick(t, step));
  const scale = ((value: number) => from + ((value - lo) / (hi - lo)) * (to - from)) as Scale;
  scale.ticks = ticks;
  return scale;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

// Floating steps drift (0.1 + 0.2); a tick is rounded to its step's precision.
function roundTick(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(value.toFixed(decimals));
}

/** A coordinate with at most one decimal: enough for a screen, short in the file. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
