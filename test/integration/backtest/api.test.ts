/**
 * Backtests in Postgres and through the API: the repository writes a real run (idempotent by run
 * key), `GET /api/backtests` lists and filters them, `GET /api/backtests/:id` returns the whole
 * result; every answer is checked against the OpenAPI document. Also the Postgres LLM reply cache.
 */
import { type BacktestRun } from '../../../backtest/engine/run';
import { type Metrics } from '../../../backtest/metrics';
import { postgresResponseCache } from '../../../backtest/store';
import { createRepositories, type Repositories } from '../../../db/repositories';
import { type ApiHarness, startApiHarness } from '../api/harness';
import { completeRow, startRow, walkBacktest } from '../../support/stored-backtests';

let api: ApiHarness;
let repos: Repositories;
let run: BacktestRun;
let metrics: Metrics;
const ids: Record<string, number> = {};

beforeAll(async () => {
  api = await startApiHarness({ worker: false });
  repos = createRepositories(api.db);
  const backtest = await walkBacktest();
  ({ run, metrics } = backtest);
  const start = (runKey: string, accountId: string) => startRow(repos.backtests, backtest, { runKey, accountId });
  ids.failed = await start('cli-failed', 'gpt');
  await repos.backtests.fail(ids.failed, 'no bars for HDFCBANK in ../data', Date.UTC(2026, 5, 20, 10, 1));
  ids.done = await start('cli-done', 'claude');
  await completeRow(repos.backtests, ids.done, backtest, 2);
  ids.running = await start('wf-running', 'claude');
  await repos.backtests.progress(ids.running, 0.25);
}, 60_000);

afterAll(() => api?.close());

test('the list: newest first, with headline results, filtered by account and status, paged', async () => {
  const all = await api.call('get', '/api/backtests');
  expect(all.status).toBe(200);
  expect(all.body.total).toBe(3);
  expect(all.body.items.map((b: { id: number }) => b.id)).toEqual([ids.running, ids.done, ids.failed]);
  const done = all.body.items[1];
  expect(done).toMatchObject({
    runKey: 'cli-done',
    accountId: 'claude',
    status: 'completed',
    fromDate: run.spec.from,
    toDate: run.spec.to,
    decider: 'rules',
    progress: 1,
    cycles: run.cycles,
    orders: run.orders.length,
    tradesCount: run.trades.length,
    error: null,
  });
  expect(done.netPnl).toBeCloseTo(metrics.netPnl, 2);
  expect(all.body.items[0]).toMatchObject({ status: 'running', progress: 0.25, finishedAt: null });
  expect(all.body.items[2]).toMatchObject({ status: 'failed', error: 'no bars for HDFCBANK in ../data' });

  const claude = await api.call('get', '/api/backtests?account=claude&status=completed');
  expect(claude.body.items.map((b: { id: number }) => b.id)).toEqual([ids.done]);
  const page = await api.call('get', '/api/backtests?limit=1&offset=1');
  expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
  expect(page.body.items.map((b: { id: number }) => b.id)).toEqual([ids.done]);
});

test('one backtest: spec, metrics, equity curves, trades and the printed summary', async () => {
  const res = await api.call('get', `/api/backtests/${ids.done}`);
  expect(res.status).toBe(200);
  const b = res.body;
  expect(b.spec).toMatchObject({ from: run.spec.from, capital: 600_000, account: { id: 'claude' } });
  expect(b.metrics.trades).toBe(metrics.trades);
  expect(b.metrics.sharpe).toBeCloseTo(metrics.sharpe!, 9);
  expect(b.dailyEquity).toEqual(run.days);
  expect(b.equityCurve).toHaveLength(run.equity.length);
  expect(b.equityCurve.at(-1).equity).toBeCloseTo(run.equity.at(-1)!.equity, 2);
  expect(b.trades).toHaveLength(run.trades.length);
  expect(b.trades[0]).toMatchObject({ symbol: run.trades[0]!.symbol, netPnl: run.trades[0]!.netPnl });
  expect(b.summary).toContain('Backtest claude');
  expect(b.files).toBeNull();
});

test('unknown ids are 404; malformed queries are 400 naming the field', async () => {
  const missing = await api.call('get', '/api/backtests/999999');
  expect(missing.status).toBe(404);
  expect(missing.body.error.code).toBe('backtest_not_found');
  const bad = await api.call('get', '/api/backtests?status=bogus&limit=0');
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.error.fields).sort()).toEqual(['query.limit', 'query.status']);
  expect((await api.call('get', '/api/backtests/abc')).status).toBe(400);
});

test('starting a run key again reopens its row instead of adding one', async () => {
  const again = await repos.backtests.start({
    runKey: 'cli-failed',
    accountId: 'gpt',
    fromDate: '2026-06-01',
    toDate: '2026-06-03',
    decider: 'rules',
    data: 'retry',
    spec: {},
    startedAt: Date.UTC(2026, 5, 21),
  });
  expect(again).toBe(ids.failed);
  const res = await api.call('get', `/api/backtests/${ids.failed}`);
  expect(res.body).toMatchObject({ status: 'running', error: null, data: 'retry', finishedAt: null });
  expect((await api.call('get', '/api/backtests')).body.total).toBe(3);
});

test('the Postgres LLM cache: a reply by key, the first writer wins', async () => {
  const cache = postgresResponseCache(repos.llmCache);
  const reply = (id: string) => ({ id, object: 'chat.completion', created: 1, model: 'm', choices: [] }) as never;
  expect(await cache.get('k1')).toBeUndefined();
  await cache.put('k1', { model: 'm', promptVersion: 'trade-v1', response: reply('first') });
  await cache.put('k1', { model: 'm', promptVersion: 'trade-v1', response: reply('second') });
  expect(await cache.get('k1')).toEqual(reply('first'));
});
