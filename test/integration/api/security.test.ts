import request from 'supertest';
import { API_KEY, type ApiHarness, startApiHarness } from './harness';

describe('with the API key required for reads (the default)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ worker: false, corsOrigins: ['http://dash.test'] });
  }, 60_000);
  afterAll(() => api?.close());

  test('reads and writes without the key, or with a wrong one, are 401; the key is never echoed', async () => {
    for (const [method, path] of [
      ['get', '/api/accounts'],
      ['get', '/api/trades'],
      ['get', '/metrics'],
      ['post', '/api/system/start-trading'],
    ] as const) {
      const missing = await api.call(method, path, { auth: false });
      expect([path, missing.status, missing.body.error.code]).toEqual([path, 401, 'unauthorized']);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="ai-trading-desk"');
      const wrong = await api.call(method, path, {
        auth: false,
        headers: { Authorization: 'Bearer not-the-key-12345' },
      });
      expect(wrong.status).toBe(401);
      expect(JSON.stringify(wrong.body)).not.toContain('not-the-key');
      expect(JSON.stringify(wrong.body)).not.toContain(API_KEY);
    }
    // Same key, another spelling of the scheme: accepted.
    const lower = await api.call('get', '/api/accounts', {
      auth: false,
      headers: { Authorization: `bearer ${API_KEY}` },
    });
    expect(lower.status).toBe(200);
  });

  test('health, the API document and the docs page are public', async () => {
    for (const path of ['/api/health', '/api/openapi.json', '/docs'])
      expect([path, (await request(api.app).get(path)).status]).toEqual([path, 200]);
  });

  test('secure headers (helmet), no X-Powered-By, a request id on every answer', async () => {
    const res = await api.call('get', '/api/accounts', { headers: { 'X-Request-Id': 'trace-me-42' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('trace-me-42');
    const generated = await api.call('get', '/api/accounts', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('CORS answers only the allowed origins', async () => {
    const allowed = await api.call('get', '/api/accounts', { headers: { Origin: 'http://dash.test' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://dash.test');
    const other = await api.call('get', '/api/accounts', { headers: { Origin: 'http://evil.test' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(api.app)
      .options('/api/trades/execute')
      .set('Origin', 'http://dash.test')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Idempotency-Key');
  });

  test('bodies: too large is 413, not JSON is 415, broken JSON is 400', async () => {
    const huge = await api.call('post', '/api/accounts', { body: { id: 'x', padding: 'y'.repeat(100_000) } });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    const text = await request(api.app)
      .post('/api/accounts')
      .set('Authorization', `Bearer ${API_KEY}`)
      .set('Content-Type', 'text/plain')
      .send('id=x');
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const broken = await request(api.app)
      .post('/api/accounts')
      .set('Authorization', `Bearer ${API_KEY}`)
      .set('Content-Type', 'application/json')
      .send('{"id": ');
    expect([broken.status, broken.body.error]).toEqual([
      400,
      { code: 'invalid_json', message: 'The request body is not valid JSON.' },
    ]);
  });
});

describe('with API_READS_PUBLIC=true', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ worker: false, readsPublic: true });
  }, 60_000);
  afterAll(() => api?.close());

  test('reads need no key; writes still do', async () => {
    expect((await api.call('get', '/api/accounts', { auth: false })).status).toBe(200);
    expect((await api.call('get', '/metrics', { auth: false })).status).toBe(200);
    expect((await api.call('post', '/api/system/start-trading', { auth: false })).status).toBe(401);
  });

  test('the document then shows no key on read routes', () => {
    const paths = (
      api.openapi.document as unknown as { paths: Record<string, Record<string, { security: unknown[] }>> }
    ).paths;
    expect(paths['/api/accounts']!.get!.security).toEqual([]);
    expect(paths['/api/accounts']!.post!.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe('the rate limit on mutating routes', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness({ worker: false, writesPerMinute: 3 });
  }, 60_000);
  afterAll(() => api?.close());

  test('mutating routes are rate limited (3 a minute here, wrong keys included); reads are not', async () => {
    const statuses: number[] = [];
    statuses.push((await api.call('post', '/api/system/stop-trading', { auth: false, body: {} })).status);
    for (let i = 0; i < 3; i++)
      statuses.push((await api.call('post', '/api/system/stop-trading', { body: {} })).status);
    // A guess at the key counts too, so the limit also slows down key guessing.
    expect(statuses).toEqual([401, 200, 200, 429]);
    const limited = await api.call('post', '/api/system/start-trading');
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await api.call('get', '/api/accounts')).status).toBe(200);
  });
});
