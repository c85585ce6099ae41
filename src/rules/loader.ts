/** @module loader: reads rules/**\/*.yaml, validates each file and compiles its condition. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BerthError } from '../errors.js';
import { describeIssues, toIssues } from '../issues.js';
import { RULES_DIR } from '../paths.js';
import { type CompiledExpression, compileExpression } from './expression.js';
import { SERVICE_FACT_NAMES, WORKLOAD_FACT_NAMES } from './facts.js';
import { type RuleFile, RuleFileSchema } from './rule-schema.js';

export interface Rule extends RuleFile {
  /** Path of the file relative to the rules folder, for messages. */
  file: string;
  condition: CompiledExpression;
}

/**
 * Loads every rule under `dir` (default: the package's rules/). Files starting with `_` are not rules.
 * A malformed file fails the whole load with its name and the reason, so a bad rule never reaches a request.
 */
export function loadRules(dir: string = RULES_DIR): Rule[] {
  const files = listYamlFiles(dir);
  const rules = files.map((path) => parseRuleFile(path, readFileSync(path, 'utf8'), relative(dir, path)));
  const byId = new Map<string, string>();
  for (const rule of rules) {
    const other = byId.get(rule.id);
    if (other !== undefined) {
      throw new BerthError(
        'RULE_INVALID',
        `duplicate rule id "${rule.id}": used by ${other} and ${rule.file}`,
      );
    }
    byId.set(rule.id, rule.file);
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** Parses one rule file's text; `file` names it in errors. */
export function parseRuleFile(path: string, text: string, file: string = basename(path)): Rule {
  const fail = (why: string, cause?: unknown): never => {
    throw new BerthError('RULE_INVALID', `could not load rule file ${file}: ${why}`, {
      cause,
      details: { file },
    });
  };
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return fail(`not valid YAML: ${(error as Error).message}`, error);
  }
  const parsed = RuleFileSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(describeIssues(toIssues(parsed.error)));
  }
  const rule = parsed.data;
  const expectedId = basename(path).replace(/\.ya?ml$/, '');
  if (rule.id !== expectedId) fail(`id "${rule.id}" does not match the file name "${expectedId}"`);
  const known = rule.scope === 'service' ? SERVICE_FACT_NAMES : WORKLOAD_FACT_NAMES;
  let condition: CompiledExpression;
  try {
    condition = compileExpression(rule.when, known);
  } catch (error) {
    return fail(`when: ${(error as Error).message}`, error);
  }
  for (const placeholder of rule.reason.matchAll(/\{(\w+)\}/g)) {
    const name = placeholder[1] ?? '';
    if (name !== 'service' && !known.has(name)) fail(`reason: unknown placeholder {${name}}`);
    if (name === 'service' && rule.scope !== 'service')
      fail('reason: {service} is only known in service rules');
  }
  return { ...rule, file, condition };
}

function listYamlFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true, encoding: 'utf8' });
  } catch (error) {
    throw new BerthError(
      'RULE_INVALID',
      `could not read the rules folder ${dir}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
