/**
 * `npm start`: the whole desk in one command, on embedded defaults where nothing is configured.
 * Starts (or connects to) Postgres, Temporal and the Dhan simulator, migrates and seeds the
 * database, runs a worker, starts the accounts' workflows, then serves the API. Ctrl-C or SIGTERM stops everything in reverse order; a second Ctrl-C forces the exit.
 */
import { AccountControl } from '../api/control/account-control';
import { startApi } from '../api/main';
import { type Config, ConfigError, loadConfig } from '../config';
import { type Database, migrate, openDatabase, seed } from '../db';
import { connectClient } from '../platform/temporal';
import { createTradingWorker } from '../workers/create-worker';
import { resolveApiKey } from '../platform/api-key';
import { createLogger } from '../platform/logger';
import { routeTemporalLogs } from '../platform/temporal-logging';
import { type Services, startServices } from './devstack';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'desk');
  routeTemporalLogs(log);
  const say = (line: string) => console.log(line);

  say(`AI trading desk: ${config.trading.mode.toUpperCase()} trading, market data from ${config.trading.marketData}.`);
  const services = await startServices(config, say);
  const stopping: (() => Promise<void>)[] = [services.stop];
  let shutdownAt: number | undefined;
  const shutdown = async (signal: string) => {
    if (shutdownAt !== undefined) {
      // npm and tsx relay the terminal's Ctrl-C, so one key press arrives more than once.
      if (Date.now() - shutdownAt < 3_000) return;
      say('Forced exit.');
      process.exit(1);
    }
    shutdownAt = Date.now();
    say(`\n${signal}: stopping (press Ctrl-C again to force)…`);
    for (const stop of stopping.reverse()) await stop().catch((e: unknown) => log.error({ err: e }, 'stop failed'));
    say('Stopped. Nothing left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // `npm start` runs us under `sh -c`, which does not pass a SIGTERM on: if our parent goes away,
  // shut down rather than linger as an orphan holding the ports.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown('parent exited'), 1_000).unref();

  let applied: string[];
  let api: Awaited<ReturnType<typeof startApi>>;
  let accounts: string[];
  try {
    const db = openDatabase(services.databaseUrl);
    applied = await migrate(db.sequelize);
    await seed(db.models, {
      accounts: config.accounts,
      totalCapital: config.trading.totalCapital,
      mode: config.trading.mode,
    });
    const worker = await createTradingWorker({ config, ...services, log });
    stopping.push(() => worker.shutdown());
    accounts = await startAccounts(config, services, db);
    await db.close();
    api = await startApi(config, services, log);
    stopping.push(api.stop);
  } catch (e) {
    for (const stop of stopping.reverse()) await stop().catch(() => undefined);
    throw e;
  }
  const apiKey = resolveApiKey(config);

  const lines = [
    '',
    ...services.started.map((s) => `  started   ${s}`),
    `  database  ${applied.length ? `migrated (${applied.join(', ')})` : 'schema up to date'}; ${config.accounts.length} accounts seeded`,
    `  accounts  ${accounts.length ? accounts.join(', ') : 'none started (all stopped or killed)'}`,
    `  Dashboard ${api.url}/`,
    `  API       ${api.url}/api   (health: ${api.url}/api/health)`,
    `  API key   ${apiKey.source === 'API_KEY' ? 'from API_KEY' : `in ${apiKey.source}`} (send as "Authorization: Bearer <key>")`,
    ...(services.temporalUiUrl ? [`  Temporal  Web UI at ${services.temporalUiUrl}`] : []),
    `  LLM       ${config.llm.apiKey ? `OpenRouter at ${config.llm.baseUrl}` : 'no OPENROUTER_API_KEY: accounts use the rules-based decider'}`,
    '',
    `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`,
  ];
  say(lines.join('\n'));
}

/**
 * Starts (or attaches to) the workflow of every configured account that the user has not stopped or
 * killed; a paused account stays paused. Returns the ids started or already running.
 */
async function startAccounts(config: Config, services: Services, db: Database): Promise<string[]> {
  const client = await connectClient(services.temporal);
  try {
    const control = new AccountControl({ client, taskQueue: config.temporal.taskQueue, uiUrl: services.temporalUiUrl });
    const rows = await db.models.Account.findAll({ where: { id: config.accounts.map((a) => a.id) }, raw: true });
    const started: string[] = [];
    for (const row of rows) {
      if (row.status === 'stopped' || row.status === 'killed') continue;
      if (row.status === 'paused' && (await control.describe(row.id))?.running) continue;
      await control.start(row.id, { model: row.model, mode: row.mode });
      started.push(row.id);
    }
    return started;
  } finally {
    await client.connection.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
