import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleLoads } from '../helpers/module-loads.js';

const CLI = fileURLToPath(new URL('../../src/cli', import.meta.url));

describe('the CLI and the HTTP stack', () => {
  it('loads server/node.js (hono and its OpenAPI layer) only when berth serve runs: not on every command', () => {
    const loads = readdirSync(CLI)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((name) =>
        moduleLoads(name, readFileSync(join(CLI, name), 'utf8'), /server\/node\.js$/).map((load) => ({
          ...load,
          where: `${name} ${load.where}`,
        })),
      );
    expect(loads.filter((load) => load.kind !== 'dynamic')).toEqual([]);
    expect(loads.filter((load) => load.kind === 'dynamic')).toHaveLength(1);
  });
});
