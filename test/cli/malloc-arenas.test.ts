import { describe, expect, it } from 'vitest';
import { shouldLimitArenas } from '../../src/cli/malloc-arenas.js';

const glibcLinux =
  process.platform === 'linux' &&
  typeof (process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header
    .glibcVersionRuntime === 'string';

describe('shouldLimitArenas', () => {
  it('starts the server process again only when nobody chose an arena count', () => {
    expect(shouldLimitArenas({})).toBe(glibcLinux);
    expect(shouldLimitArenas({ MALLOC_ARENA_MAX: '4' })).toBe(false);
    expect(shouldLimitArenas({ MALLOC_ARENA_MAX: '' })).toBe(false);
  });

  it('never starts a third process from the server process itself', () => {
    expect(shouldLimitArenas({ BERTH_SERVE_CHILD: '1' })).toBe(false);
  });
});
