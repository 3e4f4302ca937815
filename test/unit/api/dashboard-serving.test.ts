import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { mountDashboard } from '../../../api/http/dashboard';

/*
 * The built dashboard served at / with an SPA fallback, on a bare Express app standing in for the API:
 * its routes come first and its 404 last, as in createApp.
 */
let dir: string;
let app: express.Express;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  app = express();
  app.get('/api/health', (_req, res) => void res.json({ status: 'ok' }));
  mountDashboard(app, dir);
  app.use((_req, res) => void res.status(404).json({ error: { code: 'not_found' } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('/ and deep links get the app, revalidated, under the dashboard policy', async () => {
  for (const path of ['/', '/accounts/claude', '/symbols/RELIANCE?tf=15m']) {
    const res = await request(app).get(path).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  }
});

test('hashed assets are served and cached for good', async () => {
  const res = await request(app).get('/assets/index-abc123.js');
  expect(res.status).toBe(200);
  expect(res.text).toBe('console.log(1)');
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('the fallback leaves /api, /docs and /metrics to the server', async () => {
  expect((await request(app).get('/api/health').set('Accept', 'text/html')).body).toEqual({ status: 'ok' });
  for (const path of ['/api/nope', '/api', '/docs/nope', '/metrics/x']) {
    const res = await request(app).get(path).set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found' } });
  }
});

test('requests that do not accept HTML, missing assets and other methods get the 404', async () => {
  expect((await request(app).get('/accounts/claude').set('Accept', 'application/json')).status).toBe(404);
  expect((await request(app).get('/assets/missing.js').set('Accept', 'text/html')).status).toBe(404);
  expect((await request(app).post('/accounts/claude').set('Accept', 'text/html')).status).toBe(404);
});
