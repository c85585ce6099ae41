/** @module prices-command: `berth prices refresh --region R [--out DIR] [--endpoint URL] [--instance-types a,b]`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from 'commander';
import { isBerthError } from '../errors.js';
import { DATA_DIR } from '../paths.js';
import { isRegionCode } from '../pricing/region-code.js';
import type { CliContext } from './cli-context.js';

export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `Usage: berth prices refresh --region REGION [--out DIR] [--endpoint URL] [--instance-types T1,T2]

Fetches every price of REGION from the AWS Price List API (AWS credentials needed) and rewrites
DIR/prices/REGION.json and DIR/regions.json (DIR defaults to the embedded data/ folder), and records
each EC2 type's currentGeneration in DIR/instance-types.json when that file lists the type.
Nothing is written when any price fails; prices the region does not offer are listed and left out.

  --region           AWS region code, for example us-east-1
  --out              data folder to write into
  --endpoint         Price List API endpoint URL (default: the SDK's us-east-1 endpoint)
  --instance-types   comma-separated EC2 types to price (default: every type in the catalog)
  --timeout-ms       deadline per API call (default 5000)
`;

const MAX_LISTED = 20;

function listLines(lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_LISTED).map((l) => `  ${l}\n`);
  return shown.join('') + (lines.length > MAX_LISTED ? `  ... and ${lines.length - MAX_LISTED} more\n` : '');
}

/**
 * `berth prices`: its arguments go through untouched to runPricesCommand, which has its own usage and
 * sub-command (`refresh`) and is tested on its own.
 */
export function addPricesCommand(program: Command, context: CliContext): void {
  const command = program
    .command('prices')
    .description("rebuild a region's price snapshot from the AWS Price List API (see berth prices --help)")
    .usage('refresh --region REGION [--out DIR] [--endpoint URL] [--instance-types T1,T2]')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(async (_args: string[], _options: unknown, self: Command) => {
      context.exitCode = await runPricesCommand(self.args, context.io);
    });
  // `berth help prices` shows the command's own usage, as its --help does.
  command.helpInformation = () => USAGE;
}

export async function runPricesCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`prices: invalid arguments: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (positionals[0] !== 'refresh' || positionals.length !== 1) {
    io.stderr(`prices: unknown command "${positionals.join(' ')}": only "refresh" exists\n\n${USAGE}`);
    return 2;
  }
  const region = values.region;
  if (region === undefined || !isRegionCode(region)) {
    io.stderr(
      `prices refresh: invalid --region "${region ?? ''}": expected a region code such as us-east-1\n`,
    );
    return 2;
  }
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    io.stderr(
      `prices refresh: invalid --timeout-ms "${values['timeout-ms']}": expected a positive whole number\n`,
    );
    return 2;
  }
  const outDir = path.resolve(values.out ?? DATA_DIR);
  try {
    // The AWS SDK and the catalog load only when a refresh runs (docs/ARCHITECTURE.md#start-up-time).
    const [{ AwsPriceListSource }, { loadInstanceCatalog }, { refreshSnapshot }] = await Promise.all([
      import('../pricing/aws-price-list-source.js'),
      import('../pricing/instance-catalog.js'),
      import('../pricing/refresh-snapshot.js'),
    ]);
    const instanceTypes =
      values['instance-types']?.split(',').filter((t) => t !== '') ?? loadInstanceCatalog();
    const source = new AwsPriceListSource({
      ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    const report = await refreshSnapshot({ region, outDir, source, instanceTypes });
    for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
    if (report.notOffered.length > 0) {
      io.stdout(`not offered in ${region} (no product in the Price List): ${report.notOffered.length} ids\n`);
      io.stdout(listLines(report.notOffered));
    }
    if (report.errors.size > 0) {
      io.stderr(
        `prices refresh failed: ${report.errors.size} prices could not be fetched; nothing written\n`,
      );
      io.stderr(listLines([...report.errors].map(([id, reason]) => `${id}: ${reason}`)));
      return 1;
    }
    if (report.file === null) {
      io.stderr(`prices refresh failed: the Price List has no prices for ${region}; nothing written\n`);
      return 1;
    }
    io.stdout(`wrote ${report.file}: ${report.prices} prices from the AWS Price List API\n`);
    const generation = report.currentGeneration;
    if (generation.file !== null) {
      io.stdout(`wrote ${generation.file}: currentGeneration of ${generation.updated} instance types\n`);
    } else if (generation.known > 0) {
      io.stdout(
        `currentGeneration of ${generation.known} instance types not recorded: no instance catalog in ${outDir} lists them\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!isBerthError(error)) throw error;
    io.stderr(`prices refresh failed: ${error.message}\n`);
    return 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      region: { type: 'string' },
      out: { type: 'string' },
      endpoint: { type: 'string' },
      'instance-types': { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
