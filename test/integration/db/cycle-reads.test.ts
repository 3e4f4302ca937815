/**
 * The repository reads and writes a cycle makes most often, against real Postgres: bars read by a
 * plain query come back exactly as stored, and a ledger change that leaves the ledger (or its
 * positions) as they were writes nothing.
 */
import { QueryTypes } from 'sequelize';
import { DEFAULT_ACCOUNTS } from '../../../contracts/account';
import { fillCharges } from '../../../core/costs';
import { applyFill, markToMarket, protectEntries, startDay } from '../../../core/ledger';
import { istTime } from '../../../core/time';
import { type Candle } from '../../../core/types';
import { seed } from '../../../db';
import { createRepositories, type Repositories } from '../../../db/repositories';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
let repos: Repositories;
beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.models, { accounts: DEFAULT_ACCOUNTS, totalCapital: 1_000_000, mode: 'paper' });
  repos = createRepositories(db);
});
afterAll(() => db.drop());

const T0 = istTime('2026-06-01', 9, 15);
const BAR = 300_000;

test('bars come back from the plain query as stored: epoch-ms times, numbers, oldest first, [from, to)', async () => {
  const bars: Candle[] = [2, 0, 1, 3].map((i) => ({
    time: T0 + i * BAR,
    open: 3512.35 + i,
    high: 3520.05 + i,
    low: 3501.1 + i,
    close: 3515.7 + i,
    volume: 2_147_483_648 + i, // beyond int32
  }));
  await repos.candles.upsert('TCS', '5m', bars);
  const read = await repos.candles.between('TCS', '5m', T0, T0 + 3 * BAR);
  expect(read).toEqual([...bars].sort((a, b) => a.time - b.time).slice(0, 3));
  expect(await repos.candles.between('TCS', '5m', T0 + BAR, T0 + BAR + 1)).toEqual([bars[2]]);
  expect(await repos.candles.between('INFY', '5m', T0, T0 + 3 * BAR)).toEqual([]);
});

async function ledgerWrittenAt(): Promise<Date> {
  const [row] = await db.sequelize.query<{ updatedAt: Date }>(
    `SELECT updated_at AS "updatedAt" FROM account_ledgers WHERE account_id = 'claude'`,
    { type: QueryTypes.SELECT },
  );
  return row!.updatedAt;
}

async function positionsWrittenAt(): Promise<string[]> {
  const rows = await db.sequelize.query<{ symbol: string; createdAt: Date; stopLoss: number | null }>(
    `SELECT symbol, created_at AS "createdAt", stop_loss AS "stopLoss" FROM positions WHERE account_id = 'claude'`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => `${r.symbol} ${r.createdAt.toISOString()} stop ${r.stopLoss}`);
}

test('a ledger change that returns the same ledger writes nothing; a mark keeps the positions rows', async () => {
  const now = T0 + 2 * BAR;
  const fill = {
    orderKey: 'claude-1',
    symbol: 'TCS',
    side: 'BUY' as const,
    quantity: 10,
    price: 3500,
    time: now,
    product: 'INTRADAY' as const,
  };
  await repos.ledgers.update('claude', 600_000, now, (l) =>
    applyFill(startDay(l, now), {
      ...fill,
      charges: fillCharges({ side: 'BUY', product: 'INTRADAY', price: 3500, quantity: 10, priorTurnover: 0 }),
    }),
  );
  const ledgerAt = await ledgerWrittenAt();
  const positions = await positionsWrittenAt();
  expect(positions).toHaveLength(1);

  // The day has already started: startDay returns the ledger itself.
  const same = await repos.ledgers.update('claude', 600_000, now + BAR, (l) => startDay(l, now + BAR));
  expect(await ledgerWrittenAt()).toEqual(ledgerAt);

  // A mark changes the ledger (written) but not its positions (rows kept as they were).
  const marked = await repos.ledgers.update('claude', 600_000, now + BAR, (l) => markToMarket(l, { TCS: 3550 }));
  expect(marked.marks.TCS).toBe(3550);
  expect(marked.cash).toBe(same.cash);
  expect((await repos.ledgers.load('claude', 600_000, now + BAR)).marks.TCS).toBe(3550);
  expect(await positionsWrittenAt()).toEqual(positions);

  // A recorded stop changes a position: the projection is rewritten with it.
  await repos.ledgers.update('claude', 600_000, now + BAR, (l) =>
    protectEntries(l, [{ orderKey: 'claude-1', symbol: 'TCS', stopLoss: 3450 }]),
  );
  const protectedRows = await positionsWrittenAt();
  expect(protectedRows).toHaveLength(1);
  expect(protectedRows[0]).toMatch(/ stop 3450$/);
});
