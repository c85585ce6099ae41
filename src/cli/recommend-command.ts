/**
 * @module recommend-command: `berth recommend FILE...|- [--format table|json|markdown|html] [--iac TARGET --out DIR [--candidate ID]]
 * [--prices snapshot|live] [--prices-endpoint URL]`; Compose, Kubernetes, ECS and Copilot files are
 * imported first, with the options of `berth import`.
 */
import { type Command, Option } from 'commander';
import { IAC_TARGETS } from '../model/iac.js';
import { CANDIDATE_IDS } from '../model/vocabulary.js';
import { PRICE_SOURCE_KINDS } from '../pricing/price-source-kinds.js';
import type { CliContext } from './cli-context.js';
import { addImportOptions } from './import-options.js';
import { STDIN_FILE } from './read-workload.js';
import { RECOMMEND_FORMAT_NAMES } from './recommend-format-names.js';
import type { RecommendOptions } from './recommend-run.js';

export function addRecommendCommand(program: Command, context: CliContext): void {
  const command = program
    .command('recommend')
    .description('recommend where a workload should run, what it costs and why')
    .argument(
      '<files...>',
      `workload file (YAML or JSON), or ${STDIN_FILE} to read it from stdin; or Compose, Kubernetes, ECS or Copilot files to import`,
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(RECOMMEND_FORMAT_NAMES).default('table'),
    )
    .addOption(new Option('--iac <target>', 'also write starter code (needs --out)').choices(IAC_TARGETS))
    .option('-o, --out <dir>', 'folder the starter code is written to (needs --iac)')
    .addOption(
      new Option(
        '--candidate <id>',
        'write the starter code of this candidate instead of the recommended one (needs --iac)',
      ).choices(CANDIDATE_IDS),
    )
    .addOption(
      new Option(
        '--prices <source>',
        'where prices come from: the embedded snapshot or the AWS Price List API',
      )
        .choices(PRICE_SOURCE_KINDS)
        .default('snapshot')
        .env('BERTH_PRICES'),
    )
    .addOption(
      new Option('--prices-endpoint <url>', 'Price List API endpoint, with --prices live').env(
        'BERTH_PRICES_ENDPOINT',
      ),
    );
  addImportOptions(command).action(async (files: string[], options: RecommendOptions, self: Command) => {
    const colour = (self.optsWithGlobals() as { color?: boolean }).color !== false;
    // The advisor, the optimizer, the IaC writers and the AWS SDK load only when the command runs
    // (docs/ARCHITECTURE.md#start-up-time).
    const { runRecommend } = await import('./recommend-run.js');
    context.exitCode = await runRecommend(files, options, colour, context);
  });
}
