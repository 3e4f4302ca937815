import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../../db';
import { MIGRATIONS } from '../../../db/migrations';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const TABLES = [
  'account_ledgers',
  'accounts',
  'api_idempotency_keys',
  'backtests',
  'candles',
  'closed_trades',
  'cycles',
  'desk_events',
  'fills',
  'invocations',
  'llm_response_cache',
  'orders',
  'paper_orders',
  'paper_trades',
  'portfolio_snapshots',
  'positions',
  'risk_events',
  'signals',
  'stocks',
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(false);
});
afterAll(() => db.drop());

async function tables(): Promise<string[]> {
  const rows = await db.sequelize.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.tablename);
}

test('up applies every migration and creates the ledger tables', async () => {
  const migrator = createMigrator(db.sequelize);
  const applied = await migrator.up();
  expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
  expect(await tables()).toEqual(TABLES);
  expect(await migrator.pending()).toEqual([]);
});

test('up is a no-op when nothing is pending', async () => {
  expect(await createMigrator(db.sequelize).up()).toEqual([]);
});

test('down to 0 removes every table, and up again rebuilds them', async () => {
  const migrator = createMigrator(db.sequelize);
  const reverted = await migrator.down({ to: 0 });
  expect(reverted.map((m) => m.name)).toEqual([...MIGRATIONS].reverse().map((m) => m.name));
  expect(await tables()).toEqual([]);
  await migrator.up();
  expect(await tables()).toEqual(TABLES);
});
