/**
 * @module schedule: turns a cron schedule (Kubernetes CronJob, Copilot Scheduled Job) into the traffic
 * pattern Berth prices: a daily batch when it runs once a day, schedule windows when it runs at several
 * hours, and always-on when it runs every hour.
 */
import { DAYS, type Traffic } from '../workload/schema.js';

type Day = (typeof DAYS)[number];

export type ScheduleTraffic =
  | { ok: true; traffic: Traffic | null; notes: string[] }
  | { ok: false; message: string };

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The traffic of a job on `schedule` whose runs last `durationHours` with `replicas` tasks. Null
 * traffic means "always running at its replicas".
 */
export function scheduleToTraffic(
  schedule: string,
  durationHours: number,
  replicas: number,
): ScheduleTraffic {
  const text = schedule.trim();
  if (/^@every\s/i.test(text) || /^rate\(/i.test(text)) {
    return {
      ok: true,
      traffic: null,
      notes: [`schedule "${text}" repeats at a fixed interval: modelled as always running (an upper bound)`],
    };
  }
  const expanded = MACROS[text.toLowerCase()] ?? text.replace(/^cron\((.*)\)$/i, '$1');
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) {
    return {
      ok: false,
      message: `expected a cron schedule of five fields (minute hour day-of-month month day-of-week) or a macro such as @daily, got "${text}"`,
    };
  }
  const [minuteField, hourField, domField, monthField, dowField] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  const minutes = expandField(minuteField, 0, 59, []);
  const hours = expandField(hourField, 0, 23, []);
  const dows = expandField(dowField, 0, 7, DAY_NAMES);
  const doms = expandField(domField, 1, 31, []);
  const months = expandField(monthField, 1, 12, MONTH_NAMES);
  if (!minutes || !hours || !dows || !doms || !months) {
    return {
      ok: false,
      message: `"${text}" is not a cron schedule Berth can read: a field is out of range or malformed`,
    };
  }
  const notes: string[] = [];
  const days = [...new Set(dows.map((d) => DAY_NAMES[d % 7] as Day))].sort(
    (a, b) => DAYS.indexOf(a) - DAYS.indexOf(b),
  );
  if (domField !== '*' && domField !== '?') {
    notes.push(
      `schedule "${text}" runs on some days of the month: priced as if it ran on the days of the week it allows, every week (an upper bound)`,
    );
  }
  if (monthField !== '*' && monthField !== '?')
    notes.push(`schedule "${text}" runs in some months only: priced as every month`);
  if (minutes.length > 1) {
    notes.push(
      `schedule "${text}" starts ${minutes.length} runs an hour: priced as running throughout each hour it runs`,
    );
  }
  if (hours.length === 24) {
    notes.push(`schedule "${text}" runs every hour: modelled as always running`);
    return { ok: true, traffic: null, notes };
  }
  if (hours.length === 1 && minutes.length === 1) {
    return {
      ok: true,
      traffic: {
        pattern: 'batch',
        startHour: hours[0] ?? 0,
        durationHours: Math.min(24, durationHours),
        daysPerWeek: days.length,
      },
      notes,
    };
  }
  // Several runs a day: each run's hours (rounded up to whole hours), merged into windows.
  const busy = new Set<number>();
  const spans = minutes.length > 1 ? 1 : Math.max(1, Math.ceil(durationHours));
  for (const h of hours) for (let k = 0; k < spans; k += 1) busy.add(Math.min(23, h + k));
  const sorted = [...busy].sort((a, b) => a - b);
  const windows: { days: Day[]; startHour: number; endHour: number; replicas: number }[] = [];
  for (const h of sorted) {
    const last = windows[windows.length - 1];
    if (last && last.endHour === h) last.endHour = h + 1;
    else windows.push({ days, startHour: h, endHour: h + 1, replicas });
  }
  return { ok: true, traffic: { pattern: 'scheduled', windows }, notes };
}

/** The values of one cron field, or null when it is malformed or out of [min, max]. */
function expandField(field: string, min: number, max: number, names: readonly string[]): number[] | null {
  if (field === '*' || field === '?') return range(min, max, 1);
  const out = new Set<number>();
  for (const part of field.toLowerCase().split(',')) {
    const [span = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return null;
    let from: number;
    let to: number;
    if (span === '*') {
      from = min;
      to = max;
    } else {
      const [a = '', b] = span.split('-');
      const first = readValue(a, names, min);
      const second = b === undefined ? (stepText === undefined ? first : max) : readValue(b, names, min);
      if (first === null || second === null) return null;
      from = first;
      to = second;
    }
    if (from < min || to > max || from > to) return null;
    for (const v of range(from, to, step)) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

function readValue(text: string, names: readonly string[], min: number): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const index = names.indexOf(text.slice(0, 3));
  return index < 0 ? null : index + (min === 1 ? 1 : 0);
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
