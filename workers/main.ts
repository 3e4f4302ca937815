/**
 * `npm run worker`: one trading worker process. Run several side by side (against the services of
 * `npm run devstack`, or DATABASE_URL / TEMPORAL_ADDRESS) and Temporal spreads the accounts over them.
 * SIGINT/SIGTERM drain in-flight tasks before exiting.
 */
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../platform/logger';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { locateServices } from '../scripts/devstack';
import { createTradingWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'worker');
  routeTemporalLogs(log);
  const services = locateServices(config);
  const worker = await createTradingWorker({ config, ...services, log });
  log.info({ taskQueue: config.temporal.taskQueue, temporal: services.temporal.address }, 'worker running');
  const stop = () => void worker.shutdown().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await worker.done;
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
