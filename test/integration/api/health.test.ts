import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { startApi, type RunningApi } from '../../../api/main';
import { loadConfig } from '../../../config';
import { createLogger } from '../../../platform/logger';
import { locateServices } from '../../../scripts/devstack';
import { freePort } from '../../../scripts/devstack/ports';
import { requiredTestEnv, TEST_ENV } from '../../setup/test-env';

/**
 * Runs `npm run devstack`'s script as a real child process with its own embedded Postgres, so the
 * test can stop that database and watch /api/health report it.
 */
async function startDevstack(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../../../scripts/run-services.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    child.stdout?.on('data', (b: Buffer) => {
      output += b.toString();
      if (/^ready$/m.test(output)) ready();
    });
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    child.once('exit', (code) => fail(new Error(`devstack exited (${code}) before ready:\n${output}`)));
  });
  return child;
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

let dataDir: string;
let devstack: ChildProcess;
let api: RunningApi;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'desk-health-'));
  chmodSync(dataDir, 0o755);
  env = {
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_ADDRESS: requiredTestEnv(TEST_ENV.temporalAddress),
    API_PORT: '0',
    LOG_LEVEL: 'silent',
  };
  devstack = await startDevstack(env);
  const config = loadConfig(env);
  api = await startApi(config, locateServices(config), createLogger('silent'));
}, 60_000);

afterAll(async () => {
  await api?.stop();
  if (devstack) await stopped(devstack);
  rmSync(dataDir, { recursive: true, force: true });
});

test('health is ok when Postgres and Temporal both answer', async () => {
  const res = await request(api.url).get('/api/health');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: 'ok',
    checks: { postgres: { ok: true }, temporal: { ok: true } },
    mode: 'paper',
  });
});

test('health is 503 and names Postgres once the database is stopped', async () => {
  await stopped(devstack);
  const res = await request(api.url).get('/api/health');
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({
    status: 'unavailable',
    checks: { postgres: { ok: false }, temporal: { ok: true } },
  });
});

test('health is 503 and names Temporal when its server is unreachable', async () => {
  const config = loadConfig({ ...env, TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
  const other = await startApi(config, locateServices(config), createLogger('silent'));
  try {
    const res = await request(other.url).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body.checks.temporal).toMatchObject({ ok: false });
  } finally {
    await other.stop();
  }
});

test('an unknown route gets the one JSON error shape', async () => {
  const res = await request(api.url).get('/api/nope');
  expect(res.status).toBe(404);
  expect(res.body).toEqual({ error: { code: 'not_found', message: 'No route for GET /api/nope' } });
});
