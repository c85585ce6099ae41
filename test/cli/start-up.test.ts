import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { staticClosure } from '../helpers/static-closure.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

describe('the CLI at start-up', () => {
  // Every command declares its options with the rest of the command tree; what it runs is imported when
  // it runs (docs/ARCHITECTURE.md#start-up-time). `berth --version`, `--help`, `berth import` and the
  // others then no longer load the advisor, the optimizer, the IaC writers, the AWS SDK and mathjs.
  const closure = staticClosure(`${SRC}/cli/program.ts`);
  const files = [...closure.files].map((file) => relative(SRC, file)).sort();

  it('loads the command tree, not the pipeline the commands run', () => {
    const heavy = files.filter((file) =>
      /^(advisor|optimizer|sizing|costs|deployment|iac|report|rules|workload)\/|^mathjs\.ts$/.test(file),
    );
    expect(heavy).toEqual([]);
    // Of the importers and the pricing, only the lists the options offer.
    expect(files.filter((file) => file.startsWith('import/'))).toEqual(['import/types.ts']);
    expect(files.filter((file) => file.startsWith('pricing/'))).toEqual([
      'pricing/circuit-breaker.ts', // the server's settings, listed in `berth serve --help`
      'pricing/price-source-kinds.ts',
      'pricing/region-code.ts',
    ]);
    expect([...closure.packages].filter((name) => !name.startsWith('node:')).sort()).toEqual([
      'commander',
      'zod',
    ]);
  });

  it('imports each command run when that command runs', () => {
    // A command's run module is reached only through a dynamic import, so it is not in the closure.
    for (const run of ['recommend-run.ts', 'import-run.ts', 'serve-run.ts'])
      expect(files).not.toContain(`cli/${run}`);
    // The run modules themselves reach the pipeline (the check above would otherwise prove nothing).
    const recommend = [...staticClosure(`${SRC}/cli/recommend-run.ts`).files].map((f) => relative(SRC, f));
    expect(recommend).toContain('advisor/advise.ts');
    expect(recommend).toContain('mathjs.ts');
  });
});
