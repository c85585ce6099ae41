/**
 * @module mathjs: mathjs instances, from the one-file build the mathjs package exports
 * (`mathjs/lib/browser/math.js`: the same version's code bundled into one UMD file) rather than its ES
 * module tree, which Node took about 0.8 s to load on every cold start: each `berth` command,
 * `import 'berth'`, and each advise worker of `berth serve` (docs/ARCHITECTURE.md#start-up-time).
 */
import { createRequire } from 'node:module';
import type { ConfigOptions, MathJsInstance } from 'mathjs';

/**
 * What requiring the bundle gives: mathjs's default instance, with every function, not the module's
 * factories (it has no `all`). Its `create` makes a new instance with the same functions and the given
 * config; mathjs's types declare an instance's `create` with the factories first, which is not how it runs.
 */
interface BundledMathJs extends Omit<MathJsInstance, 'create'> {
  create(config?: ConfigOptions): MathJsInstance;
}

const bundled = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as BundledMathJs;

/** A new mathjs instance with every function and the default config, shared with no other caller. */
export function createMathInstance(config?: ConfigOptions): MathJsInstance {
  return bundled.create(config);
}

/** The version of the mathjs code loaded. */
export const MATHJS_VERSION: string = bundled.version;
