/** The desk's Postgres for the command-line tools (`npm run backtest`, `npm run replay-decisions`). */
import { type Config } from '../config';
import { type Database, databaseReachable, migrate, openDatabase } from '../db';
import { locateServices } from '../scripts/devstack';

/** The desk's database when it can be reached (migrated, so the backtests table exists), else why not. */
export async function openDeskDatabase(config: Config): Promise<{ db?: Database; note?: string }> {
  let db: Database | undefined;
  try {
    db = openDatabase(locateServices(config).databaseUrl, { poolMax: 2 });
    if (!(await databaseReachable(db.sequelize))) throw new Error('the database does not answer');
    await migrate(db.sequelize);
    return { db };
  } catch (error) {
    await db?.close().catch(() => undefined);
    return { note: (error as Error).message };
  }
}
