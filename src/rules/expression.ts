/** @module expression: rule conditions as mathjs expressions, compiled at load in a locked-down instance. */

import type { MathNode } from 'mathjs';
import { createMathInstance } from '../mathjs.js';
import type { FactValue } from '../model/vocabulary.js';

// A dedicated instance; the escape hatches below are replaced after we keep our own parse handle, as the
// mathjs security guide recommends: https://mathjs.org/docs/expressions/security.html
const math = createMathInstance();
const parse = math.parse;

const DISABLED = [
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'simplify',
  'derivative',
  'compile',
  'resolve',
  'reviver',
  'chain',
] as const;
math.import(
  Object.fromEntries(
    DISABLED.map((name) => [
      name,
      () => {
        throw new Error(`function ${name} is disabled in rule expressions`);
      },
    ]),
  ),
  { override: true },
);

/** The only functions a rule condition may call. */
const ALLOWED_FUNCTIONS = new Set(['min', 'max', 'abs', 'ceil', 'floor', 'round']);
const ALLOWED_NODES = new Set([
  'ConstantNode',
  'SymbolNode',
  'OperatorNode',
  'ParenthesisNode',
  'FunctionNode',
  'ConditionalNode',
]);

export type Scope = Readonly<Record<string, FactValue>>;

export interface CompiledExpression {
  source: string;
  /** The fact names the expression reads, in order of first use. */
  facts: string[];
  evaluate(scope: Scope): unknown;
}

/**
 * Compiles a condition such as `gpus > 0 and not customAmi`. Throws an Error whose message says what is
 * wrong (syntax, a forbidden construct, an unknown fact); the loader adds the file name.
 */
export function compileExpression(source: string, knownFacts: ReadonlySet<string>): CompiledExpression {
  let node: MathNode;
  try {
    node = parse(source);
  } catch (error) {
    throw new Error(`cannot parse "${source}": ${(error as Error).message}`);
  }
  const facts: string[] = [];
  node.traverse((child, _path, parent) => {
    if (!ALLOWED_NODES.has(child.type)) {
      throw new Error(`"${source}" uses ${child.type}, which rule conditions do not allow`);
    }
    if (child.type === 'FunctionNode') {
      const fn = (child as unknown as { fn: MathNode & { name?: string } }).fn;
      if (fn.type !== 'SymbolNode' || !fn.name || !ALLOWED_FUNCTIONS.has(fn.name)) {
        // Named, so a long condition says which call is wrong.
        const called = fn.type === 'SymbolNode' && fn.name ? `${fn.name}()` : 'a function';
        throw new Error(
          `"${source}" calls ${called}, which is not allowed (allowed: ${[...ALLOWED_FUNCTIONS].join(', ')})`,
        );
      }
      return;
    }
    if (child.type === 'SymbolNode') {
      const name = (child as unknown as { name: string }).name;
      const isCallee =
        parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === child;
      if (isCallee) return;
      if (name === 'true' || name === 'false') return;
      if (!knownFacts.has(name)) throw new Error(`"${source}" reads unknown fact "${name}"`);
      if (!facts.includes(name)) facts.push(name);
    }
  });
  const compiled = node.compile();
  return {
    source,
    facts,
    evaluate: (scope) => compiled.evaluate(readFacts(scope, facts)),
  };
}

/**
 * The scope an expression evaluates in: a fresh map of only the facts it reads, so evaluation can change
 * nothing of the caller's. Copying the whole scope instead (some 60 facts, for every rule and service) was
 * most of the rules' time.
 */
function readFacts(scope: Scope, names: readonly string[]): Map<string, FactValue> {
  const read = new Map<string, FactValue>();
  for (const name of names) if (Object.hasOwn(scope, name)) read.set(name, scope[name]!);
  return read;
}
