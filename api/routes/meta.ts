import { type Express } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { type ApiContext } from '../context';
import { defineRoute, type Route } from '../http/route';
import { type OpenApiDocument } from '../openapi';

/** Where the interactive page's assets (from node_modules, never a CDN) are served. */
const DOCS_ASSETS = '/docs/assets';
const DOCS_OPTIONS = {
  swaggerOptions: { url: '/api/openapi.json', persistAuthorization: true, validatorUrl: null },
  customSiteTitle: 'AI trading desk API',
};

/** Serves the Swagger UI assets; the page itself is the `/docs` route. */
export function mountDocsAssets(app: Express): void {
  app.use(DOCS_ASSETS, ...swaggerUi.serveFiles(undefined, DOCS_OPTIONS));
}

/** The page, with its asset links made absolute (the template's are relative to a trailing slash). */
function docsPage(): string {
  return swaggerUi.generateHTML(undefined, DOCS_OPTIONS).replaceAll('"./', `"${DOCS_ASSETS}/`);
}

/** The API document, the interactive docs page and the Prometheus metrics. */
export function metaRoutes(ctx: ApiContext, document: () => OpenApiDocument): Route[] {
  const page = docsPage();
  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This document (OpenAPI 3.1)',
      tag: 'meta',
      access: 'public',
      success: { status: 200, description: 'The OpenAPI document.', schema: z.record(z.string(), z.unknown()) },
      handle: async () => ({ ...document() }),
    }),
    defineRoute({
      method: 'get',
      path: '/docs',
      operationId: 'getDocsPage',
      summary: 'Interactive API documentation (Swagger UI)',
      tag: 'meta',
      access: 'public',
      success: { status: 200, description: 'An HTML page.', schema: z.string(), contentType: 'text/html' },
      raw: async (_input, res) => void res.type('html').send(page),
    }),
    defineRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'getMetrics',
      summary: 'Prometheus metrics: cycles, LLM latency/tokens/cost, orders, risk rejections, equity, HTTP',
      tag: 'meta',
      access: 'read',
      success: {
        status: 200,
        description: 'Prometheus text exposition format.',
        schema: z.string(),
        contentType: 'text/plain',
      },
      raw: async (_input, res) => {
        const { contentType, body } = await ctx.metrics.render();
        res.type(contentType).send(body);
      },
    }),
  ];
}
