import { DEFAULT_ACCOUNTS } from '../../../contracts/account';
import { INSTRUMENTS } from '../../../core/instruments';
import { seed } from '../../../db';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const input = { accounts: DEFAULT_ACCOUNTS, totalCapital: 1_000_000, mode: 'paper' as const };

test('seeding twice leaves exactly the five stocks and the two accounts', async () => {
  await seed(db.models, input);
  await seed(db.models, input);
  const stocks = await db.models.Stock.findAll({ raw: true, order: [['symbol', 'ASC']] });
  expect(stocks.map((s) => [s.symbol, s.securityId, s.exchangeSegment])).toEqual([
    ['HDFCBANK', '1333', 'NSE_EQ'],
    ['ICICIBANK', '4963', 'NSE_EQ'],
    ['INFY', '1594', 'NSE_EQ'],
    ['RELIANCE', '2885', 'NSE_EQ'],
    ['TCS', '11536', 'NSE_EQ'],
  ]);
  expect(stocks).toHaveLength(INSTRUMENTS.length);
  const accounts = await db.models.Account.findAll({ raw: true, order: [['id', 'ASC']] });
  expect(accounts.map((a) => [a.id, a.model, a.allocatedCapital, a.stocks, a.strategies])).toEqual([
    ['claude', 'anthropic/claude-3.5-sonnet', 600_000, ['RELIANCE', 'TCS', 'INFY'], ['vwap', 'ema']],
    ['gpt', 'openai/gpt-4-turbo', 400_000, ['HDFCBANK', 'ICICIBANK'], ['rsi', 'smc']],
  ]);
});

test('a re-seed applies changed configuration but keeps the status the running system set', async () => {
  await db.models.Account.update({ status: 'paused' }, { where: { id: 'gpt' } });
  const changed = DEFAULT_ACCOUNTS.map((a) => (a.id === 'gpt' ? { ...a, model: 'openai/gpt-4o' } : a));
  await seed(db.models, { ...input, accounts: changed, totalCapital: 2_000_000 });
  const gpt = await db.models.Account.findByPk('gpt', { raw: true });
  expect(gpt).toMatchObject({ model: 'openai/gpt-4o', status: 'paused', allocatedCapital: 800_000 });
  expect(await db.models.Account.count()).toBe(2);
});
