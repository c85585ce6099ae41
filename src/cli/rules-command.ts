/** @module rules-command: `berth rules [--format table|json]` lists the rules with their sources. */
import { type Command, Option } from 'commander';
import type { loadRules } from '../rules/loader.js';
import type { CliContext } from './cli-context.js';
import { reportError } from './report-error.js';
import { resolveWidth } from './terminal.js';
import { layoutTable } from './text-table.js';

const RULES_FORMATS = ['table', 'json'] as const;

export function addRulesCommand(program: Command, context: CliContext): void {
  program
    .command('rules')
    .description('list the decision rules with their sources')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RULES_FORMATS).default('table'))
    .action(async (options: { format: (typeof RULES_FORMATS)[number] }) => {
      context.exitCode = await runRules(options.format, context);
    });
}

async function runRules(format: (typeof RULES_FORMATS)[number], { io }: CliContext): Promise<number> {
  try {
    // The rules (and the mathjs their conditions compile with) load only for this command.
    const { loadRules } = await import('../rules/loader.js');
    const rules = loadRules().map(({ condition: _compiled, ...rule }) => rule);
    if (format === 'json') {
      io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
      return 0;
    }
    const rows = rules.map((r) => [r.id, r.scope, effectCell(r.effect), r.source]);
    const columns = [
      { header: 'Rule' },
      { header: 'Scope' },
      { header: 'Effect' },
      { header: 'Source', wrap: true },
    ];
    io.stdout(`${layoutTable(columns, rows, resolveWidth(io)).join('\n')}\n`);
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}

function effectCell(effect: ReturnType<typeof loadRules>[number]['effect']): string {
  const target = effect.target
    ? [effect.target.orchestrator, effect.target.compute].filter(Boolean).join('/')
    : '';
  const where = target === '' ? 'all' : target;
  return effect.type === 'score'
    ? `score ${where} ${effect.weight > 0 ? '+' : ''}${effect.weight}`
    : `${effect.type} ${where}`;
}
