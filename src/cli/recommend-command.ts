/**
 * @module recommend-command: `berth recommend FILE [--format table|json|markdown|html] [--iac TARGET --out DIR]
 * [--prices snapshot|live] [--prices-endpoint URL]`.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { advise } from '../advisor/advise.js';
import { BerthError } from '../errors.js';
import { generateIac } from '../iac/generate.js';
import { writeIacOutput } from '../iac/write-output.js';
import { IAC_TARGETS, isIacTarget } from '../model/iac.js';
import { createPriceSource, isPriceSourceKind, PRICE_SOURCE_KINDS } from '../pricing/create-price-source.js';
import { renderHtmlReport } from '../report/render-html-report.js';
import { parseWorkloadText } from '../workload/read.js';
import type { CliIo } from './io.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';
import { EXIT_FAILURE, EXIT_USAGE, reportError } from './report-error.js';

const FORMATS = ['table', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export async function runRecommendCommand(argv: string[], io: CliIo): Promise<number> {
  let values: {
    format?: string | undefined;
    iac?: string | undefined;
    out?: string | undefined;
    prices?: string | undefined;
    'prices-endpoint'?: string | undefined;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        format: { type: 'string', short: 'f' },
        iac: { type: 'string' },
        out: { type: 'string', short: 'o' },
        prices: { type: 'string' },
        'prices-endpoint': { type: 'string' },
      },
      allowPositionals: true,
    }));
  } catch (error) {
    io.stderr(`berth recommend: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(
      `berth recommend: unknown --format "${values.format}": expected one of ${FORMATS.join(', ')}\n`,
    );
    return EXIT_USAGE;
  }
  if (values.iac !== undefined && !isIacTarget(values.iac)) {
    io.stderr(`berth recommend: unknown --iac "${values.iac}": expected one of ${IAC_TARGETS.join(', ')}\n`);
    return EXIT_USAGE;
  }
  if ((values.iac === undefined) !== (values.out === undefined)) {
    io.stderr('berth recommend: --iac TARGET and --out DIR go together (starter code is written to DIR)\n');
    return EXIT_USAGE;
  }
  // Live prices when asked on the command line or by BERTH_PRICES (as for `berth serve`).
  const prices = values.prices ?? process.env.BERTH_PRICES ?? 'snapshot';
  if (!isPriceSourceKind(prices)) {
    io.stderr(
      `berth recommend: unknown --prices "${prices}": expected one of ${PRICE_SOURCE_KINDS.join(', ')}\n`,
    );
    return EXIT_USAGE;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) {
    io.stderr('berth recommend: expected exactly one workload file (YAML or JSON)\n');
    return EXIT_USAGE;
  }
  try {
    const text = await readWorkloadFile(file);
    const priceSource = createPriceSource({
      prices,
      endpoint: values['prices-endpoint'] ?? process.env.BERTH_PRICES_ENDPOINT,
      cacheDir: process.env.BERTH_PRICES_CACHE_DIR,
    });
    const rec = await advise(parseWorkloadText(text, file), { priceSource });
    // Starter code for the recommended candidate, generated before anything is printed so a target that
    // does not fit fails cleanly.
    const iac = values.iac === undefined ? null : generateIac(rec, values.iac);
    if (format === 'json') io.stdout(`${JSON.stringify(rec, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(renderMarkdown(rec));
    else if (format === 'html') io.stdout(renderHtmlReport(rec, iac === null ? {} : { iac: [iac] }));
    else io.stdout(renderText(rec));
    if (iac !== null && values.out !== undefined) {
      // Reported on stderr, so stdout stays the recommendation (parseable with --format json).
      try {
        const written = await writeIacOutput(iac, values.out);
        io.stderr(
          `berth: wrote ${written.length} ${iac.target} file(s) for ${iac.candidate} to ${values.out}\n`,
        );
      } catch (error) {
        io.stderr(`berth: could not write ${values.out}: ${(error as Error).message}\n`);
        return EXIT_FAILURE;
      }
    }
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}

async function readWorkloadFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new BerthError('INPUT_UNREADABLE', `could not read ${file}: ${why}`, { cause: error });
  }
}
