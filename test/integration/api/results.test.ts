import { type ApiHarness, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';
import { insertClosedTrade, insertCycle, insertInvocation, insertOrder, insertSnapshot } from './fixtures';

/*
 * The leaderboard, closed round trips, fills and indicator series through the real app, on hand-made
 * rows (as the workers write them) and the in-process Dhan simulator, whose clock stands at 11:00 IST
 * on Friday 19 June 2026: "today" is that IST day.
 */
let api: ApiHarness;
let a: string;
let b: string;
const ids: Record<string, number> = {};

async function insertFill(f: { orderId: number; accountId: string; symbol: string; side: string; filledAt: string }) {
  const [row] = await api.db.sequelize.query<{ id: number }>(
    `INSERT INTO fills (order_id, trade_id, account_id, symbol, side, quantity, price, brokerage, stt, total_charges,
                        filled_at)
     VALUES (:orderId, :tradeId, :accountId, :symbol, :side, 5, 1400, 20, 1.75, 25.5, :filledAt) RETURNING id`,
    { replacements: { ...f, tradeId: `t-${f.orderId}-${f.filledAt}` }, type: 'SELECT' as never },
  );
  return row!.id;
}

beforeAll(async () => {
  api = await startApiHarness({ worker: false });
  a = uniqueAccountId('lba');
  b = uniqueAccountId('lbb');
  const db = api.db;
  await insertAccountRow(db, { id: a, capitalSharePct: 60, model: 'anthropic/claude-3.5-sonnet' });
  await insertAccountRow(db, { id: b, capitalSharePct: 40 });

  // Equity 6,00,000 → 6,30,000 (peak) → 5,98,500 (5 % below the peak) → 6,12,000.
  const snapshots: [string, number, number][] = [
    ['2026-06-18T09:55:00Z', 600_000, 0],
    ['2026-06-19T04:00:00Z', 630_000, 0],
    ['2026-06-19T05:00:00Z', 598_500, 0.05],
    ['2026-06-19T05:25:00Z', 612_000, 0.028571],
  ];
  for (const [marketTime, equity, drawdown] of snapshots)
    await insertSnapshot(db, { accountId: a, marketTime, cash: 400_000, equity, peak: 630_000, drawdown });
  await db.sequelize.query(
    `UPDATE portfolio_snapshots SET realised_pnl = 9000, unrealised_pnl = 3500, charges = 500
     WHERE account_id = :a AND market_time = '2026-06-19T05:25:00Z'`,
    { replacements: { a } },
  );

  // Three round trips, two of them winners after charges.
  await insertClosedTrade(db, {
    accountId: a,
    symbol: 'RELIANCE',
    netPnl: 5000,
    closedAt: '2026-06-19T04:10:00Z',
    seq: 2,
  });
  await insertClosedTrade(db, { accountId: a, symbol: 'TCS', netPnl: -1500, closedAt: '2026-06-19T04:40:00Z', seq: 4 });
  await insertClosedTrade(db, {
    accountId: a,
    symbol: 'RELIANCE',
    netPnl: 5500,
    closedAt: '2026-06-19T05:10:00Z',
    seq: 6,
  });

  // LLM cost: ₹2.00 yesterday, ₹0.84 + ₹1.16 today (by the market's IST day), none for b.
  await insertInvocation(db, {
    accountId: a,
    key: `${a}/1`,
    costInr: 2,
    costUsd: 0.024,
    createdAt: '2026-06-18T09:00:00Z',
  });
  await insertInvocation(db, {
    accountId: a,
    key: `${a}/2`,
    costInr: 0.84,
    costUsd: 0.01,
    createdAt: '2026-06-19T04:00:00Z',
  });
  await insertInvocation(db, {
    accountId: a,
    key: `${a}/3`,
    costInr: 1.16,
    costUsd: 0.014,
    createdAt: '2026-06-19T05:00:00Z',
  });
  await insertCycle(db, { accountId: a, marketTime: '2026-06-19T04:00:00Z' });

  ids.o1 = await insertOrder(db, { accountId: a, key: `${a}-o1`, status: 'TRADED' });
  ids.o2 = await insertOrder(db, { accountId: b, key: `${b}-o2`, status: 'TRADED', symbol: 'TCS' });
  await db.sequelize.query('UPDATE orders SET filled_quantity = quantity WHERE id IN (:ids)', {
    replacements: { ids: [ids.o1, ids.o2] },
  });
  ids.f1 = await insertFill({
    orderId: ids.o1,
    accountId: a,
    symbol: 'RELIANCE',
    side: 'BUY',
    filledAt: '2026-06-19T04:00:00Z',
  });
  ids.f2 = await insertFill({
    orderId: ids.o1,
    accountId: a,
    symbol: 'RELIANCE',
    side: 'SELL',
    filledAt: '2026-06-19T05:00:00Z',
  });
  ids.f3 = await insertFill({
    orderId: ids.o2,
    accountId: b,
    symbol: 'TCS',
    side: 'BUY',
    filledAt: '2026-06-19T04:30:00Z',
  });
}, 60_000);
afterAll(() => api?.close());

const idsOf = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

describe('GET /leaderboard', () => {
  test('books, drawdown, win rate, trades and LLM cost per account', async () => {
    const res = await api.call('get', '/api/leaderboard');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2026-06-19T05:30:00.000Z', today: '2026-06-19' });
    const byId = Object.fromEntries(res.body.accounts.map((x: { accountId: string }) => [x.accountId, x]));
    expect(byId[a]).toEqual({
      accountId: a,
      name: `Account ${a}`,
      model: 'anthropic/claude-3.5-sonnet',
      mode: 'paper',
      status: 'created',
      riskState: 'ACTIVE',
      allocatedCapital: 600_000,
      equity: 612_000,
      returnPct: 2,
      realisedPnl: 9000,
      unrealisedPnl: 3500,
      charges: 500,
      maxDrawdown: 0.05,
      closedTrades: 3,
      winningTrades: 2,
      winRate: 0.6667,
      filledOrders: 1,
      cycles: 1,
      decisions: 3,
      llmCost: { todayInr: 2, todayUsd: 0.024, totalInr: 4, totalUsd: 0.048 },
      lastSnapshotAt: '2026-06-19T05:25:00.000Z',
    });
  });

  test('an account that has not traded yet: its capital, no win rate, no cost', async () => {
    const res = await api.call('get', '/api/leaderboard');
    const row = res.body.accounts.find((x: { accountId: string }) => x.accountId === b);
    expect(row).toMatchObject({
      equity: 400_000,
      returnPct: 0,
      maxDrawdown: 0,
      closedTrades: 0,
      winRate: null,
      filledOrders: 1,
      llmCost: { todayInr: 0, todayUsd: 0, totalInr: 0, totalUsd: 0 },
      lastSnapshotAt: null,
    });
  });

  test('needs the API key', async () => {
    expect((await api.call('get', '/api/leaderboard', { auth: false })).status).toBe(401);
  });
});

describe('GET /closed-trades', () => {
  test('latest close first, filtered by account, symbol and time', async () => {
    const all = await api.call('get', `/api/closed-trades?account=${a}`);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((t: { netPnl: number }) => t.netPnl)).toEqual([5500, -1500, 5000]);
    expect(all.body.items[0]).toMatchObject({ symbol: 'RELIANCE', direction: 'LONG', charges: 20, grossPnl: 5520 });
    const tcs = await api.call('get', '/api/closed-trades?symbol=TCS');
    expect(tcs.body.items.map((t: { accountId: string }) => t.accountId)).toEqual([a]);
    const range = await api.call('get', '/api/closed-trades?from=2026-06-19T04:30:00Z&to=2026-06-19T05:00:00Z');
    expect(range.body.items.map((t: { symbol: string }) => t.symbol)).toEqual(['TCS']);
    expect((await api.call('get', `/api/closed-trades?account=${b}`)).body).toMatchObject({ items: [], total: 0 });
  });

  test('bad filters are 400 with the field', async () => {
    const bad = await api.call('get', '/api/closed-trades?symbol=WIPRO&limit=0');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['query.limit', 'query.symbol']);
  });
});

describe('GET /fills', () => {
  test('latest first with itemised charges, filtered by account, symbol, side and time', async () => {
    expect(idsOf((await api.call('get', '/api/fills')).body)).toEqual([ids.f2, ids.f3, ids.f1]);
    const mine = await api.call('get', `/api/fills?account=${a}&side=BUY`);
    expect(idsOf(mine.body)).toEqual([ids.f1]);
    expect(mine.body.items[0]).toMatchObject({ orderId: ids.o1, brokerage: 20, stt: 1.75, totalCharges: 25.5 });
    expect(idsOf((await api.call('get', '/api/fills?symbol=TCS')).body)).toEqual([ids.f3]);
    expect(idsOf((await api.call('get', '/api/fills?to=2026-06-19T04:30:00Z')).body)).toEqual([ids.f1]);
    expect((await api.call('get', '/api/fills?side=HOLD')).status).toBe(400);
  });
});

describe('GET /market-data/:symbol/series', () => {
  test('bars of the timeframe with the indicators the feature engine has at the last one', async () => {
    const res = await api.call('get', '/api/market-data/HDFCBANK/series?timeframe=15m&limit=30');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ symbol: 'HDFCBANK', timeframe: '15m', asOf: '2026-06-19T05:30:00.000Z' });
    expect(res.body.points).toHaveLength(30);
    const times = res.body.points.map((p: { time: string }) => Date.parse(p.time));
    expect(times.every((t: number, i: number) => i === 0 || t > times[i - 1]!)).toBe(true);

    const indicators = await api.call('get', '/api/market-data/HDFCBANK/indicators?timeframe=15m');
    const frame = indicators.body.frames['15m'];
    const last = res.body.points.at(-1);
    expect(last).toEqual({
      time: frame.time,
      open: frame.open,
      high: frame.high,
      low: frame.low,
      close: frame.close,
      volume: frame.volume,
      vwap: frame.vwap,
      ema9: frame.ema9,
      ema21: frame.ema21,
      ema50: frame.ema50,
      rsi14: frame.rsi14,
    });
    expect(res.body.levels).toEqual(frame.structure);
    for (const mark of res.body.structure)
      expect(res.body.points.map((p: { time: string }) => p.time)).toContain(mark.time);
  });

  test('the 15-minute bars are the ones the candles route serves', async () => {
    const series = await api.call('get', '/api/market-data/TCS/series?timeframe=15m&limit=4');
    const candles = await api.call('get', '/api/market-data/TCS?timeframe=15m&limit=4');
    expect(series.body.points.map((p: { time: string; close: number }) => [p.time, p.close])).toEqual(
      candles.body.candles.map((c: { time: string; close: number }) => [c.time, c.close]),
    );
  });

  test('unknown symbols are 404, bad timeframes 400', async () => {
    expect((await api.call('get', '/api/market-data/WIPRO/series')).status).toBe(404);
    const bad = await api.call('get', '/api/market-data/TCS/series?timeframe=1m');
    expect(Object.keys(bad.body.error.fields)).toEqual(['query.timeframe']);
  });
});
