/**
 * `npm run devstack`: only the backing services (embedded Postgres, Temporal dev server + Web UI),
 * so that `npm run worker` and `npm run api` can run as separate processes, several workers included.
 * Prints one line per service, then `ready`; SIGINT/SIGTERM stop them.
 */
import { ConfigError, loadConfig } from '../config';
import { startServices } from './devstack';

async function main(): Promise<void> {
  const config = loadConfig();
  const services = await startServices(config, (line) => console.log(line));
  for (const line of services.started) console.log(`started ${line}`);
  if (services.temporalUiUrl) console.log(`Temporal Web UI ${services.temporalUiUrl}`);
  console.log('ready');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void services.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
