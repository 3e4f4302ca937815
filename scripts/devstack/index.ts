import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config } from '../../config';
import { Secret } from '../../config/secret';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../platform/temporal';
import { startDhanSimulator } from '../../broker/simulator';
import { SIMULATOR_ACCESS_TOKEN, SIMULATOR_CLIENT_ID } from '../../workers/simulator';
import { startEmbeddedPostgres } from './postgres';
import { ensureTemporalCli } from './temporal-cli';
import { startTemporalDevServer } from './temporal-server';

/** Where the desk's backing services are, whether this process started them or not. */
export interface Services {
  readonly databaseUrl: Secret;
  readonly temporal: { readonly address: string; readonly namespace: string };
  /** Temporal Web UI, when known. */
  readonly temporalUiUrl?: string;
  /** Root URL of the Dhan simulator, in simulator mode. */
  readonly simulatorUrl?: string;
  /** What was started here (for the start-up banner). */
  readonly started: readonly string[];
  /** Stops what this process started (in reverse order); leaves external services alone. */
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'trading';

/**
 * Brings up the embedded defaults for whatever is not configured: a real Postgres in DATA_DIR when
 * DATABASE_URL is unset, and a Temporal dev server (SQLite history in DATA_DIR, Web UI) when
 * TEMPORAL_ADDRESS is unset. Search attributes are registered either way.
 */
export async function startServices(config: Config, log: (line: string) => void): Promise<Services> {
  mkdirSync(config.dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      const pgLog = createWriteStream(join(config.dataDir, 'postgres.log'), { flags: 'a' });
      const pg = await startEmbeddedPostgres({
        dir: join(config.dataDir, 'postgres'),
        port: config.database.embeddedPort,
        database: EMBEDDED_DATABASE,
        onLog: (line) => pgLog.write(`${line}\n`),
      });
      stops.push(async () => {
        await pg.stop();
        pgLog.end();
      });
      started.push(`Postgres (embedded) on 127.0.0.1:${pg.port}, data in ${join(config.dataDir, 'postgres')}`);
      databaseUrl = new Secret(pg.url);
    }

    const namespace = config.temporal.namespace;
    let address = config.temporal.address;
    let temporalUiUrl = config.temporal.uiUrl;
    if (!address) {
      const cliPath = ensureTemporalCli(config.temporal.cliPath, log);
      const temporalLog = createWriteStream(join(config.dataDir, 'temporal.log'), { flags: 'a' });
      const server = await startTemporalDevServer({
        cliPath,
        dbFile: join(config.dataDir, 'temporal.db'),
        stateDir: config.dataDir,
        port: config.temporal.devPort,
        uiPort: config.temporal.uiPort,
        namespace,
        onLog: (line) => temporalLog.write(`${line}\n`),
      });
      stops.push(async () => {
        await server.stop();
        temporalLog.end();
      });
      started.push(`Temporal dev server on ${server.address}, history in ${join(config.dataDir, 'temporal.db')}`);
      address = server.address;
      temporalUiUrl ??= server.uiUrl;
    } else {
      const connection = await Connection.connect({ address, connectTimeout: '10s' });
      await ensureSearchAttributes(connection, namespace);
      await connection.close();
    }
    let simulatorUrl: string | undefined;
    if (usesSimulator(config)) {
      const sim = await startDhanSimulator({
        port: config.simulator.port,
        accessToken: SIMULATOR_ACCESS_TOKEN,
        clientId: SIMULATOR_CLIENT_ID,
        market: config.simulator.dataDir
          ? { kind: 'replay', folder: config.simulator.dataDir }
          : { kind: 'synthetic', seed: config.simulator.seed },
        clock: { mode: 'stepped', start: config.simulator.start },
        exchange: { startingBalance: config.trading.totalCapital },
        rateLimits: false, // see workers/broker.ts

        onError: (error) => log(`dhan simulator: unexpected error ${String(error)}`),
      });
      stops.push(() => sim.close());
      simulatorUrl = sim.url.replace(/\/v2$/, '');
      started.push(
        `Dhan simulator at ${simulatorUrl} (market clock ${sim.control.clock().ist} IST, one bar per ${config.trading.simulatedTickMs / 1000} s)`,
      );
    }
    return { databaseUrl, temporal: { address, namespace }, temporalUiUrl, simulatorUrl, started, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * The coordinates of services that another process runs (`npm run worker` / `npm run api` next to
 * `npm start` or `npm run devstack`): the configured ones, else the embedded defaults in DATA_DIR.
 */
export function locateServices(config: Config): Omit<Services, 'stop' | 'started'> {
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    const passwordFile = join(config.dataDir, 'postgres', 'password');
    if (!existsSync(passwordFile))
      throw new Error(
        `DATABASE_URL is unset and no embedded Postgres was found in ${config.dataDir}. ` +
          'Run `npm start` (or `npm run devstack`) first, or set DATABASE_URL.',
      );
    const password = readFileSync(passwordFile, 'utf8').trim();
    databaseUrl = new Secret(
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.database.embeddedPort}/${EMBEDDED_DATABASE}`,
    );
  }
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`;
  const temporalUiUrl =
    config.temporal.uiUrl ?? (config.temporal.address ? undefined : `http://localhost:${config.temporal.uiPort}`);
  const simulatorUrl = usesSimulator(config)
    ? (config.simulator.url ?? `http://127.0.0.1:${config.simulator.port}`)
    : undefined;
  return { databaseUrl, temporal: { address, namespace: config.temporal.namespace }, temporalUiUrl, simulatorUrl };
}

/** Paper trading on simulated market data runs against the built-in Dhan simulator. */
function usesSimulator(config: Config): boolean {
  return config.trading.mode === 'paper' && config.trading.marketData === 'simulator';
}
