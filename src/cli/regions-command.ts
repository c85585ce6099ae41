/**
 * @module regions-command: `berth regions [--format table|markdown|json]` lists what the embedded price
 * snapshot covers in each region, so a reader sees a thin region before recommending in it.
 */
import { type Command, Option } from 'commander';
import type { RegionCoverage } from '../model/coverage.js';
import type { CliContext } from './cli-context.js';
import { reportError } from './report-error.js';
import { resolveWidth } from './terminal.js';
import { layoutTable } from './text-table.js';

const REGIONS_FORMATS = ['table', 'markdown', 'json'] as const;
type RegionsFormat = (typeof REGIONS_FORMATS)[number];

const HEADERS = ['Region', 'EC2 types priced', 'Fargate', 'EKS', 'ALB', 'NAT', 'IPv4', 'ECR'];

const FOOTNOTE =
  'yes = the snapshot has its base prices (Fargate: x86_64 Linux on-demand vCPU and GB; arm64, Windows, Spot ' +
  'and ephemeral storage may still be missing); — = missing (its lines are flagged MISSING). ' +
  'Fill a region with `berth recommend --prices live` or `berth prices refresh --region REGION`.';

export function addRegionsCommand(program: Command, context: CliContext): void {
  program
    .command('regions')
    .description('list what the embedded price snapshot covers in each region')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REGIONS_FORMATS).default('table'))
    .action(async (options: { format: RegionsFormat }) => {
      context.exitCode = await runRegions(options.format, context);
    });
}

/** One row per region: the cells of the table and of the Markdown. */
export function regionRow(r: RegionCoverage): string[] {
  const mark = (present: boolean) => (present ? 'yes' : '—');
  return [
    r.region,
    `${r.ec2TypesPriced} of ${r.ec2TypesKnown}`,
    mark(r.fargate),
    mark(r.eks),
    mark(r.alb),
    mark(r.nat),
    mark(r.publicIpv4),
    mark(r.ecr),
  ];
}

/** The coverage as a Markdown table (README's price-data section is this output). */
export function renderRegionsMarkdown(regions: readonly RegionCoverage[]): string {
  const lines = [
    `| ${HEADERS.join(' | ')} |`,
    `|---|${HEADERS.slice(1)
      .map(() => '---')
      .join('|')}|`,
    ...regions.map((r) => `| ${regionRow(r).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

async function runRegions(format: RegionsFormat, { io }: CliContext): Promise<number> {
  try {
    const [{ loadInstanceCatalog }, { listRegionCoverage }] = await Promise.all([
      import('../pricing/instance-catalog.js'),
      import('../pricing/region-coverage.js'),
    ]);
    const regions = listRegionCoverage(loadInstanceCatalog().length);
    if (format === 'json') io.stdout(`${JSON.stringify(regions, null, 2)}\n`);
    else if (format === 'markdown') io.stdout(`${renderRegionsMarkdown(regions)}\n${FOOTNOTE}\n`);
    else {
      const columns = HEADERS.map((header, i) => ({
        header,
        ...(i === 1 ? { align: 'right' as const } : {}),
      }));
      const table = layoutTable(columns, regions.map(regionRow), resolveWidth(io));
      io.stdout(`${table.join('\n')}\n\n${FOOTNOTE}\n`);
    }
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}
