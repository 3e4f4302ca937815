import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type Database, migrate, openDatabase } from '../../db';
import { requiredTestEnv, TEST_ENV } from '../setup/test-env';

export interface TestDatabase extends Database {
  readonly url: string;
  readonly name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: requiredTestEnv(TEST_ENV.postgresAdminUrl) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the shared test server, so each test file owns its schema.
 * @param migrated apply every migration first (default true)
 */
export async function createTestDatabase(migrated = true): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const url = new URL(requiredTestEnv(TEST_ENV.postgresAdminUrl));
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString(), { poolMax: 4 });
  if (migrated) await migrate(db.sequelize);
  return {
    ...db,
    url: url.toString(),
    name,
    drop: async () => {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
