/**
 * `npm run migrate`            apply pending migrations (npm start does this too)
 * `npm run migrate -- down`    revert the last migration
 * `npm run migrate -- down 0`  revert every migration
 * `npm run migrate -- status`  list applied and pending migrations
 * Uses DATABASE_URL, else the embedded Postgres of a running `npm start` / `npm run devstack`.
 */
import { ConfigError, loadConfig } from '../config';
import { createMigrator, openDatabase } from '../db';
import { locateServices } from './devstack';

async function main(): Promise<void> {
  const [command = 'up', target] = process.argv.slice(2);
  const config = loadConfig();
  const db = openDatabase(locateServices(config).databaseUrl);
  const migrator = createMigrator(db.sequelize, (m) => console.log(m));
  try {
    if (command === 'up') await migrator.up();
    else if (command === 'down')
      await migrator.down(target === undefined ? undefined : { to: target === '0' ? 0 : target });
    else if (command === 'status') {
      for (const m of await migrator.executed()) console.log(`applied  ${m.name}`);
      for (const m of await migrator.pending()) console.log(`pending  ${m.name}`);
    } else throw new Error(`Unknown command "${command}": use up, down [to] or status.`);
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
