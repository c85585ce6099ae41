/**
 * @module require-error: what `require('berth')` loads. Berth is an ES module; without this file a
 * CommonJS caller would get Node's "No exports main defined" error, which does not say what to do.
 */
const error = new Error(
  "require() of berth is not supported: berth and its subpaths are ES modules, load them with import('berth') (or 'berth/optimizer', ...) or an import statement",
);
error.code = 'ERR_REQUIRE_ESM';
throw error;
