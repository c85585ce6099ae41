/**
 * Converts ../shared/aws-data/*.csv into the committed snapshot under data/ (`npm run data:build`).
 * This is the only code that reads ../shared. Usage: `tsx scripts/build-data.ts [--from DIR] [--out DIR]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildData } from './data/build.js';
import { InputDataError } from './data/csv-table.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function main(): number {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const from = path.resolve(values.from ?? path.resolve(repoRoot, '../shared/aws-data'));
  const out = path.resolve(values.out ?? path.join(repoRoot, 'data'));
  try {
    const data = buildData(from, out);
    const prices = [...data.prices.values()].reduce((n, p) => n + Object.keys(p).length, 0);
    console.log(
      `wrote ${out}: ${data.instanceTypes.length} instance types, ${data.fargateSizes.length} Fargate sizes, ` +
        `${prices} prices in ${data.prices.size} regions`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof InputDataError)) throw error;
    console.error(`data:build failed: ${error.message}`);
    return 1;
  }
}

process.exitCode = main();
