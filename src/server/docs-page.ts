/**
 * @module docs-page: GET /docs, an interactive API reference (Swagger UI) served entirely from this
 * server: the page, its script and stylesheet come from the swagger-ui-dist package, never from a CDN,
 * so it works offline and under a strict Content-Security-Policy (no inline script). swagger-ui-dist is
 * an optional peer dependency (its own dependency runs an install-time telemetry script, which a library
 * user should not get unasked); without it, /docs is a plain page that says how to add it and where the
 * contract is.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { BerthApp } from './app-services.js';
import { errorResponses } from './openapi-parts.js';

export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Berth API reference</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: true,
  validatorUrl: null,
});
`;

const ASSETS: Record<string, { file: string | null; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'init.js': { file: null, type: 'text/javascript; charset=utf-8' },
};

const docsRoute = createRoute({
  method: 'get',
  path: '/docs',
  operationId: 'getDocs',
  tags: ['Service'],
  summary: 'Interactive API reference (Swagger UI, served locally)',
  responses: {
    200: { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
    ...errorResponses({}),
  },
});

/** Shown at /docs when swagger-ui-dist is not installed: no script at all, the contract one link away. */
const PLAIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Berth API reference</title>
</head>
<body>
<h1>Berth API reference</h1>
<p>The contract: <a href="/openapi.yaml">/openapi.yaml</a> or <a href="/openapi.json">/openapi.json</a>.</p>
<p>The interactive reference needs the optional package swagger-ui-dist: run
<code>npm install swagger-ui-dist</code> beside berth and restart the server.</p>
</body>
</html>
`;

/** The folder of the installed swagger-ui-dist, or null when it is not installed. */
export function findSwaggerUiDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return null;
  }
}

const cache = new Map<string, string>();

function readAsset(dir: string, name: string): string | undefined {
  const asset = ASSETS[name];
  if (asset === undefined) return undefined;
  if (asset.file === null) return INIT;
  const file = path.join(dir, asset.file);
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/** `swaggerUiDir` is where swagger-ui-dist is installed; null serves the plain page and no assets. */
export function registerDocsRoutes(app: BerthApp, swaggerUiDir: string | null = findSwaggerUiDir()): void {
  app.openapi(docsRoute, (c) =>
    c.html(swaggerUiDir === null ? PLAIN_PAGE : PAGE, 200, { 'Content-Security-Policy': DOCS_CSP }),
  );
  app.get('/docs/assets/:name', (c) => {
    if (swaggerUiDir === null) return c.notFound();
    const name = c.req.param('name');
    const text = readAsset(swaggerUiDir, name);
    if (text === undefined) return c.notFound();
    const type = ASSETS[name]?.type ?? 'application/octet-stream';
    return c.body(text, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
  });
}
