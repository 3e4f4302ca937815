/**
 * `npm start`: the whole desk in one command, on embedded defaults where nothing is configured.
 * Starts (or connects to) Postgres and Temporal, migrates and seeds the database, then runs the
 * API. Ctrl-C or SIGTERM stops everything in reverse order; a second Ctrl-C forces the exit.
 */
import { startApi } from '../api/main';
import { ConfigError, loadConfig } from '../config';
import { migrate, openDatabase, seed } from '../db';
import { resolveApiKey } from '../platform/api-key';
import { createLogger } from '../platform/logger';
import { startServices } from './devstack';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'desk');
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
  try {
    const db = openDatabase(services.databaseUrl);
    applied = await migrate(db.sequelize);
    await seed(db.models, {
      accounts: config.accounts,
      totalCapital: config.trading.totalCapital,
      mode: config.trading.mode,
    });
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
    `  API       ${api.url}/api   (health: ${api.url}/api/health)`,
    `  API key   ${apiKey.source === 'API_KEY' ? 'from API_KEY' : `in ${apiKey.source}`} (send as "Authorization: Bearer <key>")`,
    ...(services.temporalUiUrl ? [`  Temporal  Web UI at ${services.temporalUiUrl}`] : []),
    `  LLM       ${config.llm.apiKey ? `OpenRouter at ${config.llm.baseUrl}` : 'no OPENROUTER_API_KEY: accounts use the rules-based decider'}`,
    '',
    `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Press Ctrl-C to stop.`,
  ];
  say(lines.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
