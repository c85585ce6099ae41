/**
 * @module recommend-run: what `berth recommend` runs (recommend-command.ts declares it): reads or imports
 * the workload, advises, prints the recommendation in the format asked for and writes the starter code.
 */
import { advise } from '../advisor/advise.js';
import { generateIac } from '../iac/generate.js';
import { writeIacOutput } from '../iac/write-output.js';
import { detectFilesFormat, importWorkload } from '../import/import-workload.js';
import type { IacTarget } from '../model/iac.js';
import type { CandidateId } from '../model/vocabulary.js';
import { createPriceSource, type PriceSourceKind } from '../pricing/create-price-source.js';
import { listKnownRegions } from '../pricing/snapshot-source.js';
import { createFleetSolver } from '../sizing/fleet-solver.js';
import { normaliseWorkload } from '../workload/normalise.js';
import { parseWorkloadText } from '../workload/read.js';
import type { CliContext } from './cli-context.js';
import { readImportFiles, toImportOptions } from './import-files.js';
import type { ImportFlags } from './import-options.js';
import { describeImport } from './import-run.js';
import { startProgress } from './progress.js';
import type { RecommendFormat } from './recommend-format-names.js';
import { RECOMMEND_FORMATS } from './recommend-formats.js';
import { EXIT_FAILURE, EXIT_USAGE, reportError } from './report-error.js';
import { pickStyle } from './style.js';
import { decideColour, resolveWidth } from './terminal.js';

export interface RecommendOptions extends ImportFlags {
  format: RecommendFormat;
  iac?: IacTarget;
  out?: string;
  candidate?: CandidateId;
  prices: PriceSourceKind;
  pricesEndpoint?: string;
}

/**
 * The workload to recommend for: one Berth workload file as it is, or the files imported (said on
 * stderr, so stdout stays the recommendation).
 */
async function readInput(
  files: readonly string[],
  options: RecommendOptions,
  io: CliContext['io'],
): Promise<{ input: unknown; importWarnings: string[] }> {
  const texts = await readImportFiles(files, io);
  const first = texts[0];
  if (texts.length === 1 && first !== undefined && options.from === undefined) {
    const format = detectFilesFormat(texts);
    // A Berth workload, or something no importer recognises: read as a workload, so its errors are the workload's.
    if (format === 'berth' || format === 'unknown')
      return { input: parseWorkloadText(first.text, first.name), importWarnings: [] };
  }
  const result = importWorkload(texts, await toImportOptions(options, io));
  io.stderr(`berth: ${describeImport(result)}; berth import shows where each value came from\n`);
  // The import's warnings (a database better run as a managed service, objects skipped) travel with
  // the recommendation, in every format, not only in the count above.
  const importWarnings = [
    ...result.notes
      .filter((n) => n.kind === 'warning')
      .map((n) => `${n.service ? `${n.service}: ` : ''}${n.message}${n.at ? ` (${n.at})` : ''}`),
    ...(result.skipped.length > 0 ? [`not imported: ${result.skipped.join('; ')}`] : []),
  ];
  return { input: result.workload, importWarnings };
}

export async function runRecommend(
  files: readonly string[],
  options: RecommendOptions,
  colourFlag: boolean,
  { io }: CliContext,
): Promise<number> {
  if ((options.iac === undefined) !== (options.out === undefined)) {
    io.stderr('berth recommend: --iac TARGET and --out DIR go together (starter code is written to DIR)\n');
    return EXIT_USAGE;
  }
  if (options.candidate !== undefined && options.iac === undefined) {
    io.stderr(
      'berth recommend: --candidate needs --iac TARGET and --out DIR (it picks whose starter code)\n',
    );
    return EXIT_USAGE;
  }
  try {
    const { input, importWarnings } = await readInput(files, options, io);
    for (const warning of importWarnings) io.stderr(`berth: warning: ${warning}\n`);
    // Doubts about the input (a bare memory number read as MiB, "GB" read as SI) go to stderr at once, before
    // a long solve; they are in the recommendation's warnings too.
    const { notes } = normaliseWorkload(input, { regions: listKnownRegions() });
    for (const note of notes) io.stderr(`berth: warning: ${note}\n`);
    const priceSource = createPriceSource({
      prices: options.prices,
      endpoint: options.pricesEndpoint,
      cacheDir: process.env.BERTH_PRICES_CACHE_DIR,
    });
    const progress = startProgress({
      write: io.stderr,
      enabled: io.stderrIsTty === true,
      label: 'Sizing and pricing the candidates',
    });
    // One solver thread: the command makes one recommendation, and each thread compiles the solver for
    // itself; a 20-service workload takes 10–20 % less time so (docs/optimizer.md#solver-threads).
    const fleetSolver = createFleetSolver({ solverThreads: 1 });
    const advised = await advise(input, { priceSource, fleetSolver }).finally(progress.stop);
    const rec = {
      ...advised,
      warnings: [
        ...importWarnings.map((message) => ({ ruleId: null, message, source: null, candidates: [] })),
        ...advised.warnings,
      ],
    };
    // Starter code for the recommended candidate (or the one asked for), generated before anything is
    // printed so a target that does not fit fails cleanly.
    const iac =
      options.iac === undefined
        ? null
        : generateIac(rec, options.iac, options.candidate ? { candidate: options.candidate } : {});
    const settings = {
      width: resolveWidth(io),
      style: pickStyle(decideColour(io, colourFlag)),
      iac: iac === null ? [] : [iac],
    };
    io.stdout(RECOMMEND_FORMATS[options.format](rec, settings));
    if (iac !== null && options.out !== undefined) {
      // Reported on stderr, so stdout stays the recommendation (parseable with --format json).
      try {
        const written = await writeIacOutput(iac, options.out);
        io.stderr(
          `berth: wrote ${written.length} ${iac.target} file(s) for ${iac.candidate} to ${options.out}\n`,
        );
      } catch (error) {
        io.stderr(`berth: could not write ${options.out}: ${(error as Error).message}\n`);
        return EXIT_FAILURE;
      }
    }
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}
