/** @module units: parses CPU and memory quantities once, at the edge, into vCPU and MiB. */
import { describeValue } from '../issues.js';
import { createMathInstance } from '../mathjs.js';

// A private mathjs instance: unit parsing only, no shared state with the rule expressions.
const math = createMathInstance();

export type ParseResult = { ok: true; value: number; note?: string } | { ok: false; message: string };

const MILLI_CPU = /^(\d+(?:\.\d+)?)\s*m$/;
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
const VCPU_WORD = /^(\d+(?:\.\d+)?)\s*(?:vcpus?|cores?|cpus?)$/i;
// A memory string is a number and one unit, which must be a unit of bytes (MEMORY_UNITS).
const AMOUNT_AND_UNIT = /^(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([A-Za-z]+)$/;

/**
 * The memory units read, as mathjs writes them, and how: binary (KiB …; "Ki" … as Kubernetes writes them),
 * SI (kB …, read as powers of ten and said so), bytes, or bits (`unit` is then their name), which are
 * refused with a reason: "2 Gb" is 2 gigabits (238 MiB), never what a task description means. Any other
 * word is not a memory unit.
 */
const MEMORY_UNITS: Readonly<Record<string, { unit: string; kind: 'binary' | 'si' | 'bytes' | 'bits' }>> = {
  ...Object.fromEntries(
    ['Ki', 'Mi', 'Gi', 'Ti'].flatMap((p) => [
      [`${p}B`, { unit: `${p}B`, kind: 'binary' }],
      [p, { unit: `${p}B`, kind: 'binary' }],
    ]),
  ),
  ...Object.fromEntries(
    ['kibi', 'mebi', 'gibi', 'tebi'].flatMap((p) => [
      [`${p}byte`, { unit: `${p}byte`, kind: 'binary' }],
      [`${p}bytes`, { unit: `${p}byte`, kind: 'binary' }],
    ]),
  ),
  ...Object.fromEntries(['kB', 'MB', 'GB', 'TB'].map((u) => [u, { unit: u, kind: 'si' }])),
  ...Object.fromEntries(
    ['kilo', 'mega', 'giga', 'tera'].flatMap((p) => [
      [`${p}byte`, { unit: `${p}byte`, kind: 'si' }],
      [`${p}bytes`, { unit: `${p}byte`, kind: 'si' }],
    ]),
  ),
  ...Object.fromEntries(['B', 'byte', 'bytes'].map((u) => [u, { unit: 'B', kind: 'bytes' }])),
  ...Object.fromEntries(
    [
      ['b', 'bits'],
      ['bit', 'bits'],
      ['bits', 'bits'],
      ['kb', 'kilobits'],
      ['Kb', 'kilobits'],
      ['Mb', 'megabits'],
      ['Gb', 'gigabits'],
      ['Tb', 'terabits'],
      ['Kib', 'kibibits'],
      ['Mib', 'mebibits'],
      ['Gib', 'gibibits'],
      ['Tib', 'tebibits'],
      ['kbit', 'kilobits'],
      ['Kbit', 'kilobits'],
      ['Mbit', 'megabits'],
      ['Gbit', 'gigabits'],
      ['Tbit', 'terabits'],
      ...['kilo', 'mega', 'giga', 'tera', 'kibi', 'mebi', 'gibi', 'tebi'].flatMap((p) => [
        [`${p}bit`, `${p}bits`],
        [`${p}bits`, `${p}bits`],
      ]),
    ].map(([u, name]) => [u, { unit: name!, kind: 'bits' }]),
  ),
};

/**
 * Parses a CPU amount: a number of vCPU (`0.5`, `"2"`, `"2 vCPU"`) or Kubernetes millicores (`"500m"`).
 */
export function parseCpu(input: number | string): ParseResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input > 0
      ? noteBareCpu({ ok: true, value: input }, String(input))
      : { ok: false, message: `expected a positive number of vCPU, got ${input}` };
  }
  const text = input.trim();
  const milli = MILLI_CPU.exec(text);
  if (milli?.[1] !== undefined) return positive(Number(milli[1]) / 1000, input);
  if (PLAIN_NUMBER.test(text)) return noteBareCpu(positive(Number(text), input), text);
  const word = VCPU_WORD.exec(text);
  if (word?.[1] !== undefined) return positive(Number(word[1]), input);
  return {
    ok: false,
    message: `expected vCPU as a number (0.5), millicores ("500m") or "2 vCPU", got ${describeValue(input)}`,
  };
}

/**
 * Parses a memory amount into MiB: a bare number is MiB (as in ECS task definitions); strings carry a
 * unit (`"1.5 GiB"`, `"2048 MiB"`, `"512Mi"`, `"2 GB"`). Decimal units (GB, MB) are SI, as mathjs and
 * Kubernetes read them, and the result says so, because AWS's own task-size tables write "GB" for GiB.
 */
export function parseMemoryMiB(input: number | string): ParseResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input > 0
      ? noteBareMemory({ ok: true, value: input }, String(input))
      : { ok: false, message: `expected a positive amount of memory in MiB, got ${input}` };
  }
  if (input.length > MAX_KEPT_LENGTH) return parseMemoryText(input);
  let known = memoryByText.get(input);
  if (known === undefined) {
    known = Object.freeze(parseMemoryText(input));
    if (memoryByText.size >= MAX_MEMORY_TEXTS) memoryByText.clear();
    memoryByText.set(input, known);
  }
  return known;
}

/**
 * Memory strings already read: a workload repeats a few ("512 MiB", "2 GiB"), the schema and normalisation
 * each read every service's, and a mathjs unit parse costs some 20 µs. Bounded, and the results frozen.
 */
const memoryByText = new Map<string, ParseResult>();
const MAX_MEMORY_TEXTS = 1024;
const MAX_KEPT_LENGTH = 64;

function parseMemoryText(input: string): ParseResult {
  const text = input.trim();
  if (PLAIN_NUMBER.test(text)) return noteBareMemory(positive(Number(text), input), text);
  const example = 'memory such as "512 MiB", "1.5 GiB" or 2048 (MiB)';
  const parts = AMOUNT_AND_UNIT.exec(text);
  const unit = parts?.[2] === undefined ? undefined : MEMORY_UNITS[parts[2]];
  if (parts?.[1] === undefined || unit === undefined) {
    const reason = MEMORY_UNITS[text] === undefined ? example : 'a number before the unit';
    return { ok: false, message: `expected ${reason}, got ${describeValue(input)}${unitHint(parts?.[2])}` };
  }
  if (unit.kind === 'bits') {
    const means = /^(b|[a-z]*bits?)$/.test(parts[2]!) ? '' : `${parts[2]} means ${unit.unit}, and `;
    return {
      ok: false,
      message: `expected a unit of bytes, got ${describeValue(input)}: ${means}a bit is an eighth of a byte (write GiB, MiB or GB)`,
    };
  }
  const mib = math.unit(`${parts[1]} ${unit.unit}`).toNumber('MiB');
  const result = positive(mib, input);
  if (result.ok && unit.kind === 'si') {
    return {
      ...result,
      note: `${describeValue(input)} is read as SI units (${formatMiB(mib)} MiB); write GiB or MiB for binary sizes (AWS task sizes say "GB" but mean GiB)`,
    };
  }
  return result;
}

/** Why a word that is not a memory unit was close to one: units are case-sensitive, and need a B. */
function unitHint(word: string | undefined): string {
  if (word === undefined) return '';
  const lower = word.toLowerCase();
  const near = Object.keys(MEMORY_UNITS).filter(
    (u) => u.toLowerCase() === lower && MEMORY_UNITS[u]!.kind !== 'bits',
  );
  if (near.length > 0) return `: units are case-sensitive (did you mean ${near.join(' or ')}?)`;
  if (/^[kmgt]$/i.test(word)) {
    const prefix = word.toUpperCase();
    return `: ${word} alone is not a unit here; write ${prefix}iB (binary) or ${prefix === 'K' ? 'kB' : `${prefix}B`} (SI)`;
  }
  return '';
}

/**
 * Below this many MiB a bare number is more likely meant as GiB: `memory: 8` is a plausible 8 GiB task
 * but an 8 MiB one runs almost nothing, and the units are easy to forget.
 */
const BARE_MEMORY_DOUBT_MIB = 64;

/**
 * A bare CPU number is vCPU. At this size or more, one task needs more than the largest Fargate task
 * (16 vCPU) four times over, and the number is more likely millicores with the `m` left out (250 for 250m).
 */
const BARE_CPU_DOUBT_VCPU = 64;

function noteBareCpu(result: ParseResult, text: string): ParseResult {
  if (!result.ok || result.value < BARE_CPU_DOUBT_VCPU) return result;
  return {
    ...result,
    note: `${text} is read as ${text} vCPU per task (a bare number is vCPU); write "${text}m" if you meant millicores`,
  };
}

function noteBareMemory(result: ParseResult, text: string): ParseResult {
  if (!result.ok || result.value >= BARE_MEMORY_DOUBT_MIB) return result;
  return {
    ...result,
    note: `${text} is read as ${text} MiB (a bare number is MiB); write "${text} GiB" if you meant gibibytes`,
  };
}

function positive(value: number, input: number | string): ParseResult {
  return Number.isFinite(value) && value > 0
    ? { ok: true, value }
    : { ok: false, message: `expected a positive amount, got ${describeValue(input)}` };
}

function formatMiB(mib: number): string {
  return Number.isInteger(mib) ? String(mib) : mib.toFixed(2);
}
