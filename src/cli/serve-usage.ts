/** @module serve-usage: the usage of `berth serve`, with the environment variables that configure it. */
import { SERVER_ENV } from '../server/config.js';
import { wrapText } from './wrap-text.js';

export const SERVE_USAGE = `Usage: berth serve [--port N] [--host H]

Serves the Berth REST API (POST /recommend, GET /, GET /docs, /openapi.yaml, /rules, /regions,
/healthz). SIGTERM or SIGINT drain in-flight requests, then exit.

Environment:
${Object.entries(SERVER_ENV)
  .map(([name, doc]) => [`  ${name}`, ...wrapText(doc, 94).map((line) => `      ${line}`)].join('\n'))
  .join('\n')}
  MALLOC_ARENA_MAX
      unset on glibc Linux: the server runs as a child process with MALLOC_ARENA_MAX=2, which keeps
      the worker threads' freed memory from staying resident; set it (any value) to keep one process
`;
