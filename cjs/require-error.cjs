/**
 * @module require-error: what `require('berth')` loads. Berth is an ES module; without this file a
 * CommonJS caller would get Node's "No exports main defined" error, which does not say what to do.
 */
const error = new Error(
  "require('berth') is not supported: berth is an ES module, load it with import('berth') or an import statement",
);
error.code = 'ERR_REQUIRE_ESM';
throw error;
