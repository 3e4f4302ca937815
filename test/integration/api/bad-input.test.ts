import { QueryTypes } from 'sequelize';
import { type ApiHarness, eventually, insertAccountRow, startApiHarness, uniqueAccountId } from './harness';

/*
 * Malformed and hostile requests against every mutating route and a sample of read routes: each
 * must get a 4xx in the documented error shape (the harness checks every answer against the OpenAPI
 * document), and together they must change nothing: the same rows in every table, the same workflow
 * runs in the same states.
 */
let api: ApiHarness;
let running: string;
let idle: string;

beforeAll(async () => {
  api = await startApiHarness();
  running = uniqueAccountId('bad');
  idle = uniqueAccountId('bid');
  await insertAccountRow(api.db, { id: running, capitalSharePct: 50 });
  await insertAccountRow(api.db, { id: idle, capitalSharePct: 50 });
  await api.call('post', `/api/accounts/${running}/start`);
  await eventually(async () => ((await api.call('get', `/api/accounts/${running}`)).body.live ? true : undefined));
}, 60_000);
afterAll(() => api?.close());

const TABLES = [
  'accounts',
  'cycles',
  'signals',
  'invocations',
  'orders',
  'fills',
  'positions',
  'portfolio_snapshots',
  'risk_events',
  'desk_events',
  'api_idempotency_keys',
];

/** Every row of every table, and each account workflow's run and live state. */
async function state() {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES)
    rows[table] = await api.db.sequelize.query(`SELECT * FROM ${table} ORDER BY 1`, { type: QueryTypes.SELECT });
  const workflows: Record<string, unknown> = {};
  for (const id of [running, idle]) {
    const detail = (await api.call('get', `/api/accounts/${id}`)).body;
    workflows[id] = { workflow: detail.workflow, live: detail.live };
  }
  return { rows, workflows };
}

const INJECTIONS = [
  "'; DROP TABLE accounts; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '../../etc/passwd',
  'a\u0000b',
  '{{7*7}}',
  'x'.repeat(10_000),
];

type Call = { method: 'get' | 'post' | 'patch'; path: string; body?: unknown; headers?: Record<string, string> };

function malformedRequests(): Call[] {
  const calls: Call[] = [];
  const trade = { accountId: running, symbol: 'RELIANCE', side: 'BUY', quantity: 1 };
  const key = { 'Idempotency-Key': 'bad-input-key-1' };
  const spec = { id: 'newacct', model: 'm/x', capitalSharePct: 1, stocks: ['TCS'], strategies: ['vwap'] };

  // Manual trades: wrong types, missing fields, unknown fields, hostile values, bad keys, unknown or idle accounts.
  for (const [field, value] of [
    ['quantity', '10'],
    ['quantity', 0],
    ['quantity', -5],
    ['quantity', 1.5],
    ['quantity', 1e9],
    ['quantity', null],
    ['side', 'HOLD'],
    ['side', 'buy'],
    ['symbol', 'WIPRO'],
    ['symbol', 123],
    ['orderType', 'ICEBERG'],
    ['product', 'MTF'],
    ['price', -1],
    ['stopLoss', 'low'],
    ['reason', ''],
    ['accountId', 'Not-An-Id'],
    ['accountId', 42],
    ['extra', true],
  ] as [string, unknown][])
    calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: { ...trade, [field]: value } });
  for (const missing of ['accountId', 'symbol', 'side', 'quantity']) {
    const { [missing as keyof typeof trade]: _, ...rest } = trade;
    calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: rest });
  }
  for (const value of INJECTIONS) {
    calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: { ...trade, symbol: value } });
    // HTTP clients refuse control characters in headers, so those values go in the body only.
    if (![...value].some((ch) => ch.charCodeAt(0) < 32))
      calls.push({ method: 'post', path: '/api/trades/execute', headers: { 'Idempotency-Key': value }, body: trade });
  }
  calls.push({ method: 'post', path: '/api/trades/execute', body: trade }); // no key
  calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: [trade] });
  calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: { ...trade, accountId: 'nobody' } });
  calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: { ...trade, accountId: idle } });
  calls.push({ method: 'post', path: '/api/trades/execute', headers: key, body: { ...trade, symbol: 'INFY' } }); // not its stock
  calls.push({
    method: 'post',
    path: '/api/trades/execute',
    headers: key,
    body: { ...trade, padding: 'p'.repeat(70_000) },
  });

  // Creating accounts.
  for (const [field, value] of [
    ['id', ''],
    ['id', 'UPPER'],
    ['id', 'waytoolongaccountid'],
    ['id', running], // taken
    ['capitalSharePct', 0],
    ['capitalSharePct', 101],
    ['capitalSharePct', '5'],
    ['capitalSharePct', 1], // valid, but shares would exceed 100 %
    ['stocks', []],
    ['stocks', ['TCS', 'TCS']],
    ['stocks', 'TCS'],
    ['strategies', ['martingale']],
    ['risk', { riskPerTradePct: 99 }],
    ['risk', { unknown: 1 }],
    ['model', ''],
    ['model', 'm'.repeat(101)],
  ] as [string, unknown][])
    calls.push({ method: 'post', path: '/api/accounts', body: { ...spec, [field]: value } });
  for (const value of INJECTIONS.slice(0, 5))
    calls.push({ method: 'post', path: '/api/accounts', body: { ...spec, id: value } });
  calls.push({ method: 'post', path: '/api/accounts', body: null });
  calls.push({ method: 'post', path: '/api/accounts', body: 'just a string' }); // sent as text: 415

  // Reconfiguring.
  for (const body of [
    {},
    { model: '' },
    { stocks: ['NOPE'] },
    { strategies: [] },
    { risk: { maxOpenPositions: 0 } },
    { risk: { dailyLossLimitPct: 'ten' } },
    { capitalSharePct: 5 }, // not patchable
    { model: 'refused/by-the-workflow' }, // the workflow's validator says no
  ])
    calls.push({ method: 'patch', path: `/api/accounts/${running}`, body });
  calls.push({ method: 'patch', path: '/api/accounts/nobody', body: { model: 'x/y' } });

  // Control: unknown accounts, hostile ids, bad bodies, conflicting actions.
  for (const action of ['start', 'pause', 'resume', 'stop', 'kill']) {
    calls.push({ method: 'post', path: `/api/accounts/nobody/${action}`, body: { reason: 'x' } });
    calls.push({ method: 'post', path: `/api/accounts/${encodeURIComponent("x' OR 1=1")}/${action}`, body: {} });
    calls.push({ method: 'post', path: `/api/accounts/${running}/${action}`, body: { reason: 42 } });
  }
  calls.push({ method: 'post', path: `/api/accounts/${running}/kill`, body: {} }); // kill needs a reason
  calls.push({ method: 'post', path: `/api/accounts/${running}/stop`, body: { flatten: 'yes' } });
  calls.push({ method: 'post', path: `/api/accounts/${idle}/pause`, body: {} }); // not running
  calls.push({ method: 'post', path: `/api/accounts/${idle}/stop`, body: {} });
  calls.push({ method: 'post', path: '/api/system/stop-trading', body: { flatten: 'no' } });
  calls.push({ method: 'post', path: '/api/system/stop-trading', body: { reason: INJECTIONS[0], extra: 1 } });

  // Reads with hostile or impossible parameters (reads change nothing anyway; they must still be 4xx).
  for (const value of INJECTIONS.slice(0, 5)) {
    const q = encodeURIComponent(value);
    calls.push({ method: 'get', path: `/api/trades?account=${q}` });
    calls.push({ method: 'get', path: `/api/trades/${q}` });
    calls.push({ method: 'get', path: `/api/market-data/${q}` });
  }
  for (const path of [
    '/api/trades?limit=0',
    '/api/trades?limit=1e9',
    '/api/trades?offset=-1',
    '/api/trades?from=tomorrow',
    '/api/trades?status=LOST',
    '/api/trades?limit=1&limit=2',
    '/api/invocations/abc',
    '/api/invocations/0',
    '/api/invocations/123456789',
    '/api/cycles/99999999',
    '/api/cycles?status=done',
    '/api/risk-events?verdict=maybe',
    '/api/portfolio/performance?points=1',
    '/api/portfolio/NOBODY',
    '/api/market-data/TCS?timeframe=7m',
    '/api/market-data/TCS/indicators?timeframe=1m',
    '/api/events?kinds=everything',
    '/api/accounts/nobody',
  ])
    calls.push({ method: 'get', path });
  return calls;
}

test('more than 100 malformed requests get 4xx in the error shape and change nothing', async () => {
  const before = await state();
  const calls = malformedRequests();
  expect(calls.length).toBeGreaterThanOrEqual(100);
  const answers: [string, number][] = [];
  for (const c of calls) {
    const res = await api.call(c.method, c.path, { body: c.body, headers: c.headers ?? {} });
    answers.push([
      `${c.method.toUpperCase()} ${c.path.slice(0, 60)} ${JSON.stringify(c.body ?? '').slice(0, 60)}`,
      res.status,
    ]);
    expect(res.body.error.code).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/); // no stack traces
  }
  const outside4xx = answers.filter(([, status]) => status < 400 || status >= 500);
  expect(outside4xx).toEqual([]);
  // Every kind of refusal was exercised.
  expect(new Set(answers.map(([, s]) => s))).toEqual(new Set([400, 404, 409, 413, 415]));
  expect(await state()).toEqual(before);
}, 120_000);
