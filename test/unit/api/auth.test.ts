import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../../api/errors';
import { requireApiKey } from '../../../api/http/auth';
import { Secret } from '../../../config/secret';
import { createLogger } from '../../../platform/logger';

const KEY = 'the-right-key-0123456789';
const app = express();
app.get('/x', requireApiKey(new Secret(KEY)), (_req, res) => void res.json({ ok: true }));
app.use(errorHandler(createLogger('silent')));

test.each([
  ['no header', undefined, 'Send the API key'],
  ['another scheme', `Basic ${KEY}`, 'Send the API key'],
  ['a wrong key', 'Bearer the-wrong-key-0123456789', 'The API key is wrong.'],
  ['a prefix of the key', `Bearer ${KEY.slice(0, -1)}`, 'The API key is wrong.'],
  ['the key plus more', `Bearer ${KEY}x`, 'The API key is wrong.'],
])('%s is refused with 401', async (_name, header, message) => {
  const req = request(app).get('/x');
  const res = header === undefined ? await req : await req.set('Authorization', header);
  expect(res.status).toBe(401);
  expect(res.body.error.message).toContain(message);
  expect(res.headers['www-authenticate']).toContain('Bearer');
});

test('the right key passes, whatever the case of "Bearer"', async () => {
  expect((await request(app).get('/x').set('Authorization', `Bearer ${KEY}`)).body).toEqual({ ok: true });
  expect((await request(app).get('/x').set('Authorization', `bearer ${KEY}`)).status).toBe(200);
});
