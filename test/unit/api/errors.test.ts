import express from 'express';
import { ConnectionError } from 'sequelize';
import request from 'supertest';
import { z } from 'zod';
import { badRequest, errorHandler, fieldErrors, HttpError } from '../../../api/errors';
import { createLogger } from '../../../platform/logger';

function appThrowing(error: unknown, log = createLogger('silent')) {
  const app = express();
  app.use(express.json({ limit: '10b' }));
  app.post('/x', () => {
    throw error;
  });
  app.use(errorHandler(log));
  return app;
}

test('an unexpected error is a 500 that shows nothing of it, and is logged', async () => {
  const log = createLogger('silent');
  const logged = jest.spyOn(log, 'error');
  const res = await request(appThrowing(new Error('password=hunter2 at db.ts:12'), log)).post('/x');
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: { code: 'internal_error', message: 'Internal error; see the server log.' } });
  expect(logged).toHaveBeenCalledTimes(1);
});

test('HttpErrors keep their status, code, message and fields, and are not logged', async () => {
  const log = createLogger('silent');
  const logged = jest.spyOn(log, 'error');
  const res = await request(appThrowing(badRequest('nope', { 'body.a': 'too big' }), log)).post('/x');
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: { code: 'invalid_request', message: 'nope', fields: { 'body.a': 'too big' } } });
  expect(logged).not.toHaveBeenCalled();
});

test('body-parser and database failures get their own statuses', async () => {
  const big = await request(appThrowing(new HttpError(418, 'x', 'x')))
    .post('/x')
    .set('Content-Type', 'application/json')
    .send('{"aaaaaaaaaaaaaaaa": 1}');
  expect([big.status, big.body.error.code]).toEqual([413, 'payload_too_large']);
  const broken = await request(appThrowing(new HttpError(418, 'x', 'x')))
    .post('/x')
    .set('Content-Type', 'application/json')
    .send('{');
  expect([broken.status, broken.body.error.code]).toEqual([400, 'invalid_json']);
  const db = await request(appThrowing(new ConnectionError(new Error('ECONNREFUSED 127.0.0.1:5432')))).post('/x');
  expect(db.status).toBe(503);
  expect(db.body.error).toEqual({
    code: 'database_unavailable',
    message: 'The database is unavailable; try again later.',
  });
});

test('fieldErrors prefixes paths with the request part and names unknown keys one by one', () => {
  const schema = z.strictObject({ a: z.number(), b: z.strictObject({ c: z.string() }) });
  const parsed = schema.safeParse({ a: 'x', b: { c: 1, d: 2 }, e: 3 });
  expect(parsed.success).toBe(false);
  expect(fieldErrors('body', parsed.error!.issues)).toEqual({
    'body.a': 'Invalid input: expected number, received string',
    'body.b.c': 'Invalid input: expected string, received number',
    'body.b.d': 'unknown field',
    'body.e': 'unknown field',
  });
});
