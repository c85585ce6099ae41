/**
 * @module docs-page: GET /docs, an interactive API reference (Swagger UI) served entirely from this
 * server: the page, its script and stylesheet come from the swagger-ui-dist package, never from a CDN,
 * so it works offline and under a strict Content-Security-Policy (no inline script).
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

const cache = new Map<string, string>();

function readAsset(name: string): string | undefined {
  const asset = ASSETS[name];
  if (asset === undefined) return undefined;
  if (asset.file === null) return INIT;
  let text = cache.get(name);
  if (text === undefined) {
    const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    text = readFileSync(path.join(dir, asset.file), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function registerDocsRoutes(app: BerthApp): void {
  app.openapi(docsRoute, (c) => c.html(PAGE, 200, { 'Content-Security-Policy': DOCS_CSP }));
  app.get('/docs/assets/:name', (c) => {
    const name = c.req.param('name');
    const text = readAsset(name);
    if (text === undefined) return c.notFound();
    const type = ASSETS[name]?.type ?? 'application/octet-stream';
    return c.body(text, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
  });
}
