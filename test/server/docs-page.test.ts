import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { BerthApp } from '../../src/server/app-services.js';
import { DOCS_CSP, findSwaggerUiDir, registerDocsRoutes } from '../../src/server/docs-page.js';

function appWith(swaggerUiDir: string | null): BerthApp {
  const app: BerthApp = new OpenAPIHono();
  registerDocsRoutes(app, swaggerUiDir);
  return app;
}

describe('GET /docs', () => {
  it('finds swagger-ui-dist where the repository installs it (a devDependency)', () => {
    expect(findSwaggerUiDir()).toMatch(/node_modules[\\/]swagger-ui-dist$/);
  });

  it('without swagger-ui-dist, serves a plain page that links the contract and says how to add the UI', async () => {
    const app = appWith(null);
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/openapi.yaml',
      '/openapi.json',
    ]);
    expect(html).toContain('npm install swagger-ui-dist');
    expect((await app.request('/docs/assets/swagger-ui-bundle.js')).status).toBe(404);
  });

  it('with swagger-ui-dist, serves Swagger UI from its files', async () => {
    const app = appWith(findSwaggerUiDir());
    expect(await (await app.request('/docs')).text()).toContain(
      '<script src="/docs/assets/swagger-ui-bundle.js">',
    );
    const bundle = await app.request('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('SwaggerUIBundle');
  });
});
