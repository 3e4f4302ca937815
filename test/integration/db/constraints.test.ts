import { UniqueConstraintError, DatabaseError } from 'sequelize';
import { DEFAULT_ACCOUNTS } from '../../../contracts/account';
import { seed } from '../../../db';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.models, { accounts: DEFAULT_ACCOUNTS, totalCapital: 1_000_000, mode: 'paper' });
});
afterAll(() => db.drop());

const order = (correlationId: string, quantity = 10) => ({
  correlationId,
  accountId: 'claude',
  symbol: 'RELIANCE',
  side: 'BUY' as const,
  quantity,
  orderType: 'MARKET',
  product: 'INTRADAY',
  source: 'rules',
});

test('an order correlation id can be recorded only once', async () => {
  await db.models.Order.create(order('claude-260601-0935-1'));
  await expect(db.models.Order.create(order('claude-260601-0935-1', 99))).rejects.toBeInstanceOf(UniqueConstraintError);
  const rows = await db.models.Order.findAll({ where: { correlationId: 'claude-260601-0935-1' }, raw: true });
  expect(rows).toHaveLength(1);
  expect(rows[0]?.quantity).toBe(10);
});

test('an insert that conflicts on the correlation id leaves the first order untouched (idempotent write)', async () => {
  await db.models.Order.bulkCreate([order('claude-260601-0940-1', 5)]);
  await db.models.Order.bulkCreate([order('claude-260601-0940-1', 500)], { ignoreDuplicates: true });
  const row = await db.models.Order.findOne({ where: { correlationId: 'claude-260601-0940-1' }, raw: true });
  expect(row?.quantity).toBe(5);
});

test.each([
  ['a correlation id Dhan would refuse', order('has space!')],
  ['a zero quantity', order('claude-260601-0945-1', 0)],
  ['an unknown side', { ...order('claude-260601-0945-2'), side: 'HOLD' }],
  ['an unknown symbol', { ...order('claude-260601-0945-3'), symbol: 'NOPE' }],
])('the database itself refuses %s', async (_what, row) => {
  await expect(db.models.Order.create(row as ReturnType<typeof order>)).rejects.toBeInstanceOf(DatabaseError);
});
