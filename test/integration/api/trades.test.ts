import { QueryTypes } from 'sequelize';
import { type ApiHarness, eventually, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';

let api: ApiHarness;
let id: string;

beforeAll(async () => {
  api = await startApiHarness();
  id = uniqueAccountId('trd');
  await insertAccountRow(api.db, { id, stocks: ['RELIANCE', 'TCS'] });
  await api.call('post', `/api/accounts/${id}/start`);
  await eventually(async () => ((await api.call('get', `/api/accounts/${id}`)).body.live ? true : undefined));
}, 60_000);
afterAll(() => api?.close());

const count = async (sql: string, replacements: Record<string, unknown>) =>
  (await api.db.sequelize.query<{ n: number }>(sql, { replacements, type: QueryTypes.SELECT }))[0]?.n;
const ordersOf = (accountId: string) =>
  count('SELECT count(*)::int AS n FROM orders WHERE account_id = :accountId', { accountId });
const position = async (symbol: string) => {
  const live = (await api.call('get', `/api/accounts/${id}`)).body.live;
  return live.positions.find((p: { symbol: string }) => p.symbol === symbol)?.quantity ?? 0;
};
const trade = (key: string, body: Record<string, unknown>) =>
  api.call('post', '/api/trades/execute', { headers: { 'Idempotency-Key': key }, body });
const buy = (quantity: number, symbol = 'RELIANCE') => ({ accountId: id, symbol, side: 'BUY', quantity });

describe('POST /trades/execute', () => {
  test('trades once per Idempotency-Key: a repeat gets the same answer and no second order', async () => {
    const first = await trade('key-first-0001', buy(10));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accountId: id,
      idempotencyKey: 'key-first-0001',
      result: {
        orderKey: `${id}-m1`,
        verdict: 'approve',
        rule: 'all-rules',
        reason: 'passed every risk rule',
        status: 'TRADED',
        quantity: 10,
      },
    });
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const repeat = await trade('key-first-0001', buy(10));
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(await ordersOf(id)).toBe(1);
    expect(await position('RELIANCE')).toBe(10);
  });

  test('the same key for a different trade is a 409 and trades nothing', async () => {
    const res = await trade('key-first-0001', buy(5));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
    expect(await ordersOf(id)).toBe(1);
  });

  test('concurrent repeats of one request trade once', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => trade('key-burst-0002', buy(3, 'TCS'))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.result.orderKey))).toEqual(new Set([`${id}-m2`]));
    expect(await ordersOf(id)).toBe(2);
    expect(await position('TCS')).toBe(3);
  });

  test('an answer lost before it was stored is asked again, and the workflow answers without trading', async () => {
    const first = await trade('key-lost-00003', buy(2));
    // As if the API had crashed after the update but before storing the answer.
    await api.db.sequelize.query(
      "UPDATE api_idempotency_keys SET response = NULL, status_code = NULL WHERE key = 'key-lost-00003'",
    );
    const retry = await trade('key-lost-00003', buy(2));
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined(); // it came from the workflow again
    expect(retry.body).toEqual(first.body);
    expect(await ordersOf(id)).toBe(3);
    expect(await position('RELIANCE')).toBe(12);
  });

  test("the workflow's validator refuses a symbol the account does not trade: 400, no order", async () => {
    const res = await trade('key-refused-004', buy(1, 'INFY'));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'update_rejected',
      message: expect.stringContaining("INFY is not among the account's stocks"),
    });
    expect(await ordersOf(id)).toBe(3);
    // Refused for sure, so the key is forgotten: the refusal leaves no trace.
    expect(await count("SELECT count(*)::int AS n FROM api_idempotency_keys WHERE key = 'key-refused-004'", {})).toBe(
      0,
    );
  });

  test('a missing or malformed Idempotency-Key, a bad order, or an unknown account trade nothing', async () => {
    const noKey = await api.call('post', '/api/trades/execute', { body: buy(1) });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.fields).toHaveProperty(['headers.idempotency-key']);
    expect((await trade('short', buy(1))).status).toBe(400);

    const limitWithoutPrice = await trade('key-bad-000005', { ...buy(1), orderType: 'LIMIT' });
    expect(limitWithoutPrice.status).toBe(400);
    expect(limitWithoutPrice.body.error.fields).toEqual({ 'body.price': 'required for LIMIT' });
    const marketWithPrice = await trade('key-bad-000006', { ...buy(1), price: 1400 });
    expect(marketWithPrice.body.error.fields).toEqual({ 'body.price': 'not allowed for MARKET' });

    const ghost = await trade('key-ghost-00007', { ...buy(1), accountId: 'ghost' });
    expect(ghost.status).toBe(404);
    expect(await ordersOf(id)).toBe(3);
  });

  test('an account that is not running answers 409', async () => {
    const idle = uniqueAccountId('idle');
    await insertAccountRow(api.db, { id: idle });
    const res = await trade('key-idle-000008', { ...buy(1), accountId: idle });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('account_not_running');
    expect(await ordersOf(idle)).toBe(0);
  });
});

describe('GET /trades', () => {
  test('lists newest first with filters and pagination', async () => {
    const all = await api.call('get', `/api/trades?account=${id}`);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((t: { correlationId: string }) => t.correlationId)).toEqual([
      `${id}-m3`,
      `${id}-m2`,
      `${id}-m1`,
    ]);
    const tcs = await api.call('get', `/api/trades?account=${id}&symbol=TCS&side=BUY&status=TRADED&source=manual`);
    expect(tcs.body.items.map((t: { quantity: number }) => t.quantity)).toEqual([3]);
    const page = await api.call('get', `/api/trades?account=${id}&limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items[0].correlationId).toBe(`${id}-m2`);
    const future = await api.call('get', `/api/trades?account=${id}&from=2099-01-01T00:00:00Z`);
    expect(future.body).toMatchObject({ total: 0, items: [] });
  });

  test('bad filters are a 400 naming the parameter', async () => {
    const res = await api.call('get', '/api/trades?limit=500&side=HOLD&from=yesterday&acount=x');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(
      ['query.acount', 'query.from', 'query.limit', 'query.side'].sort(),
    );
    const backwards = await api.call('get', '/api/trades?from=2026-06-19T10:00:00Z&to=2026-06-19T09:00:00Z');
    expect(backwards.body.error.fields).toEqual({ 'query.to': '`to` must be later than `from`' });
  });

  test('one trade by id or correlation id, with its fills and risk verdicts', async () => {
    await api.db.sequelize.query(
      `INSERT INTO risk_events (event_key, account_id, correlation_id, rule, verdict, detail, market_time)
       VALUES (:key, :id, :corr, 'per-trade-risk', 'adjust', 'quantity 12 → 10', now())`,
      { replacements: { key: `${id}-m1/per-trade-risk`, id, corr: `${id}-m1` } },
    );
    const byKey = await api.call('get', `/api/trades/${id}-m1`);
    expect(byKey.status).toBe(200);
    expect(byKey.body.trade).toMatchObject({ symbol: 'RELIANCE', side: 'BUY', quantity: 10, filledQuantity: 10 });
    expect(byKey.body.fills).toEqual([
      expect.objectContaining({ tradeId: `${id}-m1`, quantity: 10, price: 100, totalCharges: 0 }),
    ]);
    expect(byKey.body.riskEvents).toEqual([expect.objectContaining({ rule: 'per-trade-risk', verdict: 'adjust' })]);
    const byId = await api.call('get', `/api/trades/${byKey.body.trade.id}`);
    expect(byId.body).toEqual(byKey.body);

    expect((await api.call('get', '/api/trades/999999999')).status).toBe(404);
    expect((await api.call('get', '/api/trades/nobody-m1')).body.error.code).toBe('trade_not_found');
    expect((await api.call('get', `/api/trades/${'x'.repeat(31)}`)).status).toBe(400);
  });
});
