/** @module rules-command: `berth rules [--format table|json]` lists the rules with their sources. */
import { parseArgs } from 'node:util';
import { loadRules } from '../rules/loader.js';
import type { CliIo } from './io.js';
import { table } from './render-text.js';
import { EXIT_USAGE, reportError } from './report-error.js';

export async function runRulesCommand(argv: string[], io: CliIo): Promise<number> {
  let format: string;
  try {
    format =
      parseArgs({ args: argv, options: { format: { type: 'string', short: 'f' } } }).values.format ?? 'table';
  } catch (error) {
    io.stderr(`berth rules: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (format !== 'table' && format !== 'json') {
    io.stderr(`berth rules: unknown --format "${format}": expected table or json\n`);
    return EXIT_USAGE;
  }
  try {
    const rules = loadRules().map(({ condition: _compiled, ...rule }) => rule);
    if (format === 'json') {
      io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
      return 0;
    }
    const rows = rules.map((r) => [r.id, r.scope, effectCell(r.effect), r.source]);
    io.stdout(`${table(['Rule', 'Scope', 'Effect', 'Source'], rows).join('\n')}\n`);
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
