import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler } from '../../../api/errors';
import { defineRoute, documentedStatuses, mountRoutes, openApiPath, type Route } from '../../../api/http/route';
import { createLogger } from '../../../platform/logger';

const pass: express.RequestHandler = (_req, _res, next) => next();
const deny: express.RequestHandler = (_req, res) => void res.status(401).json({ denied: true });

function appWith(routes: Route[], guards: Partial<{ requireKey: express.RequestHandler; readsPublic: boolean }> = {}) {
  const app = express();
  mountRoutes(app, routes, {
    requireKey: guards.requireKey ?? pass,
    writeLimit: pass,
    readsPublic: guards.readsPublic ?? false,
    bodyLimit: '1kb',
  });
  app.use(errorHandler(createLogger('silent')));
  return app;
}

const echo = defineRoute({
  method: 'post',
  path: '/things/:id',
  operationId: 'echo',
  summary: 'echo',
  tag: 't',
  access: 'write',
  params: z.strictObject({ id: z.coerce.number().int() }),
  query: z.strictObject({
    verbose: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  }),
  body: z.strictObject({ name: z.string().min(2) }),
  success: {
    status: 201,
    description: 'echoed',
    schema: z.object({ id: z.number(), name: z.string(), verbose: z.boolean() }),
  },
  handle: async ({ params, query, body }) => ({ id: params.id, name: body.name, verbose: query.verbose ?? false }),
});

describe('mountRoutes', () => {
  test('parses and converts params, query and body before the handler, and answers the success status', async () => {
    const res = await request(appWith([echo]))
      .post('/things/42?verbose=true')
      .send({ name: 'ab' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 42, name: 'ab', verbose: true });
  });

  test('names every bad field, unknown ones included', async () => {
    const res = await request(appWith([echo]))
      .post('/things/x?verbose=maybe&extra=1')
      .send({ name: 'a', more: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      'params.id': expect.stringContaining('number'),
      'query.verbose': expect.any(String),
      'query.extra': 'unknown field',
      'body.name': expect.stringContaining('>=2'),
      'body.more': 'unknown field',
    });
  });

  test('a body that is not JSON is 415; an empty body reads as {}', async () => {
    const text = await request(appWith([echo]))
      .post('/things/1')
      .set('Content-Type', 'text/plain')
      .send('name=ab');
    expect(text.status).toBe(415);
    const empty = await request(appWith([echo])).post('/things/1');
    expect(empty.body.error.fields).toEqual({ 'body.name': expect.any(String) });
  });

  test('the key guard runs for write routes, for read routes unless reads are public, never for public ones', async () => {
    const read = defineRoute({
      method: 'get',
      path: '/r',
      operationId: 'r',
      summary: 'r',
      tag: 't',
      access: 'read',
      success: { status: 200, description: 'ok', schema: z.object({ ok: z.boolean() }) },
      handle: async () => ({ ok: true }),
    });
    const open = { ...read, path: '/p', operationId: 'p', access: 'public' as const };
    const guarded = appWith([echo, read, open], { requireKey: deny });
    expect((await request(guarded).post('/things/1').send({ name: 'ab' })).status).toBe(401);
    expect((await request(guarded).get('/r')).status).toBe(401);
    expect((await request(guarded).get('/p')).status).toBe(200);
    const publicReads = appWith([read], { requireKey: deny, readsPublic: true });
    expect((await request(publicReads).get('/r')).status).toBe(200);
  });
});

describe('documentation helpers', () => {
  test('Express paths become OpenAPI templates', () => {
    expect(openApiPath('/api/accounts/:id/start')).toBe('/api/accounts/{id}/start');
    expect(openApiPath('/api/portfolio/:accountId')).toBe('/api/portfolio/{accountId}');
    expect(openApiPath('/api/health')).toBe('/api/health');
  });

  test('statuses follow from access, schemas and declared errors', () => {
    // write + params/query/body: success, 400 (input), 401 (key), 413/415 (body), 429 (limit), 500, 503.
    expect(documentedStatuses(echo)).toEqual([201, 400, 401, 413, 415, 429, 500, 503]);
    const read = {
      ...echo,
      access: 'read' as const,
      body: undefined,
      params: undefined,
      query: undefined,
      errors: [404],
    };
    expect(documentedStatuses(read)).toEqual([201, 401, 404, 500, 503]);
    expect(documentedStatuses(read, true)).toEqual([201, 404, 500, 503]);
  });
});
