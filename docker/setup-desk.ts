/**
 * One-shot job of the compose cluster (`desk-setup`): migrates the desk's database, seeds the
 * stocks and the configured accounts, then starts (or attaches to) every account's workflow, the
 * way `npm start` does. Safe on every `docker compose up`: migrations and seeding are idempotent, a
 * running account is left running, and an account the user stopped, paused or killed stays so.
 */
import { AccountControl } from '../api/control/account-control';
import { ConfigError, loadConfig } from '../config';
import { migrate, openDatabase, seed } from '../db';
import { connectClient } from '../platform/temporal';
import { locateServices } from '../scripts/devstack';

async function main(): Promise<void> {
  const config = loadConfig();
  const services = locateServices(config);
  const db = openDatabase(services.databaseUrl);
  const client = await connectClient(services.temporal, '60s');
  try {
    const applied = await migrate(db.sequelize);
    console.log(`desk-setup: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
    await seed(db.models, {
      accounts: config.accounts,
      totalCapital: config.trading.totalCapital,
      mode: config.trading.mode,
    });
    const control = new AccountControl({ client, taskQueue: config.temporal.taskQueue, uiUrl: services.temporalUiUrl });
    const rows = await db.models.Account.findAll({ where: { id: config.accounts.map((a) => a.id) }, raw: true });
    for (const row of rows) {
      // `created` is a fresh account; `running` one whose workflow may have ended with the cluster.
      if (row.status !== 'created' && row.status !== 'running') {
        console.log(`desk-setup: ${row.id} is ${row.status}; left alone`);
        continue;
      }
      const { outcome } = await control.start(row.id, { model: row.model, mode: row.mode });
      console.log(`desk-setup: ${row.id} ${outcome.replace('_', ' ')}`);
    }
  } finally {
    await client.connection.close();
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(`desk-setup: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
