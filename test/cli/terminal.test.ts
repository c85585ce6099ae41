import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { decideColour, resolveWidth } from '../../src/cli/terminal.js';

function io(overrides: Partial<CliIo>): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, ...overrides };
}

describe('resolveWidth', () => {
  it('is 100 when stdout is not a terminal, whatever width the terminal would have', () => {
    expect(resolveWidth(io({ columns: 180 }))).toBe(100);
    expect(resolveWidth(io({}))).toBe(100);
  });

  it("is the terminal's width on a terminal, and COLUMNS overrides both", () => {
    expect(resolveWidth(io({ stdoutIsTty: true, columns: 132 }))).toBe(132);
    expect(resolveWidth(io({ stdoutIsTty: true, columns: 132, env: { COLUMNS: '90' } }))).toBe(90);
    expect(resolveWidth(io({ env: { COLUMNS: '72' } }))).toBe(72);
  });

  it('ignores a COLUMNS that is not a usable width', () => {
    expect(resolveWidth(io({ env: { COLUMNS: 'wide' } }))).toBe(100);
    expect(resolveWidth(io({ env: { COLUMNS: '10' } }))).toBe(100);
    expect(resolveWidth(io({ stdoutIsTty: true, columns: 120, env: { COLUMNS: '' } }))).toBe(120);
  });
});

describe('decideColour', () => {
  it('colours only a terminal, and not when NO_COLOR has a value or --no-color was given', () => {
    expect(decideColour(io({ stdoutIsTty: true, env: {} }), true)).toBe(true);
    expect(decideColour(io({ stdoutIsTty: false, env: {} }), true)).toBe(false);
    expect(decideColour(io({ stdoutIsTty: true, env: { NO_COLOR: '1' } }), true)).toBe(false);
    expect(decideColour(io({ stdoutIsTty: true, env: { NO_COLOR: '' } }), true)).toBe(true);
    expect(decideColour(io({ stdoutIsTty: true, env: {} }), false)).toBe(false);
  });
});
