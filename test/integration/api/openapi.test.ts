import { type Express } from 'express';
import request from 'supertest';
import { openApiPath } from '../../../api/http/route';
import { type ApiHarness, startApiHarness } from './harness';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness({ worker: false });
}, 60_000);
afterAll(() => api?.close());

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; parameters?: { name: string; in: string; required?: boolean }[] }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};
const doc = () => api.openapi.document as unknown as Doc;

/** `METHOD /path/{param}` of every route Express has mounted. */
function mountedRoutes(app: Express): string[] {
  const stack = (
    app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
  ).router.stack;
  return stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${openApiPath(layer.route!.path)}`)
      : [],
  );
}

function documentedOperations(): string[] {
  return Object.entries(doc().paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

test('every route the app serves is in the document, and every documented operation is served', () => {
  const mounted = mountedRoutes(api.app).sort();
  expect(documentedOperations().sort()).toEqual(mounted);
  // The seed's endpoints and issue 8's are all there.
  for (const op of [
    'GET /api/health',
    'GET /api/system/status',
    'POST /api/system/start-trading',
    'POST /api/system/stop-trading',
    'GET /api/accounts',
    'GET /api/accounts/{id}',
    'POST /api/accounts',
    'PATCH /api/accounts/{id}',
    'POST /api/accounts/{id}/start',
    'POST /api/accounts/{id}/pause',
    'POST /api/accounts/{id}/resume',
    'POST /api/accounts/{id}/stop',
    'POST /api/accounts/{id}/kill',
    'GET /api/portfolio/performance',
    'GET /api/portfolio/{accountId}',
    'GET /api/trades',
    'GET /api/trades/{id}',
    'POST /api/trades/execute',
    'GET /api/invocations',
    'GET /api/invocations/{id}',
    'GET /api/cycles',
    'GET /api/cycles/{id}',
    'GET /api/market-data/{symbol}',
    'GET /api/market-data/{symbol}/indicators',
    'GET /api/risk-events',
    'GET /api/events',
    'GET /api/openapi.json',
    'GET /docs',
    'GET /metrics',
  ])
    expect(mounted).toContain(op);
});

test('the document is well formed: unique operation ids, declared path parameters, resolvable references', () => {
  const d = doc();
  expect(d.openapi).toBe('3.1.0');
  const ids = Object.values(d.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
  expect(new Set(ids).size).toBe(ids.length);
  for (const [path, ops] of Object.entries(d.paths)) {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const op of Object.values(ops)) {
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect([path, declared.map((p) => p.name).sort()]).toEqual([path, [...inPath].sort()]);
      for (const p of declared) expect(p.required).toBe(true);
    }
  }
  const refs = [...JSON.stringify(d).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
  expect(refs.length).toBeGreaterThan(20);
  for (const ref of refs) expect(d.components.schemas).toHaveProperty([ref]);
  expect(d.components.securitySchemes).toHaveProperty('bearerAuth');
});

test('every documented operation is reachable (never the "no route" 404)', async () => {
  const sample: Record<string, string> = { id: '1', accountId: 'nobody', symbol: 'TCS' };
  for (const op of documentedOperations()) {
    const [method, template] = op.split(' ') as [string, string];
    if (template === '/api/events') continue; // an endless stream; see events.test.ts
    const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => sample[name] ?? 'x');
    const res = await api.call(method.toLowerCase() as 'get', path, method === 'GET' ? {} : { body: {} });
    expect([op, res.body?.error?.message ?? '']).not.toEqual([op, expect.stringMatching(/^No route for/)]);
  }
});

test('/docs is the interactive page, its assets served from node_modules (no CDN)', async () => {
  const page = await request(api.app).get('/docs');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toContain('text/html');
  const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  expect(assets.filter((a) => a.startsWith('/docs/assets/')).sort()).toEqual(
    [
      '/docs/assets/favicon-16x16.png',
      '/docs/assets/favicon-32x32.png',
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/assets/swagger-ui-init.js',
      '/docs/assets/swagger-ui-standalone-preset.js',
      '/docs/assets/swagger-ui.css',
    ].sort(),
  );
  expect(assets.filter((a) => /^(https?:)?\/\//.test(a))).toEqual([]);
  for (const asset of assets.filter((a) => a.startsWith('/docs/assets/'))) {
    expect([asset, (await request(api.app).get(asset)).status]).toEqual([asset, 200]);
  }
  const init = await request(api.app).get('/docs/assets/swagger-ui-init.js');
  expect(init.text).toContain('"/api/openapi.json"');
});
