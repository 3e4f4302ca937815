/**
 * The API process. `npm run api` runs it alone (against DATABASE_URL / TEMPORAL_ADDRESS, or the
 * embedded services of a running `npm start` / `npm run devstack`); `npm start` calls `startApi`.
 */
import { Client, Connection } from '@temporalio/client';
import { join } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../config';
import { databaseReachable, openDatabase } from '../db';
import { resolveApiKey } from '../platform/api-key';
import { createLogger, type Logger } from '../platform/logger';
import { temporalReachable } from '../platform/temporal';
import { locateServices, type Services } from '../scripts/devstack';
import { createApp } from './app';
import { AccountControl } from './control/account-control';
import { BacktestControl } from './control/backtest-control';
import { EventHub } from './events/hub';
import { defaultDashboardDir } from './http/dashboard';
import { postgresListen } from './events/pg-listener';
import { marketDataFromConfig } from './market-data/from-config';
import { listen, type RunningServer } from './server';

export interface RunningApi extends RunningServer {
  /** Closes the HTTP server, the event stream, then the database pool and the Temporal connection. */
  stop(): Promise<void>;
}

/** Builds the API's dependencies from the configuration and serves it on API_HOST:API_PORT. */
export async function startApi(
  config: Config,
  services: Pick<Services, 'databaseUrl' | 'temporal' | 'temporalUiUrl' | 'simulatorUrl'>,
  log: Logger,
): Promise<RunningApi> {
  const db = openDatabase(services.databaseUrl);
  // Lazy: the API starts (and reports 503) even while Temporal is down.
  const connection = Connection.lazy({ address: services.temporal.address });
  const client = new Client({ connection, namespace: services.temporal.namespace });
  const dashboardDir = defaultDashboardDir();
  if (!dashboardDir) log.warn('The dashboard is not built (dashboard/dist): run `npm run build` to serve it at /.');
  const events = new EventHub({ db: db.sequelize, listen: postgresListen(services.databaseUrl, log), log });
  const app = createApp({
    log,
    db: db.sequelize,
    control: new AccountControl({ client, taskQueue: config.temporal.taskQueue, uiUrl: services.temporalUiUrl }),
    backtests: new BacktestControl({
      client,
      taskQueue: config.temporal.taskQueue,
      uiUrl: services.temporalUiUrl,
      csvRoot: config.backtest.csvRoot,
      simulatorSeed: config.simulator.seed,
      reportsDir: join(config.dataDir, 'backtests'),
    }),
    marketData: marketDataFromConfig(config, services.simulatorUrl),
    events,
    probes: [
      { name: 'postgres', check: () => databaseReachable(db.sequelize) },
      { name: 'temporal', check: () => temporalReachable(connection) },
    ],
    settings: {
      mode: config.trading.mode,
      totalCapital: config.trading.totalCapital,
      readsPublic: config.api.readsPublic,
      temporal: { namespace: services.temporal.namespace, uiUrl: services.temporalUiUrl },
    },
    security: { apiKey: resolveApiKey(config).key, corsOrigins: config.api.corsOrigins },
    dashboardDir,
  });
  const server = await listen(app, config.api.host, config.api.port);
  return {
    ...server,
    stop: async () => {
      await server.close();
      await events.close();
      await Promise.allSettled([db.close(), connection.close()]);
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
