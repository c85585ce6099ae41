/**
 * @module mathjs: the mathjs library, loaded from the one-file build its package exports
 * (`mathjs/lib/browser/math.js`, the same version's code bundled into one UMD file) instead of its ES
 * module tree. Node loads that tree, about 1,300 files, in some 0.8 s; the one file in under 0.1 s. Every
 * cold start pays for it: each `berth` command, `import 'berth'`, and each advise worker of `berth serve`
 * (docs/ARCHITECTURE.md#start-up-time).
 */
import { createRequire } from 'node:module';
import type * as MathJs from 'mathjs';

const require = createRequire(import.meta.url);

/** The mathjs module: `create`, `all` and the rest, as `import * as mathjs from 'mathjs'` gives them. */
export const mathjs: typeof MathJs = require('mathjs/lib/browser/math.js');
