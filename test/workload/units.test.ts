import { describe, expect, it } from 'vitest';
import { parseCpu, parseMemoryMiB } from '../../src/workload/units.js';

describe('parseCpu', () => {
  it.each([
    [0.5, 0.5],
    ['0.25', 0.25],
    ['500m', 0.5],
    ['1500m', 1.5],
    ['2 vCPU', 2],
    ['4 cores', 4],
  ])('reads %j as %d vCPU', (input, expected) => {
    expect(parseCpu(input)).toEqual({ ok: true, value: expected });
  });

  it.each([0, -1, Number.NaN, 'fast', '2 GHz', '', '-500m'])('rejects %j with a reason', (input) => {
    const result = parseCpu(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/expected/);
  });
});

describe('parseMemoryMiB', () => {
  it.each([
    [2048, 2048],
    ['2048', 2048],
    ['2048 MiB', 2048],
    ['1.5 GiB', 1536],
    ['512Mi', 512],
    ['2Gi', 2048],
    ['1 TiB', 1048576],
  ])('reads %j as %d MiB', (input, expected) => {
    const result = parseMemoryMiB(input);
    expect(result).toMatchObject({ ok: true, value: expected });
    if (result.ok) expect(result.note).toBeUndefined();
  });

  it.each([
    [1, '1'],
    [63, '63'],
    ['8', '8'],
    [' 2.5 ', '2.5'],
  ])('reads a bare %j as MiB and doubts it, since it was likely meant as GiB', (input, shown) => {
    const result = parseMemoryMiB(input);
    expect(result).toMatchObject({
      ok: true,
      value: Number(shown),
      note: `${shown} is read as ${shown} MiB (a bare number is MiB); write "${shown} GiB" if you meant gibibytes`,
    });
  });

  it.each([
    [250, '250'],
    ['500', '500'],
    [64, '64'],
  ])('reads a bare CPU %j as vCPU and doubts it, since it was likely meant as millicores', (input, shown) => {
    expect(parseCpu(input)).toEqual({
      ok: true,
      value: Number(shown),
      note: `${shown} is read as ${shown} vCPU per task (a bare number is vCPU); write "${shown}m" if you meant millicores`,
    });
  });

  it.each([63, 16, '250m', '64 vCPU'])(
    'does not doubt a CPU of %j, under 64 vCPU or with a unit',
    (input) => {
      expect(parseCpu(input)).not.toHaveProperty('note');
    },
  );

  it.each([64, '64', '8 MiB', '32Mi'])(
    'does not doubt %j, which is 64 MiB or more or has a unit',
    (input) => {
      const result = parseMemoryMiB(input);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.note).toBeUndefined();
    },
  );

  it('reads decimal GB as SI bytes and says so', () => {
    const result = parseMemoryMiB('2 GB');
    // 2 × 10^9 bytes / 2^20 = 1907.3486328125 MiB, checked by hand.
    expect(result).toMatchObject({ ok: true, value: 1907.3486328125 });
    if (result.ok) expect(result.note).toContain('GiB');
  });

  it.each([
    // 2 × 1024 MiB, 1 × 1024² MiB, 1024² bytes = 1 MiB: by hand.
    ['2 gibibytes', 2048],
    ['1 tebibyte', 1048576],
    ['1048576 bytes', 1],
    ['1e3 MiB', 1000],
  ])('reads %j as %d MiB', (input, expected) => {
    expect(parseMemoryMiB(input)).toEqual({ ok: true, value: expected });
  });

  it('reads SI units written out in words as SI, and says so', () => {
    // 3 × 10^9 bytes / 2^20 = 2861.02294921875 MiB, by hand.
    const result = parseMemoryMiB('3 gigabytes');
    expect(result).toMatchObject({ ok: true, value: 2861.02294921875 });
    if (result.ok) expect(result.note).toContain('read as SI units (2861.02 MiB)');
  });

  it.each([
    ['2 Gb', 'Gb means gigabits, and a bit is an eighth of a byte (write GiB, MiB or GB)'],
    ['1 Gib', 'Gib means gibibits, and a bit is an eighth of a byte'],
    ['512 Mb', 'Mb means megabits'],
    ['1 Tb', 'Tb means terabits'],
    ['100 b', ': a bit is an eighth of a byte'],
    ['8 bits', ': a bit is an eighth of a byte'],
    ['2 gigabits', ': a bit is an eighth of a byte'],
  ])('refuses %j, which is in bits, and says so', (input, reason) => {
    // "2 Gb" used to be read as 2 gigabits, 238.42 MiB: a task an eighth of the size meant.
    const result = parseMemoryMiB(input);
    expect(result).toEqual({ ok: false, message: expect.stringContaining(reason) });
    if (!result.ok) expect(result.message).toMatch(/^expected a unit of bytes, got "/);
  });

  it.each([
    [
      '2 Gbit',
      'expected a unit of bytes, got "2 Gbit": Gbit means gigabits, and a bit is an eighth of a byte (write GiB, MiB or GB)',
    ],
    [
      '2 gb',
      'expected memory such as "512 MiB", "1.5 GiB" or 2048 (MiB), got "2 gb": units are case-sensitive (did you mean GB?)',
    ],
    [
      '2 mib',
      'expected memory such as "512 MiB", "1.5 GiB" or 2048 (MiB), got "2 mib": units are case-sensitive (did you mean MiB?)',
    ],
    [
      '2G',
      'expected memory such as "512 MiB", "1.5 GiB" or 2048 (MiB), got "2G": G alone is not a unit here; write GiB (binary) or GB (SI)',
    ],
  ])('says why %j is not read', (input, message) => {
    expect(parseMemoryMiB(input)).toEqual({ ok: false, message });
  });

  it.each(['GiB', 'MiB', 'gigabytes', 'Gi'])('refuses %j, a unit with no number', (input) => {
    // "GiB" alone used to be read as 1 GiB.
    expect(parseMemoryMiB(input)).toEqual({
      ok: false,
      message: `expected a number before the unit, got "${input}"`,
    });
  });

  it.each(['2 km', 'lots', '-2 GiB', 0, '0 MiB', '2 GiB of RAM', '2 GiB 512 MiB', '2 Hz'])(
    'rejects %j with a reason',
    (input) => {
      const result = parseMemoryMiB(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/expected/);
    },
  );
});

describe('parseMemoryMiB, read again', () => {
  it('gives the same value and note for a string it has read before, and a result no caller can change', () => {
    // 1.5 GB is SI: 1.5e9 bytes = 1430.511474609375 MiB.
    const first = parseMemoryMiB('1.5 GB');
    const again = parseMemoryMiB('1.5 GB');
    expect(again).toEqual(first);
    expect(first).toMatchObject({ ok: true, value: 1430.511474609375 });
    if (first.ok) expect(first.note).toContain('read as SI units (1430.51 MiB)');
    expect(Object.isFrozen(first)).toBe(true);
    // A different spelling is read on its own: 1.5 GiB is 1536 MiB.
    expect(parseMemoryMiB('1.5 GiB')).toMatchObject({ ok: true, value: 1536 });
    expect(parseMemoryMiB(' 1.5 GB')).toMatchObject({ ok: true, value: 1430.511474609375 });
  });
});
