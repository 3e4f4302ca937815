/**
 * The API process. `npm run api` runs it alone (against DATABASE_URL / TEMPORAL_ADDRESS, or the
 * embedded services of a running `npm start` / `npm run devstack`); `npm start` calls `startApi`.
 */
import { Connection } from '@temporalio/client';
import { type Config, ConfigError, loadConfig } from '../config';
import { databaseReachable, openDatabase } from '../db';
import { createLogger, type Logger } from '../platform/logger';
import { temporalReachable } from '../platform/temporal';
import { locateServices, type Services } from '../scripts/devstack';
import { createApp } from './app';
import { listen, type RunningServer } from './server';

export interface RunningApi extends RunningServer {
  /** Closes the HTTP server, then the database pool and the Temporal connection. */
  stop(): Promise<void>;
}

export async function startApi(
  config: Config,
  services: Pick<Services, 'databaseUrl' | 'temporal'>,
  log: Logger,
): Promise<RunningApi> {
  const db = openDatabase(services.databaseUrl);
  // Lazy: the API starts (and reports 503) even while Temporal is down.
  const temporal = Connection.lazy({ address: services.temporal.address });
  const app = createApp({
    log,
    probes: [
      { name: 'postgres', check: () => databaseReachable(db.sequelize) },
      { name: 'temporal', check: () => temporalReachable(temporal) },
    ],
    info: { mode: config.trading.mode, marketData: config.trading.marketData },
  });
  const server = await listen(app, config.api.host, config.api.port);
  return {
    ...server,
    stop: async () => {
      await server.close();
      await Promise.allSettled([db.close(), temporal.close()]);
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'api');
  const api = await startApi(config, locateServices(config), log);
  log.info({ url: api.url }, 'API listening');
  const shutdown = () => void api.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  });
}
