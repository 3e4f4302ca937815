import { type ApiHarness, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';
import {
  insertCycle,
  insertInvocation,
  insertOrder,
  insertPosition,
  insertRiskEvent,
  insertSignal,
  insertSnapshot,
} from './fixtures';

let api: ApiHarness;
let a: string;
let b: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  api = await startApiHarness({ worker: false });
  a = uniqueAccountId('rda');
  b = uniqueAccountId('rdb');
  const db = api.db;
  // 60 % and 40 % of ₹10,00,000.
  await insertAccountRow(db, { id: a, capitalSharePct: 60 });
  await insertAccountRow(db, { id: b, capitalSharePct: 40 });

  // Thursday 15:25 IST, Friday 09:30 and 11:30 IST.
  await insertSnapshot(db, { accountId: a, marketTime: '2026-06-18T09:55:00Z', cash: 610_000, equity: 610_000 });
  await insertSnapshot(db, {
    accountId: a,
    marketTime: '2026-06-19T04:00:00Z',
    cash: 500_000,
    equity: 605_000,
    peak: 610_000,
    drawdown: 0.008197,
  });
  await insertSnapshot(db, { accountId: a, marketTime: '2026-06-19T06:00:00Z', cash: 400_000, equity: 612_000 });
  await insertPosition(db, { accountId: a, symbol: 'RELIANCE', quantity: 100, avgPrice: 1400 });
  await insertPosition(db, { accountId: a, symbol: 'TCS', quantity: 0, avgPrice: 0 });
  await insertPosition(db, { accountId: a, symbol: 'INFY', quantity: -20, avgPrice: 1500 });

  ids.c1 = await insertCycle(db, {
    accountId: a,
    marketTime: '2026-06-19T04:00:00Z',
    startedAt: '2026-06-19T04:00:05Z',
    finishedAt: '2026-06-19T04:00:12Z',
  });
  ids.c2 = await insertCycle(db, { accountId: a, marketTime: '2026-06-19T04:05:00Z', status: 'failed', runId: null });
  ids.i1 = await insertInvocation(db, {
    accountId: a,
    cycleId: ids.c1,
    key: `${a}/1`,
    createdAt: '2026-06-19T04:00:06Z',
  });
  ids.i2 = await insertInvocation(db, {
    accountId: a,
    key: `${a}/2`,
    decider: 'rules',
    model: 'rules',
    createdAt: '2026-06-19T04:05:06Z',
  });
  ids.i3 = await insertInvocation(db, {
    accountId: b,
    key: `${b}/1`,
    model: 'openai/gpt-4o',
    createdAt: '2026-06-19T04:10:06Z',
  });
  ids.s1 = await insertSignal(db, { accountId: a, cycleId: ids.c1, marketTime: '2026-06-19T04:00:00Z' });
  ids.o1 = await insertOrder(db, { accountId: a, key: `${a}-c1-0`, cycleId: ids.c1 });
  ids.r1 = await insertRiskEvent(db, {
    accountId: a,
    key: `${a}/r1`,
    rule: 'per-trade-risk',
    verdict: 'reject',
    cycleId: ids.c1,
  });
  ids.r2 = await insertRiskEvent(db, { accountId: a, key: `${a}/r2`, rule: 'daily-loss', verdict: 'reject' });
  ids.r3 = await insertRiskEvent(db, { accountId: b, key: `${b}/r3`, rule: 'stop-loss', verdict: 'adjust' });
}, 60_000);
afterAll(() => api?.close());

const idsOf = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

describe('portfolio', () => {
  test('one account: latest snapshot, P&L against capital and the previous session, open positions', async () => {
    const res = await api.call('get', `/api/portfolio/${a}`);
    expect(res.status).toBe(200);
    // Capital 6,00,000; equity 6,12,000 → +12,000 (+2 %); the day started from Thursday's 6,10,000 → +2,000.
    expect(res.body).toMatchObject({
      accountId: a,
      allocatedCapital: 600_000,
      asOf: '2026-06-19T06:00:00.000Z',
      cash: 400_000,
      equity: 612_000,
      totalPnl: 12_000,
      returnPct: 2,
      dayPnl: 2_000,
      drawdown: 0,
      riskState: 'ACTIVE',
    });
    expect(res.body.positions.map((p: { symbol: string; quantity: number }) => [p.symbol, p.quantity])).toEqual([
      ['INFY', -20],
      ['RELIANCE', 100],
    ]);
  });

  test('an account before its first cycle holds its capital in cash', async () => {
    const res = await api.call('get', `/api/portfolio/${b}`);
    expect(res.body).toMatchObject({
      asOf: null,
      cash: 400_000,
      equity: 400_000,
      totalPnl: 0,
      dayPnl: 0,
      positions: [],
    });
  });

  test('performance: every account, series thinned evenly keeping the newest point', async () => {
    const res = await api.call('get', '/api/portfolio/performance?points=2');
    const byId = Object.fromEntries(res.body.accounts.map((x: { accountId: string }) => [x.accountId, x]));
    // 3 points thinned to every 2nd (ceil(3/2)) plus the newest: the 1st and the 3rd.
    expect(byId[a].points.map((p: { time: string }) => p.time)).toEqual([
      '2026-06-18T09:55:00.000Z',
      '2026-06-19T06:00:00.000Z',
    ]);
    expect(byId[a]).toMatchObject({ equity: 612_000, returnPct: 2, allocatedCapital: 600_000 });
    expect(byId[b]).toMatchObject({ equity: 400_000, returnPct: 0, points: [] });

    const friday = await api.call('get', `/api/portfolio/performance?account=${a}&from=2026-06-19T00:00:00%2B05:30`);
    expect(friday.body.accounts).toHaveLength(1);
    expect(friday.body.accounts[0].points.map((p: { equity: number }) => p.equity)).toEqual([605_000, 612_000]);
  });
});

describe('invocations', () => {
  test('newest first, filtered by account, model and decider', async () => {
    const page = await api.call('get', '/api/invocations?limit=2');
    expect(idsOf(page.body)).toEqual([ids.i3, ids.i2]);
    expect(page.body.total).toBe(3);
    expect(idsOf((await api.call('get', `/api/invocations?account=${a}`)).body)).toEqual([ids.i2, ids.i1]);
    expect(idsOf((await api.call('get', '/api/invocations?model=openai/gpt-4o')).body)).toEqual([ids.i3]);
    expect(idsOf((await api.call('get', '/api/invocations?decider=rules')).body)).toEqual([ids.i2]);
  });

  test('one invocation with its prompt and tool calls; unknown ids are 404, bad ones 400', async () => {
    const res = await api.call('get', `/api/invocations/${ids.i1}`);
    expect(res.body).toMatchObject({
      id: ids.i1,
      cycleId: ids.c1,
      toolCallCount: 1,
      inputTokens: 1000,
      outputTokens: 100,
      costUsd: 0.01,
      messages: [{ role: 'user', content: 'RELIANCE above VWAP' }],
      toolCalls: [{ name: 'buy_stock', arguments: { symbol: 'RELIANCE', quantity: 5 } }],
    });
    expect((await api.call('get', '/api/invocations/99999999')).status).toBe(404);
    for (const bad of ['abc', '0', '-1', '1.5'])
      expect((await api.call('get', `/api/invocations/${bad}`)).status).toBe(400);
  });
});

describe('cycles', () => {
  test('latest first, filtered', async () => {
    expect(idsOf((await api.call('get', `/api/cycles?account=${a}`)).body)).toEqual([ids.c2, ids.c1]);
    expect(idsOf((await api.call('get', '/api/cycles?status=failed')).body)).toEqual([ids.c2]);
    const range = await api.call('get', '/api/cycles?from=2026-06-19T04:00:00Z&to=2026-06-19T04:05:00Z');
    expect(idsOf(range.body)).toEqual([ids.c1]);
  });

  test('one cycle with what happened in it and its page in the Temporal Web UI', async () => {
    const res = await api.call('get', `/api/cycles/${ids.c1}`);
    expect(res.body.temporal).toEqual({
      workflowId: `cycle-${a}-2026-06-19T04:00:00Z`,
      runId: 'run-1',
      url: `http://ui.test/namespaces/default/workflows/cycle-${a}-2026-06-19T04%3A00%3A00Z/run-1`,
    });
    expect(res.body.cycle).toMatchObject({ status: 'completed', finishedAt: '2026-06-19T04:00:12.000Z' });
    expect(idsOf({ items: res.body.signals })).toEqual([ids.s1]);
    expect(idsOf({ items: res.body.invocations })).toEqual([ids.i1]);
    expect(idsOf({ items: res.body.trades })).toEqual([ids.o1]);
    expect(idsOf({ items: res.body.riskEvents })).toEqual([ids.r1]);

    const noRun = await api.call('get', `/api/cycles/${ids.c2}`);
    expect(noRun.body.temporal.url).toBe(
      `http://ui.test/namespaces/default/workflows/cycle-${a}-2026-06-19T04%3A05%3A00Z`,
    );
    expect((await api.call('get', '/api/cycles/424242')).body.error.code).toBe('cycle_not_found');
  });
});

describe('risk events', () => {
  test('newest first, filtered by account, verdict and rule', async () => {
    expect(idsOf((await api.call('get', `/api/risk-events?account=${a}&verdict=reject`)).body)).toEqual([
      ids.r2,
      ids.r1,
    ]);
    expect(idsOf((await api.call('get', '/api/risk-events?rule=stop-loss')).body)).toEqual([ids.r3]);
    expect((await api.call('get', '/api/risk-events?verdict=maybe')).status).toBe(400);
  });
});
